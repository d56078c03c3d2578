import { sql } from 'drizzle-orm';
import { QUICK, benchDatabase, closedLoop, summarise } from './harness.js';
import type { Benchmark } from './run.js';
import { withTx } from '../src/db/tx.js';
import type { Database } from '../src/db/client.js';
import { DomainError } from '../src/http/problem.js';
import { ReservationCoalescer, receiveStock, reserve } from '../src/inventory/index.js';
import { makeLocation, makeSkus } from '../src/inventory/test-fixtures.js';

/** Database connections: the same number of clients pgbench gets. */
const CONNECTIONS = 16;
/** Concurrent shoppers in the flash sale (far more than connections, as in the field). */
const BUYERS = 1000;
const SPREAD_SKUS = 1000;
const TTL = 15 * 60_000;

const isSoldOut = (error: unknown) => error instanceof DomainError && error.code === 'inventory.sold_out';

interface FlashSale { units: number; sold: number; oversold: number; timeToSellOutMs: number; reservationsPerSecond: number; p50Ms: number; p99Ms: number; soldOutAnswer: { p50Ms: number; p99Ms: number } }

/**
 * BUYERS shoppers loop on one SKU until the first sold-out answer; then a second wave of
 * BUYERS asks once more and must all hear sold-out. Oversold = held units beyond the stock.
 */
async function flashSale(database: Database, locationId: string, units: number, reserveOne: (skuId: string, buyer: number) => Promise<unknown>): Promise<FlashSale> {
  const [skuId] = await withTx(database.db, (tx) => makeSkus(tx, 1));
  await withTx(database.db, (tx) => receiveStock(tx, { skuId, locationId, quantity: units }));
  let sold = 0;
  let soldOut = false;
  const latencies: number[] = [];
  const started = performance.now();
  await Promise.all(Array.from({ length: BUYERS }, async (_, buyer) => {
    while (!soldOut) {
      const t0 = performance.now();
      try {
        await reserveOne(skuId, buyer);
        sold++;
      } catch (error) {
        if (!isSoldOut(error)) throw error;
        soldOut = true;
      }
      latencies.push(performance.now() - t0);
    }
  }));
  const elapsedMs = performance.now() - started;
  const late: number[] = [];
  await Promise.all(Array.from({ length: BUYERS }, async (_, buyer) => {
    const t0 = performance.now();
    await reserveOne(skuId, buyer).then(() => { sold++; }, (error) => { if (!isSoldOut(error)) throw error; });
    late.push(performance.now() - t0);
  }));
  const { rows } = await database.db.execute(sql`
    select s.on_hand, s.reserved, (select coalesce(sum(l.quantity), 0)::int from reservation_lines l where l.sku_id = s.sku_id) as held
    from stock_levels s where s.sku_id = ${skuId} and s.location_id = ${locationId}`);
  const held = Number(rows[0].held);
  if (Number(rows[0].reserved) !== held || held !== sold) throw new Error(`inconsistent: reserved ${rows[0].reserved}, held lines ${held}, sold ${sold}`);
  const all = summarise(latencies);
  const after = summarise(late);
  return {
    units, sold, oversold: Math.max(0, held - units),
    timeToSellOutMs: Math.round(elapsedMs), reservationsPerSecond: Math.round(sold / (elapsedMs / 1000)),
    p50Ms: all.p50Ms, p99Ms: all.p99Ms, soldOutAnswer: { p50Ms: after.p50Ms, p99Ms: after.p99Ms },
  };
}

/**
 * Reservations under load on the PostgreSQL server: spread over many SKUs (each its own row),
 * then a flash sale on one hot SKU, naive (one transaction per buyer, all queueing on the row
 * lock) against coalesced (one transaction per batch of waiting buyers).
 */
export const benchmark: Benchmark = {
  name: 'inventory',
  clients: [CONNECTIONS],
  async run(ceiling) {
    const bench = await benchDatabase('inventory', CONNECTIONS);
    try {
      const database = bench.database;
      const store = await withTx(database.db, (tx) => makeLocation(tx));
      const spreadSkus = await withTx(database.db, (tx) => makeSkus(tx, SPREAD_SKUS));
      await withTx(database.db, async (tx) => {
        for (const skuId of spreadSkus) await receiveStock(tx, { skuId, locationId: store.id, quantity: 1_000_000 });
      });
      await database.db.execute(sql`analyze`);
      const direct = (skuId: string, buyer: number) => withTx(database.db, (tx) => reserve(tx, [{ skuId, locationId: store.id, quantity: 1 }], { ttlMs: TTL, reference: `buyer:${buyer}` }));

      const spread = await closedLoop({
        clients: CONNECTIONS, seconds: QUICK ? 4 : 15,
        operation: (client, i) => direct(spreadSkus[(client * 7919 + i * 104_729) % SPREAD_SKUS], client),
      });

      // The same spread load through the coalescer: buyers of different SKUs share transactions.
      const coalescer = new ReservationCoalescer(database, { ttlMs: TTL });
      const viaCoalescer = (skuId: string, buyer: number) => coalescer.reserve({ skuId, locationId: store.id, quantity: 1, reference: `buyer:${buyer}` });
      const spreadCoalesced = await closedLoop({
        clients: CONNECTIONS, seconds: QUICK ? 4 : 15,
        operation: (client, i) => viaCoalescer(spreadSkus[(client * 7919 + i * 104_729) % SPREAD_SKUS], client),
      });
      const spreadCoalescedManyBuyers = await closedLoop({
        clients: 256, seconds: QUICK ? 4 : 15,
        operation: (client, i) => viaCoalescer(spreadSkus[(client * 7919 + i * 104_729) % SPREAD_SKUS], client),
      });

      const units = QUICK ? 3000 : 20_000;
      const naive = await flashSale(database, store.id, units, direct);
      const coalesced = await flashSale(database, store.id, units, viaCoalescer);
      await coalescer.idle();

      const tps = ceiling[CONNECTIONS].tps;
      const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100;
      return {
        connections: CONNECTIONS, buyers: BUYERS, pgbenchTpcbLikeTps: tps,
        spreadSkus: { skus: SPREAD_SKUS, reservationsPerSecond: spread.perSecond, p50Ms: spread.p50Ms, p99Ms: spread.p99Ms, errors: spread.errors, ratioToPgbench: ratio(spread.perSecond, tps) },
        spreadSkusCoalesced: { buyers: CONNECTIONS, reservationsPerSecond: spreadCoalesced.perSecond, p50Ms: spreadCoalesced.p50Ms, p99Ms: spreadCoalesced.p99Ms, errors: spreadCoalesced.errors, ratioToPgbench: ratio(spreadCoalesced.perSecond, tps) },
        spreadSkusCoalesced256Buyers: { buyers: 256, reservationsPerSecond: spreadCoalescedManyBuyers.perSecond, p50Ms: spreadCoalescedManyBuyers.p50Ms, p99Ms: spreadCoalescedManyBuyers.p99Ms, errors: spreadCoalescedManyBuyers.errors, ratioToPgbench: ratio(spreadCoalescedManyBuyers.perSecond, tps) },
        hotSkuNaive: { ...naive, ratioToPgbench: ratio(naive.reservationsPerSecond, tps) },
        hotSkuCoalesced: { ...coalesced, ratioToPgbench: ratio(coalesced.reservationsPerSecond, tps) },
        coalescedOverNaive: ratio(coalesced.reservationsPerSecond, naive.reservationsPerSecond),
        coalescedHotOverSpread: ratio(coalesced.reservationsPerSecond, spread.perSecond),
        oversoldUnits: naive.oversold + coalesced.oversold,
      };
    } finally {
      await bench.drop();
    }
  },
};
