import { expect, it } from 'vitest';
import { describeEachBackend } from '../../test/db.js';
import { withTx, type Tx } from '../db/tx.js';
import { makeLocation, makeSkus } from '../inventory/test-fixtures.js';
import { receiveStock } from '../inventory/index.js';
import { setOpeningHours, distanceMetres, type Location } from '../locations/index.js';
import { EARTH_RADIUS_M } from '../locations/model.js';
import { bookExpressSlot, expressSlots, fulfilmentOptions, EXPRESS_SLOT_CAPACITY } from './sourcing.js';
import { pgCode } from '../db/tx.js';

// Wednesday 25 November 2026, 10:00 in Madrid.
const NOW = new Date('2026-11-25T09:00:00Z');
const EVERY_DAY = Array.from({ length: 7 }, (_, i) => ({ weekday: i + 1, opens: '09:00', closes: '21:00' }));

/** A point `metres` due north of `from` (on the same sphere the service measures on). */
function north(from: { lat: number; lon: number }, metres: number) {
  return { lat: from.lat + (metres / EARTH_RADIUS_M) * (180 / Math.PI), lon: from.lon };
}

async function store(tx: Tx, at: { lat: number; lon: number }, overrides: Partial<Location> = {}): Promise<Location> {
  const location = await makeLocation(tx, { latitude: at.lat, longitude: at.lon, localDelivery: true, deliveryRadiusM: 3000, offersPickup: true, ...overrides });
  await setOpeningHours(tx, location.id, { weekly: EVERY_DAY, exceptions: [] });
  return location;
}

async function stock(tx: Tx, locationId: string, skuId: string, quantity: number) {
  await receiveStock(tx, { skuId, locationId, quantity, reason: 'test stock' });
}

describeEachBackend('fulfilment options', (use) => {
  it('offers free express delivery at 2.9 km from a store with a 3 km radius, and not at 3.1 km', async () => {
    const sol = { lat: 40.41689, lon: -3.70348 };
    const { shop, sku } = await withTx(use().db, async (tx) => {
      const [sku] = await makeSkus(tx, 1);
      const shop = await store(tx, sol);
      await stock(tx, shop.id, sku, 5);
      return { shop, sku };
    });
    const near = north(sol, 2900), far = north(sol, 3100);
    expect(Math.round(distanceMetres(sol, near))).toBe(2900);

    const inside = await fulfilmentOptions(use().db, [{ skuId: sku, quantity: 2 }], { latitude: near.lat, longitude: near.lon, country: 'ES' }, 'EUR', NOW);
    const express = inside.options.find((o) => o.kind === 'express_delivery');
    expect(express).toMatchObject({ feeMinor: 0, shipments: [{ sourceLocationId: shop.id, distanceMetres: 2900 }] });
    const slot = express!.shipments[0].earliestSlot!;
    expect(slot.end.getTime() - slot.start.getTime()).toBe(30 * 60_000);
    expect(slot.start.getTime()).toBeGreaterThanOrEqual(NOW.getTime() + 30 * 60_000);

    const outside = await fulfilmentOptions(use().db, [{ skuId: sku, quantity: 2 }], { latitude: far.lat, longitude: far.lon, country: 'ES' }, 'EUR', NOW);
    expect(outside.options.find((o) => o.kind === 'express_delivery')).toBeUndefined();
    expect(outside.notOffered.find((n) => n.kind === 'express_delivery')?.reason).toContain('outside every store');
    // Pickup at the same store is still offered, with a slot.
    expect(outside.options.find((o) => o.kind === 'store_pickup')?.shipments[0].earliestSlot).not.toBeNull();
  });

  it('does not offer express from a store that lacks one line, and says why', async () => {
    const milan = { lat: 45.46416, lon: 9.19199 };
    const skus = await withTx(use().db, async (tx) => {
      const ids = await makeSkus(tx, 2);
      const shop = await store(tx, milan, { country: 'IT', timeZone: 'Europe/Rome', city: 'Milano' });
      await stock(tx, shop.id, ids[0], 3);
      return ids;
    });
    const result = await fulfilmentOptions(use().db, skus.map((skuId) => ({ skuId, quantity: 1 })), { latitude: milan.lat, longitude: milan.lon + 0.01, country: 'IT' }, 'EUR', NOW);
    expect(result.options.find((o) => o.kind === 'express_delivery')).toBeUndefined();
    expect(result.notOffered.find((n) => n.kind === 'express_delivery')?.reason).toContain('every item in stock');
  });

  it('splits into the fewest shipments, nearest stores first, when no location has everything', async () => {
    const origin = { lat: 41.38879, lon: 2.15899 }; // Barcelona
    const { a, b, skus } = await withTx(use().db, async (tx) => {
      const skus = await makeSkus(tx, 3);
      const a = await store(tx, north(origin, 1000), { city: 'Barcelona' });
      const b = await store(tx, north(origin, 2000), { city: 'Barcelona' });
      const c = await store(tx, north(origin, 2500), { city: 'Barcelona' });
      await stock(tx, a.id, skus[0], 2);
      await stock(tx, a.id, skus[1], 2);
      await stock(tx, b.id, skus[2], 2);
      await stock(tx, c.id, skus[0], 2); // nearer options exist; c is not needed
      return { a, b, skus };
    });
    const result = await fulfilmentOptions(use().db, skus.map((skuId) => ({ skuId, quantity: 1 })), { latitude: origin.lat, longitude: origin.lon, country: 'ES' }, 'EUR', NOW);
    const split = result.options.find((o) => o.kind === 'split')!;
    expect(split.shipments.map((s) => s.sourceLocationId)).toEqual([a.id, b.id]);
    expect(split.shipments.every((s) => s.kind === 'express_delivery' && s.feeMinor === 0)).toBe(true);
    expect(result.options.find((o) => o.kind === 'store_pickup')).toBeUndefined();
  });

  it('ships from a warehouse with a fee by zone and weight, and offers a nearby partner desk', async () => {
    const seville = { lat: 37.38863, lon: -5.98231 };
    const { warehouse, desk, sku } = await withTx(use().db, async (tx) => {
      const [sku] = await makeSkus(tx, 1);
      const warehouse = await makeLocation(tx, { kind: 'warehouse', latitude: 37.30, longitude: -5.90, shipsOrders: true, city: 'Dos Hermanas' });
      const desk = await makeLocation(tx, { kind: 'partner_pickup_point', latitude: seville.lat + 0.01, longitude: seville.lon, city: 'Sevilla' });
      await stock(tx, warehouse.id, sku, 10);
      return { warehouse, desk, sku };
    });
    const result = await fulfilmentOptions(use().db, [{ skuId: sku, quantity: 1 }], { latitude: seville.lat, longitude: seville.lon, country: 'ES' }, 'EUR', NOW);
    const shipping = result.options.find((o) => o.kind === 'standard_shipping')!;
    expect(shipping.shipments[0].sourceLocationId).toBe(warehouse.id);
    expect(shipping.feeMinor).toBe(395); // domestic, under 1 kg
    const partner = result.options.find((o) => o.kind === 'partner_pickup')!;
    expect(partner.shipments[0]).toMatchObject({ sourceLocationId: warehouse.id, pickupLocationId: desk.id, feeMinor: 0 });
    const abroad = await fulfilmentOptions(use().db, [{ skuId: sku, quantity: 1 }], { latitude: seville.lat, longitude: seville.lon, country: 'IT' }, 'EUR', NOW);
    expect(abroad.options.find((o) => o.kind === 'standard_shipping')!.feeMinor).toBe(895);
  });

  it('never books an express slot past its capacity', async () => {
    const { shop } = await withTx(use().db, async (tx) => ({ shop: await store(tx, { lat: 39.46975, lon: -0.37739 }, { city: 'Valencia' }) }));
    const [slot] = await expressSlots(use().db, shop, NOW);
    for (let i = 0; i < EXPRESS_SLOT_CAPACITY; i++) await withTx(use().db, (tx) => bookExpressSlot(tx, shop.id, slot.start));
    await expect(withTx(use().db, (tx) => bookExpressSlot(tx, shop.id, slot.start))).rejects.toMatchObject({ code: 'orders.option_unavailable' });
    const [next] = await expressSlots(use().db, shop, NOW);
    expect(next.start.getTime()).toBeGreaterThan(slot.start.getTime());
    // The database refuses overbooking even past the service's check.
    const direct = await use().db.execute(
      (await import('drizzle-orm')).sql`update delivery_slots set booked = booked + 1 where location_id = ${shop.id}`).catch((e) => e);
    expect(pgCode(direct)).toBe('23514');
  });
  it('express slots on a daylight-saving day follow the wall clock (Madrid, 2027-03-28 and 2027-10-31)', async () => {
    const { shop } = await withTx(use().db, async (tx) => ({ shop: await store(tx, { lat: 40.4203, lon: -3.7058 }, { city: 'Madrid', timeZone: 'Europe/Madrid' }) }));
    for (const [now, date, firstStart, lastEnd] of [
      ['2027-03-28T05:00:00Z', '2027-03-28', '2027-03-28T07:00:00.000Z', '2027-03-28T19:00:00.000Z'], // 09:00–21:00 CEST
      ['2027-10-31T06:00:00Z', '2027-10-31', '2027-10-31T08:00:00.000Z', '2027-10-31T20:00:00.000Z'], // 09:00–21:00 CET
    ]) {
      const slots = (await expressSlots(use().db, shop, new Date(now), 48)).filter((s) => s.start.toISOString().startsWith(date));
      expect(slots[0].start.toISOString()).toBe(firstStart);
      expect(slots.at(-1)!.end.toISOString()).toBe(lastEnd);
      expect(slots).toHaveLength(24);
    }
  });
});
