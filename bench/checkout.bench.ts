import { sql } from 'drizzle-orm';
import { QUICK, benchDatabase, closedLoop, summarise } from './harness.js';
import type { Benchmark } from './run.js';
import { withTx } from '../src/db/tx.js';
import type { Database } from '../src/db/client.js';
import { DomainError } from '../src/http/problem.js';
import type { Principal } from '../src/identity/model.js';
import { openCart, setCartLine } from '../src/orders/carts.js';
import { checkout } from '../src/flows/checkout.js';
import { HOME, SKUS, checkoutFixture } from './checkout-fixture.js';

const CLIENTS = 64;

async function placeOrder(database: Database, shopper: Principal, optionId: string, lines: Array<[string, number]>) {
  const cartId = await withTx(database.db, async (tx) => {
    const { cart } = await openCart(tx, { principal: shopper }, { channel: 'app', currency: 'EUR' });
    for (const [skuId, quantity] of lines) await setCartLine(tx, cart, skuId, quantity);
    return cart.id;
  });
  const t0 = performance.now();
  const result = await withTx(database.db, (tx) => checkout(tx, shopper, { cartId, access: { principal: shopper }, optionId, destination: HOME, payment: { provider: 'wallet' } }));
  return { result, checkoutMs: performance.now() - t0 };
}

export const benchmark: Benchmark = {
  name: 'checkout',
  clients: [CLIENTS],
  async run(ceiling) {
    const bench = await benchDatabase('checkout', CLIENTS);
    try {
      const { database } = bench;
      const { warehouse, skuIds, shoppers } = await checkoutFixture(database, CLIENTS);
      const optionId = `standard_shipping:${warehouse.id}`;

      // 1. Checkout throughput: 3-line carts of random SKUs, wallet payment.
      const checkoutLatencies: number[] = [];
      let seed = 42;
      const random = () => { seed = (seed * 1103515245 + 12345) % 2 ** 31; return seed / 2 ** 31; };
      const spread = await closedLoop({
        clients: CLIENTS, seconds: QUICK ? 5 : 20,
        operation: async (client) => {
          const lines = new Map<string, number>();
          while (lines.size < 3) lines.set(skuIds[Math.floor(random() * skuIds.length)], 1 + Math.floor(random() * 2));
          const { checkoutMs } = await placeOrder(database, shoppers[client], optionId, [...lines]);
          checkoutLatencies.push(checkoutMs);
        },
      });

      // 2. Flash sale through checkout: one SKU, 1,000 units, 20,000 attempts.
      const units = QUICK ? 200 : 1000;
      const attempts = QUICK ? 4000 : 20_000;
      const hot = skuIds[0];
      await database.db.execute(sql`update stock_levels set on_hand = ${units}, reserved = 0 where sku_id = ${hot}`);
      let tried = 0, sold = 0, soldOutAnswers = 0, otherErrors = 0, soldOutAtMs = 0;
      const otherErrorCodes: Record<string, number> = {};
      const started = performance.now();
      const flashLatencies: number[] = [];
      await Promise.all(shoppers.map(async (shopper) => {
        while (tried < attempts) {
          tried++;
          const t0 = performance.now();
          try {
            await placeOrder(database, shopper, optionId, [[hot, 1]]);
            sold++;
            if (sold === units) soldOutAtMs = performance.now() - started;
          } catch (error) {
            if (error instanceof DomainError && error.code.startsWith('inventory.')) soldOutAnswers++;
            else {
              otherErrors++;
              const code = error instanceof DomainError ? error.code : String((error as Error).message).slice(0, 80);
              otherErrorCodes[code] = (otherErrorCodes[code] ?? 0) + 1;
            }
          }
          flashLatencies.push(performance.now() - t0);
        }
      }));
      const { rows: [level] } = await database.db.execute(sql`select on_hand, reserved from stock_levels where sku_id = ${hot}`);
      const { rows: [orders] } = await database.db.execute(sql`select coalesce(sum(l.quantity), 0)::int as units from order_lines l join orders o on o.id = l.order_id where l.sku_id = ${hot} and o.status = 'paid'`);
      const summary = summarise(checkoutLatencies);
      return {
        clients: CLIENTS,
        skus: SKUS,
        checkout: { ordersPerSecond: spread.perSecond, errors: spread.errors, placeOrderP50Ms: spread.p50Ms, placeOrderP99Ms: spread.p99Ms, checkoutTxP50Ms: summary.p50Ms, checkoutTxP99Ms: summary.p99Ms, orders: spread.count },
        ratioToPgbench: Math.round((spread.perSecond / ceiling[CLIENTS].tps) * 100) / 100,
        flashSale: {
          units, attempts: tried, sold, soldOutAnswers, otherErrors, otherErrorCodes,
          oversold: Math.max(0, Number(orders.units) - units),
          stockAfter: { onHand: Number(level.on_hand), reserved: Number(level.reserved) },
          timeToSellOutMs: Math.round(soldOutAtMs), totalMs: Math.round(performance.now() - started), attemptLatency: summarise(flashLatencies),
        },
      };
    } finally {
      await bench.drop();
    }
  },
};
