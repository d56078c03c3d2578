import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { describeEachBackend } from '../../test/db.js';
import { pgCode, withTx } from '../db/tx.js';
import type { Db } from '../db/client.js';
import { DomainError } from '../http/problem.js';
import {
  adjustStock, availableToPromise, confirmReservation, countStock, getReservation, listMovements, receiveStock,
  releaseReservation, reserve, reserveBatch, returnToStock, sweepExpiredReservations, transferStock, ReservationCoalescer,
} from './index.js';
import { makeLocation, makeSkus } from './test-fixtures.js';

async function level(db: Db, skuId: string, locationId: string) {
  const { rows } = await db.execute(sql`select on_hand, reserved from stock_levels where sku_id = ${skuId} and location_id = ${locationId}`);
  return rows[0] ? { onHand: Number(rows[0].on_hand), reserved: Number(rows[0].reserved) } : undefined;
}

async function failure(promise: Promise<unknown>): Promise<DomainError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
}

const TTL = 15 * 60_000;

describeEachBackend('inventory stock and reservations', (use) => {
  let skuA: string, skuB: string;
  let store: string, other: string;

  beforeAll(async () => {
    await withTx(use().db, async (tx) => {
      [skuA, skuB] = await makeSkus(tx, 2);
      store = (await makeLocation(tx)).id;
      other = (await makeLocation(tx, { latitude: 40.42595, longitude: -3.68405 })).id;
    });
  });

  it('receives stock into the journal and reports it available per location and across the network', async () => {
    const { db } = use();
    await withTx(db, (tx) => receiveStock(tx, { skuId: skuA, locationId: store, quantity: 5, reason: 'delivery note 1' }));
    await withTx(db, (tx) => receiveStock(tx, { skuId: skuA, locationId: other, quantity: 3 }));
    const [atp] = await availableToPromise(db, [skuA]);
    expect(atp.network).toBe(8);
    expect(atp.locations.find((l) => l.locationId === store)?.available).toBe(5);
    const [only] = await availableToPromise(db, [skuA], [other]);
    expect(only.network).toBe(3);
    const journal = await listMovements(db, { locationId: store, skuId: skuA });
    expect(journal[0]).toMatchObject({ kind: 'receipt', quantity: 5, onHandAfter: 5, reason: 'delivery note 1' });
  });

  it('reserves several lines all-or-nothing and names the line that is sold out', async () => {
    const { db } = use();
    await withTx(db, (tx) => receiveStock(tx, { skuId: skuB, locationId: store, quantity: 1 }));
    const error = await failure(withTx(db, (tx) => reserve(tx, [
      { skuId: skuA, locationId: store, quantity: 2 },
      { skuId: skuB, locationId: store, quantity: 2 },
    ], { ttlMs: TTL, reference: 'cart:1' })));
    expect(error.code).toBe('inventory.sold_out');
    expect(error.extensions).toMatchObject({ line: 1, skuId: skuB, requested: 2, available: 1 });
    // The first line was rolled back with the second.
    expect(await level(db, skuA, store)).toEqual({ onHand: 5, reserved: 0 });
  });

  it('refuses a second reservation when the last unit is held', async () => {
    const { db } = use();
    const held = await withTx(db, (tx) => reserve(tx, [{ skuId: skuB, locationId: store, quantity: 1 }], { ttlMs: TTL, reference: 'cart:2' }));
    expect(held.status).toBe('held');
    const error = await failure(withTx(db, (tx) => reserve(tx, [{ skuId: skuB, locationId: store, quantity: 1 }], { ttlMs: TTL, reference: 'cart:3' })));
    expect(error.code).toBe('inventory.sold_out');
    await withTx(db, (tx) => releaseReservation(tx, held.id));
    expect(await level(db, skuB, store)).toEqual({ onHand: 1, reserved: 0 });
    expect((await failure(withTx(db, (tx) => releaseReservation(tx, held.id)))).code).toBe('inventory.reservation_not_held');
  });

  it('confirms a reservation into a sale movement and refuses to confirm it twice', async () => {
    const { db } = use();
    const held = await withTx(db, (tx) => reserve(tx, [{ skuId: skuA, locationId: store, quantity: 2 }, { skuId: skuA, locationId: store, quantity: 1 }], { ttlMs: TTL, reference: 'order:7' }));
    expect(held.lines).toEqual([{ skuId: skuA, locationId: store, quantity: 3 }]);
    expect(await level(db, skuA, store)).toEqual({ onHand: 5, reserved: 3 });
    await withTx(db, (tx) => confirmReservation(tx, held.id));
    expect(await level(db, skuA, store)).toEqual({ onHand: 2, reserved: 0 });
    const [sale] = await listMovements(db, { locationId: store, skuId: skuA });
    expect(sale).toMatchObject({ kind: 'sale', quantity: -3, onHandAfter: 2, reference: 'order:7' });
    expect((await failure(withTx(db, (tx) => confirmReservation(tx, held.id)))).code).toBe('inventory.reservation_not_held');
  });

  it('returns expired holds to stock through the sweeper and refuses to confirm them', async () => {
    const { db } = use();
    const past = new Date(Date.now() - 60_000);
    const held = await withTx(db, (tx) => reserve(tx, [{ skuId: skuA, locationId: other, quantity: 2 }], { ttlMs: 1000, reference: 'cart:old', now: past }));
    expect(await level(db, skuA, other)).toEqual({ onHand: 3, reserved: 2 });
    expect((await failure(withTx(db, (tx) => confirmReservation(tx, held.id)))).code).toBe('inventory.reservation_expired');
    const swept = await withTx(db, (tx) => sweepExpiredReservations(tx));
    expect(swept).toEqual({ reservations: 1, units: 2 });
    expect(await level(db, skuA, other)).toEqual({ onHand: 3, reserved: 0 });
    expect((await getReservation(db, held.id)).status).toBe('expired');
    expect(await withTx(db, (tx) => sweepExpiredReservations(tx))).toEqual({ reservations: 0, units: 0 });
  });

  it('never lets an adjustment or a count take on-hand below what is reserved', async () => {
    const { db } = use();
    const held = await withTx(db, (tx) => reserve(tx, [{ skuId: skuA, locationId: store, quantity: 2 }], { ttlMs: TTL, reference: 'cart:9' }));
    expect((await failure(withTx(db, (tx) => adjustStock(tx, { skuId: skuA, locationId: store, delta: -1, reason: 'lost' })))).code).toBe('inventory.insufficient');
    expect((await failure(withTx(db, (tx) => countStock(tx, { skuId: skuA, locationId: store, counted: 1 })))).code).toBe('inventory.insufficient');
    await withTx(db, (tx) => releaseReservation(tx, held.id));
    const counted = await withTx(db, (tx) => countStock(tx, { skuId: skuA, locationId: store, counted: 1, reason: 'cycle count' }));
    expect(counted).toMatchObject({ kind: 'count', quantity: -1, onHandAfter: 1 });
    const damaged = await withTx(db, (tx) => adjustStock(tx, { skuId: skuA, locationId: store, delta: -1, kind: 'damage', reason: 'broken' }));
    expect(damaged).toMatchObject({ kind: 'damage', quantity: -1, onHandAfter: 0 });
  });

  it('enforces the invariants in the database even when code is bypassed', async () => {
    const { db } = use();
    await expect(db.execute(sql`update stock_levels set reserved = on_hand + 1 where sku_id = ${skuA} and location_id = ${other}`)).rejects.toThrow();
    await expect(db.execute(sql`update stock_levels set on_hand = -1 where sku_id = ${skuA} and location_id = ${other}`)).rejects.toThrow();
    const deleted = await db.execute(sql`delete from stock_movements`).then(() => null, (error: unknown) => error);
    expect(pgCode(deleted)).toBe('55000'); // the append-only trigger
  });

  it('moves stock between locations and takes returns only where they are accepted', async () => {
    const { db } = use();
    await withTx(db, (tx) => transferStock(tx, { skuId: skuA, fromLocationId: other, toLocationId: store, quantity: 2 }));
    expect(await level(db, skuA, other)).toEqual({ onHand: 1, reserved: 0 });
    expect(await level(db, skuA, store)).toEqual({ onHand: 2, reserved: 0 });
    const back = await withTx(db, (tx) => returnToStock(tx, { skuId: skuA, locationId: store, quantity: 1, reference: 'return:1' }));
    expect(back).toMatchObject({ kind: 'return', quantity: 1, onHandAfter: 3 });
    const noReturns = await withTx(db, async (tx) => (await makeLocation(tx, { kind: 'warehouse', acceptsReturns: false })).id);
    expect((await failure(withTx(db, (tx) => returnToStock(tx, { skuId: skuA, locationId: noReturns, quantity: 1 })))).code).toBe('inventory.returns_not_accepted');
  });

  it('ignores stock at a pop-up outside its window and refuses to reserve there', async () => {
    const { db } = use();
    const popup = await withTx(db, async (tx) => (await makeLocation(tx, { kind: 'popup', activeFrom: new Date(Date.now() + 86_400_000), activeTo: new Date(Date.now() + 2 * 86_400_000) })).id);
    await withTx(db, (tx) => receiveStock(tx, { skuId: skuB, locationId: popup, quantity: 10 }));
    const [atp] = await availableToPromise(db, [skuB]);
    expect(atp.locations.map((l) => l.locationId)).not.toContain(popup);
    const error = await failure(withTx(db, (tx) => reserve(tx, [{ skuId: skuB, locationId: popup, quantity: 1 }], { ttlMs: TTL, reference: 'cart:popup' })));
    expect(error.code).toBe('inventory.location_unavailable');
    const [during] = await availableToPromise(db, [skuB], undefined, new Date(Date.now() + 1.5 * 86_400_000));
    expect(during.locations.find((l) => l.locationId === popup)?.available).toBe(10);
  });

  it('coalesces concurrent reservations of one SKU and grants them in arrival order', async () => {
    const { db } = use();
    const [hot] = await withTx(db, (tx) => makeSkus(tx, 1));
    await withTx(db, (tx) => receiveStock(tx, { skuId: hot, locationId: store, quantity: 5 }));
    const coalescer = new ReservationCoalescer(use(), { ttlMs: TTL });
    const results = await Promise.allSettled(Array.from({ length: 12 }, (_, i) =>
      coalescer.reserve({ skuId: hot, locationId: store, quantity: i === 1 ? 3 : 1, reference: `buyer:${i}` })));
    const won = results.map((r) => r.status === 'fulfilled');
    // buyer 0 (1), buyer 1 (3), buyer 2 (1): exactly the 5 units, in arrival order.
    expect(won).toEqual([true, true, true, false, false, false, false, false, false, false, false, false]);
    const refused = results[3] as PromiseRejectedResult;
    expect((refused.reason as DomainError).code).toBe('inventory.sold_out');
    expect(await level(db, hot, store)).toEqual({ onHand: 5, reserved: 5 });
  });

  it('reserves many SKUs in one batch, each against its own stock, and refuses a SKU the location does not stock', async () => {
    const { db } = use();
    const [x, y, unstocked] = await withTx(db, (tx) => makeSkus(tx, 3));
    await withTx(db, (tx) => receiveStock(tx, { skuId: x, locationId: store, quantity: 2 }));
    await withTx(db, (tx) => receiveStock(tx, { skuId: y, locationId: store, quantity: 1 }));
    const outcomes = await withTx(db, (tx) => reserveBatch(tx, [
      { skuId: y, locationId: store, quantity: 1, reference: 'b:0' },
      { skuId: x, locationId: store, quantity: 1, reference: 'b:1' },
      { skuId: y, locationId: store, quantity: 1, reference: 'b:2' },
      { skuId: unstocked, locationId: store, quantity: 1, reference: 'b:3' },
      { skuId: x, locationId: store, quantity: 1, reference: 'b:4' },
    ], { ttlMs: TTL }));
    expect(outcomes.map((o) => (o.ok ? 'held' : o.error.code))).toEqual(['held', 'held', 'inventory.sold_out', 'inventory.location_unavailable', 'held']);
    expect(await level(db, x, store)).toEqual({ onHand: 2, reserved: 2 });
    expect(await level(db, y, store)).toEqual({ onHand: 1, reserved: 1 });
  });

  it('drops a queued request whose client went away instead of reserving for it', async () => {
    const { db } = use();
    const [sku] = await withTx(db, (tx) => makeSkus(tx, 1));
    await withTx(db, (tx) => receiveStock(tx, { skuId: sku, locationId: store, quantity: 5 }));
    const coalescer = new ReservationCoalescer(use(), { ttlMs: TTL });
    const gone = new AbortController();
    const pending = coalescer.reserve({ skuId: sku, locationId: store, quantity: 1, reference: 'buyer:gone', signal: gone.signal });
    gone.abort();
    await expect(pending).rejects.toMatchObject({ code: 'inventory.request_abandoned' });
    expect(await level(db, sku, store)).toEqual({ onHand: 5, reserved: 0 });
  });
});

describe('reservation lines', () => {
  it('are validated before anything touches the database', async () => {
    const { normaliseLines } = await import('./model.js');
    expect(() => normaliseLines([])).toThrow(DomainError);
    expect(() => normaliseLines([{ skuId: 'a', locationId: 'b', quantity: 0 }])).toThrow(/positive/);
  });
});
