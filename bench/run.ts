import { mkdirSync, writeFileSync } from 'node:fs';
import { QUICK, pgbenchCeiling } from './harness.js';

/**
 * `npm run bench`: runs every benchmark against the PostgreSQL server and writes
 * bench/results/<name>.json plus bench/results/summary.json. Each benchmark module exports
 * `run(ceiling)` and returns its figures; `ceiling` is pgbench tpcb-like TPS per client count,
 * measured once at the start of this same run. `-- --only name[,name…]` runs only those.
 */
export interface Ceiling { [clients: number]: { tps: number; latencyAvgMs: number } }
export type Benchmark = { name: string; clients: number[]; run: (ceiling: Ceiling) => Promise<Record<string, unknown>> };

const benchmarks: Array<() => Promise<Benchmark>> = [
  async () => (await import('./startup.bench.js')).benchmark,
  async () => (await import('./identity.bench.js')).benchmark,
  async () => (await import('./payments.bench.js')).benchmark,
  async () => (await import('./inventory.bench.js')).benchmark,
  async () => (await import('./catalog.bench.js')).benchmark,
  async () => (await import('./checkout.bench.js')).benchmark,
  async () => (await import('./checkout-http.bench.js')).benchmark,
  async () => (await import('./insights.bench.js')).benchmark,
];

const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1].split(',') : undefined;

async function main() {
  mkdirSync('bench/results', { recursive: true });
  const loaded = (await Promise.all(benchmarks.map((load) => load()))).filter((b) => !only || only.includes(b.name));
  const clientCounts = [...new Set(loaded.flatMap((b) => b.clients))].sort((a, b) => a - b);
  const ceiling: Ceiling = {};
  for (const clients of clientCounts) {
    const measured = pgbenchCeiling(clients, QUICK ? 3 : 10);
    ceiling[clients] = { tps: measured.tps, latencyAvgMs: measured.latencyAvgMs };
    console.log(`pgbench tpcb-like, ${clients} clients: ${measured.tps} TPS`);
  }
  const summary: Record<string, unknown> = { at: new Date().toISOString(), quick: QUICK, pgbenchTpcbLike: ceiling };
  for (const benchmark of loaded) {
    console.log(`\n== ${benchmark.name}`);
    const figures = await benchmark.run(ceiling);
    writeFileSync(`bench/results/${benchmark.name}.json`, JSON.stringify(figures, null, 2));
    console.log(JSON.stringify(figures, null, 2));
    summary[benchmark.name] = figures;
  }
  writeFileSync('bench/results/summary.json', JSON.stringify(summary, null, 2));
  console.log('\nwritten: bench/results/summary.json');
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
