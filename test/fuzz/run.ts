/**
 * `npm run fuzz [-- --count 10000 --seed 42]`: the full generated-request run against an
 * in-memory PGlite with the demo data (or the PostgreSQL server in DATABASE_URL, which it must
 * be free to migrate and seed). Prints the answers by status and every bad answer; exits 1 on
 * any 5xx or any error answer that is not problem+json with a type.
 */
import { parseArgs } from 'node:util';
import { openDatabase } from '../../src/db/client.js';
import { migrate } from '../../src/db/migrate.js';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { withTx } from '../../src/db/tx.js';
import { isEmpty, seedDemo } from '../../src/seed/demo.js';
import { fuzz } from './fuzz.js';

const { values } = parseArgs({ options: { count: { type: 'string', default: '10000' }, seed: { type: 'string', default: String(Date.now() % 1_000_000) } } });
const count = Number(values.count);
const seed = Number(values.seed);

const database = await openDatabase({ url: process.env.DATABASE_URL || undefined });
await migrate(database);
if (await isEmpty(database.db)) await withTx(database.db, (tx) => seedDemo(tx));
const app = await buildApp({ config: loadConfig({}), database, logger: false });
await app.ready();
const result = await fuzz(app, database, {
  count, seed,
  onProgress: (done) => { if (done % 1000 === 0) process.stderr.write(`${done} requests\n`); },
});
await app.close();
await database.close();

console.log(JSON.stringify({ backend: database.kind, seed, sent: result.sent, seconds: result.ms / 1000, byStatus: result.byStatus, findings: result.findings.length }, null, 1));
for (const finding of result.findings) console.log(`- ${finding.request}\n  → ${finding.status} ${finding.contentType} ${finding.body}`);
process.exit(result.findings.length > 0 ? 1 : 0);
