/**
 * The long run of the generative lifecycle test (issue 11): random sequences of real operations
 * against the model, `mercato check` after every sequence, until at least `--ops` operations ran.
 *
 *   npm run lifecycle -- --backend pglite --ops 10000
 *   npm run lifecycle -- --backend postgres --ops 10000   (a throwaway database on the server)
 *
 * Writes bench/results/lifecycle-<backend>.json: operations, sequences, refusals by kind, seconds.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { openDatabase } from '../src/db/client.js';
import { migrate } from '../src/db/migrate.js';
import { checkInvariants, formatCheckReport } from '../src/check/invariants.js';
import { buildWorld, runLifecycle } from '../test/lifecycle.js';
import { benchDatabase } from './harness.js';

function option(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 && process.argv[at + 1] ? process.argv[at + 1] : fallback;
}

const backend = option('backend', 'pglite');
const target = Number(option('ops', '10000'));
const maxCommands = Number(option('commands', '60'));
const seed = Number(option('seed', String(Date.now() % 2_147_483_647)));

const bench = backend === 'postgres' ? await benchDatabase('lifecycle', 8) : null;
const database = bench?.database ?? await openDatabase({});
if (!bench) await migrate(database);
const started = performance.now();
let sequences = 0;
try {
  const world = await buildWorld(database);
  let batch = 0;
  while (world.ops.count < target) {
    await runLifecycle(world, { runs: 10, maxCommands, seed: seed + batch });
    sequences += 10;
    batch += 1;
    console.log(`${backend}: ${world.ops.count} operations, ${sequences} sequences, ${Math.round((performance.now() - started) / 1000)} s`);
  }
  const report = await checkInvariants(database.db, { heldGraceMs: 0, now: new Date(Date.now() + 20 * 60_000) });
  console.log(formatCheckReport(report));
  const figures = { backend, operations: world.ops.count, sequences, seed, checkClean: report.ok, seconds: Math.round((performance.now() - started) / 1000), refusals: world.ops.refused };
  mkdirSync('bench/results', { recursive: true });
  writeFileSync(`bench/results/lifecycle-${backend}.json`, JSON.stringify(figures, null, 2));
  console.log(JSON.stringify(figures));
  if (!report.ok) process.exitCode = 1;
} catch (error) {
  console.error(error instanceof Error ? `${error.message}\n${error.cause instanceof Error ? error.cause.stack : ''}` : error);
  process.exitCode = 1;
} finally {
  if (bench) await bench.drop();
  else await database.close();
}
