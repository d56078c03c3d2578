import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { QUICK, benchDatabase, closedLoop } from './harness.js';
import type { Benchmark } from './run.js';
import { withTx } from '../src/db/tx.js';
import { seedDemo } from '../src/seed/demo.js';
import { demoId } from '../src/seed/demo-id.js';
import { importOrderHistory } from '../src/insights/import.js';
import { trainRecommender, evaluateRecommender, modelCache, recommendationsFor } from '../src/insights/recs.js';
import { generateHistory } from '../src/insights/cli.js';

// MERCATO_BENCH_HISTORY_LINES only to try the benchmark out smaller; the reported figure is at 500,000.
const LINES = Number(process.env.MERCATO_BENCH_HISTORY_LINES ?? (QUICK ? 100_000 : 500_000));
const CLIENTS = 16;
const MERCHANT = demoId('merchant:casa-aurelia');

/**
 * Insights on the PostgreSQL server: import a seeded grocery-like history of 500,000 lines
 * (`mercato import orders` path: parse, COPY into staging, set-based merge), train the
 * recommender on it, serve "for you" at 16 clients, and evaluate offline on both synthetic
 * shapes (grocery and catalogue) against the popularity and personal-frequency baselines.
 */
export const benchmark: Benchmark = {
  name: 'insights',
  clients: [1, CLIENTS],
  async run(ceiling) {
    const dir = mkdtempSync(join(tmpdir(), 'mercato-insights-bench-'));
    const figures: Record<string, unknown> = { lines: LINES };
    try {
      const grocery = join(dir, 'grocery.csv.gz');
      await generateHistory(grocery, 'grocery', LINES, 42);
      const bench = await benchDatabase('insights', CLIENTS + 4);
      try {
        const { database } = bench;
        await withTx(database.db, (tx) => seedDemo(tx));
        const imported = await importOrderHistory(database, grocery, { merchantId: MERCHANT });
        const again = await importOrderHistory(database, grocery, { merchantId: MERCHANT });
        figures.import = {
          file: 'grocery.csv.gz', rows: imported.rows, orders: imported.ordersImported, customersCreated: imported.customersCreated, skusCreated: imported.skusCreated,
          seconds: imported.seconds, linesPerSecond: imported.linesPerSecond,
          pgbenchTpsOneClient: ceiling[1]?.tps, linesPerPgbenchTransaction: ceiling[1] ? Math.round((imported.linesPerSecond / ceiling[1].tps) * 10) / 10 : null,
          rerun: { seconds: again.seconds, ordersImported: again.ordersImported, ordersAlreadyImported: again.ordersAlreadyImported },
        };
        console.log(`import: ${imported.rows} lines in ${imported.seconds}s = ${imported.linesPerSecond} lines/s`);

        const asOf = new Date('2030-01-01T00:00:00Z');
        const training = await trainRecommender(database.db, asOf);
        figures.train = { orderLines: training.orderLines, customers: training.customers, skus: training.skus, pairs: training.pairs, seconds: training.seconds, weights: training.weights };
        console.log(`train: ${training.orderLines} lines in ${training.seconds}s`);

        const cache = modelCache(database.db);
        await cache.reload();
        const { rows } = await database.db.execute(sql`select account_id from insights_customer_refs order by external_ref limit 2000`);
        const accounts = rows.map((r) => String(r.account_id));
        const served = await closedLoop({
          clients: CLIENTS, seconds: QUICK ? 5 : 15,
          operation: (client, i) => recommendationsFor(database.db, cache, accounts[(client * 131 + i) % accounts.length], { kind: 'for_you', limit: 10, asOf }),
        });
        figures.recommend = { clients: CLIENTS, perSecond: served.perSecond, p50Ms: served.p50Ms, p99Ms: served.p99Ms, errors: served.errors, pgbenchTps: ceiling[CLIENTS]?.tps };
        console.log(`recommend: p50 ${served.p50Ms} ms, p99 ${served.p99Ms} ms at ${CLIENTS} clients`);

        const evalGrocery = await evaluateRecommender(database.db, asOf);
        figures.evaluateGrocery = evalGrocery;
      } finally {
        await bench.drop();
      }

      // The catalogue-like history in its own database, so each evaluation sees one shop.
      const catalogue = join(dir, 'catalogue.csv.gz');
      await generateHistory(catalogue, 'catalogue', Math.min(LINES, 200_000), 42);
      const second = await benchDatabase('insights_cat', 4);
      try {
        await withTx(second.database.db, (tx) => seedDemo(tx));
        await importOrderHistory(second.database, catalogue, { merchantId: MERCHANT });
        figures.evaluateCatalogue = await evaluateRecommender(second.database.db, new Date('2030-01-01T00:00:00Z'));
      } finally {
        await second.drop();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    return figures;
  },
};
