import { workerData, parentPort } from 'node:worker_threads';
import { openDatabase } from '../src/db/client.js';
import { closedLoop } from './harness.js';
import { placeOrder } from './checkout.bench.js';
import type { Principal } from '../src/identity/model.js';

/**
 * One API process's share of the checkout benchmark: its own connection pool and its own
 * shoppers, as a second stateless API process behind a load balancer would have.
 */
const { url, shoppers, skuIds, optionId, seconds, seed } = workerData as { url: string; shoppers: Principal[]; skuIds: string[]; optionId: string; seconds: number; seed: number };
const database = await openDatabase({ url, poolSize: shoppers.length });
let state = seed;
const random = () => { state = (state * 1103515245 + 12345) % 2 ** 31; return state / 2 ** 31; };
const checkoutLatencies: number[] = [];
const result = await closedLoop({
  clients: shoppers.length, seconds,
  operation: async (client) => {
    const lines = new Map<string, number>();
    while (lines.size < 3) lines.set(skuIds[Math.floor(random() * skuIds.length)], 1 + Math.floor(random() * 2));
    const { checkoutMs } = await placeOrder(database, shoppers[client], optionId, [...lines]);
    checkoutLatencies.push(checkoutMs);
  },
});
await database.close();
parentPort!.postMessage({ count: result.count, errors: result.errors, elapsedSeconds: result.elapsedSeconds, checkoutLatencies });
