import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { backends, describeEachBackend, freshDatabase } from '../../test/db.js';
import { withTx } from '../db/tx.js';
import type { Database } from '../db/client.js';
import { DomainError } from '../http/problem.js';
import { receiveStock } from '../inventory/index.js';
import { makeLocation, makeSkus } from '../inventory/test-fixtures.js';
import {
  bookPickupSlot, createLocation, listLocations, nearbyLocations, pickupSlotAvailability, releasePickupSlot, setOpeningHours, updateLocation,
} from './index.js';

const PLAZA_DE_CASTILLA = { lat: 40.4659, lon: -3.6887 };
const weekdays = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, opens: '10:00', closes: '21:00' }));

async function failure(promise: Promise<unknown>): Promise<DomainError> {
  try { await promise; } catch (error) { if (error instanceof DomainError) return error; throw error; }
  throw new Error('expected a DomainError');
}

describeEachBackend('locations: nearby, windows, hours and pickup slots', (use) => {
  let near: string, far: string, sku: string;

  beforeAll(async () => {
    await withTx(use().db, async (tx) => {
      near = (await makeLocation(tx, { name: 'Castellana desk', kind: 'partner_pickup_point', latitude: 40.44712, longitude: -3.69265 })).id;
      far = (await makeLocation(tx, { name: 'Salamanca', latitude: 40.42595, longitude: -3.68405, localDelivery: true, offersPickup: true, pickupSlotCapacity: 2 })).id;
      [sku] = await makeSkus(tx, 1);
      await receiveStock(tx, { skuId: sku, locationId: far, quantity: 3 });
    });
  });

  it('finds the two Madrid locations 2.1 km and 4.5 km from Plaza de Castilla, nearest first', async () => {
    const found = await nearbyLocations(use().db, { ...PLAZA_DE_CASTILLA, radiusKm: 5, skuIds: [sku] });
    expect(found.map((f) => [f.location.name, f.distanceMetres])).toEqual([['Castellana desk', 2115], ['Salamanca', 4460]]);
    expect(found[1]).toMatchObject({ deliversHere: false, stock: [{ skuId: sku, available: 3 }], hasAllSkus: true });
    expect((await nearbyLocations(use().db, { ...PLAZA_DE_CASTILLA, radiusKm: 3 })).map((f) => f.location.id)).toEqual([near]);
    const inStock = await nearbyLocations(use().db, { ...PLAZA_DE_CASTILLA, radiusKm: 5, skuIds: [sku], inStockOnly: true });
    expect(inStock.map((f) => f.location.id)).toEqual([far]);
  });

  it('delivers locally within the default 3 km radius only', async () => {
    const [salamanca] = await nearbyLocations(use().db, { lat: 40.41528, lon: -3.68446, radiusKm: 2, kinds: ['store'] }); // Retiro, 1.2 km
    expect(salamanca.location.deliveryRadiusM).toBe(3000);
    expect(salamanca.deliversHere).toBe(true);
  });

  it('keeps a pop-up invisible outside its window', async () => {
    const { db } = use();
    const opens = new Date(Date.now() + 86_400_000);
    const popup = await withTx(db, (tx) => makeLocation(tx, { name: 'Pop-up 11.11', kind: 'popup', latitude: 40.46, longitude: -3.69, activeFrom: opens, activeTo: new Date(opens.getTime() + 86_400_000) }));
    const ids = async (at?: Date) => (await nearbyLocations(db, { ...PLAZA_DE_CASTILLA, radiusKm: 5, at })).map((f) => f.location.id);
    expect(await ids()).not.toContain(popup.id);
    expect(await ids(new Date(opens.getTime() + 3_600_000))).toContain(popup.id);
    expect((await listLocations(db)).map((l) => l.id)).not.toContain(popup.id);
    expect((await listLocations(db, { includeInactive: true })).map((l) => l.id)).toContain(popup.id);
  });

  it('refuses a pop-up without a window and an unknown time zone', async () => {
    const base = { code: 'X-1', name: 'x', latitude: 40, longitude: -3, address: 'a', city: 'c', country: 'ES' };
    expect((await failure(withTx(use().db, (tx) => createLocation(tx, { ...base, kind: 'popup', timeZone: 'Europe/Madrid' })))).code).toBe('locations.invalid');
    expect((await failure(withTx(use().db, (tx) => createLocation(tx, { ...base, kind: 'store', timeZone: 'Mars/Olympus' })))).code).toBe('locations.invalid');
  });

  it('lists pickup slots for a date with what is left, and never books past capacity', async () => {
    const { db } = use();
    await withTx(db, (tx) => setOpeningHours(tx, far, { weekly: weekdays, exceptions: [{ date: '2030-12-25', closed: true, reason: 'Navidad' }] }));
    const slots = await pickupSlotAvailability(db, far, '2030-12-24');
    expect(slots).toHaveLength(22);
    expect(slots[0]).toMatchObject({ start: new Date('2030-12-24T09:00:00Z'), capacity: 2, booked: 0, remaining: 2 });
    expect(await pickupSlotAvailability(db, far, '2030-12-25')).toEqual([]);
    const first = await withTx(db, (tx) => bookPickupSlot(tx, far, slots[0].start, { reference: 'order:1' }));
    await withTx(db, (tx) => bookPickupSlot(tx, far, slots[0].start, { reference: 'order:2' }));
    expect((await failure(withTx(db, (tx) => bookPickupSlot(tx, far, slots[0].start, { reference: 'order:3' })))).code).toBe('locations.slot_full');
    expect((await pickupSlotAvailability(db, far, '2030-12-24'))[0]).toMatchObject({ booked: 2, remaining: 0 });
    await withTx(db, (tx) => releasePickupSlot(tx, first.id));
    expect((await pickupSlotAvailability(db, far, '2030-12-24'))[0].remaining).toBe(1);
    expect((await failure(withTx(db, (tx) => bookPickupSlot(tx, far, new Date('2030-12-24T09:10:00Z'), { reference: 'x' })))).code).toBe('locations.slot_unknown');
    expect((await failure(withTx(db, (tx) => bookPickupSlot(tx, near, slots[0].start, { reference: 'x' })))).code).toBe('locations.no_pickup');
  });

  it('uses the position index, not a scan, among 10,000 locations', async () => {
    const { db } = use();
    await db.execute(sql`
      insert into locations (code, name, kind, latitude, longitude, address, city, country, time_zone)
      select 'GRID-' || g, 'Grid ' || g, 'store', 36 + (g % 100) * 0.07, -9 + (g / 100) * 0.12, 'x', 'x', 'ES', 'Europe/Madrid'
      from generate_series(0, 9999) g`);
    await db.execute(sql`analyze locations`);
    const { rows } = await db.execute(sql`explain select id from locations
      where point(longitude, latitude) <@ box(point(-3.75, 40.40), point(-3.65, 40.50))`);
    const plan = rows.map((r) => String(Object.values(r)[0])).join('\n');
    expect(plan).toMatch(/locations_position_gist/);
    const started = performance.now();
    const found = await nearbyLocations(db, { ...PLAZA_DE_CASTILLA, radiusKm: 10 });
    expect(performance.now() - started).toBeLessThan(500);
    expect(found.every((f, i) => f.distanceMetres <= 10_000 && (i === 0 || found[i - 1].distanceMetres <= f.distanceMetres))).toBe(true);
  });

  it('moves a store in place, keeping its code unique', async () => {
    const { db } = use();
    const moved = await withTx(db, (tx) => updateLocation(tx, near, { deliveryRadiusM: 4000, localDelivery: true }));
    expect(moved.deliveryRadiusM).toBe(4000);
    const other = await withTx(db, (tx) => makeLocation(tx));
    expect((await failure(withTx(db, (tx) => updateLocation(tx, other.id, { code: moved.code })))).code).toBe('locations.code_taken');
  });
});

// Without a PostgreSQL server these are skipped; the run's global setup says so in a banner.
describe.skipIf(!backends().includes('postgres'))('pickup slot capacity under concurrency [postgres]', () => {
  let database: Database;
  beforeAll(async () => { database = await freshDatabase('postgres', 30); }, 60_000);
  afterAll(async () => { await database?.close(); });

  it('books exactly the capacity when 200 shoppers race for one slot', async () => {
    const store = await withTx(database.db, (tx) => makeLocation(tx, { offersPickup: true, pickupSlotCapacity: 5 }));
    await withTx(database.db, (tx) => setOpeningHours(tx, store.id, { weekly: weekdays, exceptions: [] }));
    const [slot] = await pickupSlotAvailability(database.db, store.id, '2030-06-03');
    const results = await Promise.allSettled(Array.from({ length: 200 }, (_, i) =>
      withTx(database.db, (tx) => bookPickupSlot(tx, store.id, slot.start, { reference: `order:${i}` }))));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(5);
    const codes = new Set(results.filter((r): r is PromiseRejectedResult => r.status === 'rejected').map((r) => (r.reason as DomainError).code));
    expect(codes).toEqual(new Set(['locations.slot_full']));
    const { rows } = await database.db.execute(sql`select booked, (select count(*)::int from pickup_slot_bookings where location_id = ${store.id}) as bookings from pickup_slots where location_id = ${store.id}`);
    expect(rows[0]).toMatchObject({ booked: 5, bookings: 5 });
  });
});
