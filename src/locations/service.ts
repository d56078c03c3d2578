import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import { IANAZone } from 'luxon';
import type { Tx } from '../db/tx.js';
import { pgCode, pgConstraint } from '../db/tx.js';
import { DomainError } from '../http/problem.js';
import { availableAt } from '../inventory/index.js';
import { locationHoursExceptions, locationOpeningHours, locations, pickupSlotBookings, pickupSlots } from './schema.js';
import {
  type HoursException, type LocationKind, type PickupSlot, type WeeklyHours,
  boundingBoxes, distanceMetres, isActiveAt, isIsoDate, isWallTime, localDate, minutesOf, pickupSlotsForDate,
} from './model.js';
import './errors.js';

export type Location = typeof locations.$inferSelect;
export type NewLocation = typeof locations.$inferInsert;
export type LocationChanges = Partial<Omit<NewLocation, 'id' | 'createdAt' | 'updatedAt' | 'archivedAt'>>;

function checkSettings(location: Pick<Location, 'kind' | 'timeZone' | 'activeFrom' | 'activeTo'>): void {
  if (!IANAZone.isValidZone(location.timeZone)) throw new DomainError('locations.invalid', `Unknown time zone ${location.timeZone}`, {}, [{ field: '/timeZone', message: 'is not an IANA time zone' }]);
  if (location.kind === 'popup' && (!location.activeFrom || !location.activeTo)) {
    throw new DomainError('locations.invalid', 'A pop-up needs activeFrom and activeTo: it exists only in its window', {}, [{ field: '/activeTo', message: 'is required for a pop-up' }]);
  }
  if (location.activeFrom && location.activeTo && location.activeTo <= location.activeFrom) {
    throw new DomainError('locations.invalid', 'activeTo must be after activeFrom', {}, [{ field: '/activeTo', message: 'must be after activeFrom' }]);
  }
}

function rethrowCodeTaken(error: unknown, code: string | undefined): never {
  if (pgCode(error) === '23505' && pgConstraint(error) === 'locations_code_key') throw new DomainError('locations.code_taken', `A location with code ${code} exists`);
  throw error;
}

export async function createLocation(tx: Tx, input: NewLocation): Promise<Location> {
  checkSettings({ kind: input.kind, timeZone: input.timeZone, activeFrom: input.activeFrom ?? null, activeTo: input.activeTo ?? null });
  try {
    const [row] = await tx.insert(locations).values(input).returning();
    return row;
  } catch (error) {
    return rethrowCodeTaken(error, input.code);
  }
}

export async function updateLocation(tx: Tx, locationId: string, changes: LocationChanges): Promise<Location> {
  const current = await getLocation(tx, locationId, { forUpdate: true });
  checkSettings({ ...current, ...changes });
  try {
    const [row] = await tx.update(locations).set({ ...changes, updatedAt: new Date() }).where(eq(locations.id, locationId)).returning();
    return row;
  } catch (error) {
    return rethrowCodeTaken(error, changes.code);
  }
}

/** Closes a location for good: it disappears from lists and searches; its history stays. */
export async function archiveLocation(tx: Tx, locationId: string): Promise<Location> {
  await getLocation(tx, locationId, { forUpdate: true });
  const [row] = await tx.update(locations).set({ archivedAt: new Date(), updatedAt: new Date() }).where(eq(locations.id, locationId)).returning();
  return row;
}

/** Live locations at `at` (pop-ups only in their window); `includeInactive` also lists the rest (operators). */
export async function listLocations(tx: Tx, options: { at?: Date; includeInactive?: boolean; ids?: string[] } = {}): Promise<Location[]> {
  const at = options.at ?? new Date();
  const conditions: SQL[] = [];
  if (!options.includeInactive) conditions.push(activeAt(at));
  if (options.ids) {
    if (options.ids.length === 0) return [];
    conditions.push(sql`${locations.id} in (${sql.join(options.ids.map((id) => sql`${id}`), sql`, `)})`);
  }
  return tx.select().from(locations).where(and(...conditions)).orderBy(asc(locations.city), asc(locations.name));
}

export async function getLocation(tx: Tx, locationId: string, options: { forUpdate?: boolean } = {}): Promise<Location> {
  const query = tx.select().from(locations).where(eq(locations.id, locationId));
  const [row] = options.forUpdate ? await query.for('update') : await query;
  if (!row) throw new DomainError('locations.not_found', `No location ${locationId}`);
  return row;
}

function activeAt(at: Date): SQL {
  return sql`(${locations.archivedAt} is null or ${locations.archivedAt} > ${at})
    and (${locations.activeFrom} is null or ${locations.activeFrom} <= ${at})
    and (${locations.activeTo} is null or ${locations.activeTo} > ${at})`;
}

// --- nearby ---------------------------------------------------------------------------------

export interface NearbyQuery { lat: number; lon: number; radiusKm: number; at?: Date; kinds?: LocationKind[]; skuIds?: string[]; inStockOnly?: boolean; limit?: number }

export interface NearbyLocation {
  location: Location;
  distanceMetres: number;
  /** Whether the location delivers locally to the searched point (within its delivery radius). */
  deliversHere: boolean;
  /** Units available to promise per requested SKU. */
  stock: Array<{ skuId: string; available: number }>;
  /** Whether every requested SKU has at least one unit available. */
  hasAllSkus: boolean;
}

/**
 * Live locations within `radiusKm` of a point, nearest first. The GiST index on the position
 * narrows the search to a bounding box; the great-circle distance filters and orders it.
 */
export async function nearbyLocations(tx: Tx, query: NearbyQuery): Promise<NearbyLocation[]> {
  const at = query.at ?? new Date();
  const radiusM = query.radiusKm * 1000;
  const centre = { lat: query.lat, lon: query.lon };
  const boxes = boundingBoxes(centre, radiusM).map((b) =>
    sql`point(${locations.longitude}, ${locations.latitude}) <@ box(point(${b.minLon}, ${b.minLat}), point(${b.maxLon}, ${b.maxLat}))`);
  const conditions: SQL[] = [activeAt(at), sql`(${sql.join(boxes, sql` or `)})`];
  if (query.kinds?.length) conditions.push(sql`${locations.kind} in (${sql.join(query.kinds.map((k) => sql`${k}`), sql`, `)})`);
  const candidates = await tx.select().from(locations).where(and(...conditions));
  const within = candidates
    .map((location) => ({ location, distanceMetres: Math.round(distanceMetres(centre, { lat: location.latitude, lon: location.longitude })) }))
    .filter((c) => c.distanceMetres <= radiusM)
    .sort((a, b) => a.distanceMetres - b.distanceMetres || a.location.code.localeCompare(b.location.code));
  const skuIds = query.skuIds ?? [];
  const stock = skuIds.length && within.length ? await availableAt(tx, skuIds, within.map((c) => c.location.id)) : [];
  const result = within.map(({ location, distanceMetres: d }) => {
    const here = skuIds.map((skuId) => ({ skuId, available: stock.find((s) => s.skuId === skuId && s.locationId === location.id)?.available ?? 0 }));
    return {
      location, distanceMetres: d,
      deliversHere: location.localDelivery && d <= location.deliveryRadiusM,
      stock: here,
      hasAllSkus: here.every((s) => s.available > 0),
    };
  });
  const filtered = query.inStockOnly ? result.filter((r) => r.hasAllSkus) : result;
  return filtered.slice(0, query.limit ?? 50);
}

// --- opening hours --------------------------------------------------------------------------

export interface OpeningHours { weekly: WeeklyHours[]; exceptions: HoursException[] }

const hhmm = (time: string | null) => (time ? time.slice(0, 5) : null);

export async function getOpeningHours(tx: Tx, locationId: string): Promise<OpeningHours> {
  const weekly = await tx.select().from(locationOpeningHours).where(eq(locationOpeningHours.locationId, locationId))
    .orderBy(asc(locationOpeningHours.weekday), asc(locationOpeningHours.opensAt));
  const exceptions = await tx.select().from(locationHoursExceptions).where(eq(locationHoursExceptions.locationId, locationId))
    .orderBy(asc(locationHoursExceptions.onDate));
  return {
    weekly: weekly.map((h) => ({ weekday: h.weekday, opens: hhmm(h.opensAt)!, closes: hhmm(h.closesAt)! })),
    exceptions: exceptions.map((e) => ({ date: e.onDate, closed: e.closed, opens: hhmm(e.opensAt), closes: hhmm(e.closesAt), reason: e.reason })),
  };
}

function checkHours(hours: OpeningHours): void {
  const problems: Array<{ field: string; message: string }> = [];
  hours.weekly.forEach((h, i) => {
    if (!Number.isInteger(h.weekday) || h.weekday < 1 || h.weekday > 7) problems.push({ field: `/weekly/${i}/weekday`, message: 'must be 1 (Monday) to 7 (Sunday)' });
    if (!isWallTime(h.opens) || !isWallTime(h.closes) || minutesOf(h.closes) <= minutesOf(h.opens)) problems.push({ field: `/weekly/${i}`, message: 'opens and closes must be HH:MM with closes after opens' });
  });
  const byDay = new Map<number, WeeklyHours[]>();
  for (const h of hours.weekly) byDay.set(h.weekday, [...(byDay.get(h.weekday) ?? []), h]);
  for (const [weekday, ranges] of byDay) {
    const sorted = ranges.filter((r) => isWallTime(r.opens) && isWallTime(r.closes)).sort((a, b) => minutesOf(a.opens) - minutesOf(b.opens));
    for (let i = 1; i < sorted.length; i++) if (minutesOf(sorted[i].opens) < minutesOf(sorted[i - 1].closes)) problems.push({ field: '/weekly', message: `intervals of weekday ${weekday} overlap` });
  }
  hours.exceptions.forEach((e, i) => {
    if (!isIsoDate(e.date)) problems.push({ field: `/exceptions/${i}/date`, message: 'must be YYYY-MM-DD' });
    if (!e.closed && (!e.opens || !e.closes || !isWallTime(e.opens) || !isWallTime(e.closes) || minutesOf(e.closes) <= minutesOf(e.opens))) {
      problems.push({ field: `/exceptions/${i}`, message: 'an open exception needs opens and closes (HH:MM, closes after opens)' });
    }
  });
  if (new Set(hours.exceptions.map((e) => e.date)).size !== hours.exceptions.length) problems.push({ field: '/exceptions', message: 'one exception per date' });
  if (problems.length) throw new DomainError('locations.invalid', problems.map((p) => `${p.field} ${p.message}`).join('; '), {}, problems);
}

/** Replaces the weekly hours and exceptions of a location as a whole. */
export async function setOpeningHours(tx: Tx, locationId: string, hours: OpeningHours): Promise<OpeningHours> {
  checkHours(hours);
  await getLocation(tx, locationId, { forUpdate: true });
  await tx.delete(locationOpeningHours).where(eq(locationOpeningHours.locationId, locationId));
  await tx.delete(locationHoursExceptions).where(eq(locationHoursExceptions.locationId, locationId));
  if (hours.weekly.length) await tx.insert(locationOpeningHours).values(hours.weekly.map((h) => ({ locationId, weekday: h.weekday, opensAt: h.opens, closesAt: h.closes })));
  if (hours.exceptions.length) {
    await tx.insert(locationHoursExceptions).values(hours.exceptions.map((e) => ({
      locationId, onDate: e.date, closed: e.closed, opensAt: e.closed ? null : e.opens ?? null, closesAt: e.closed ? null : e.closes ?? null, reason: e.reason ?? '',
    })));
  }
  return getOpeningHours(tx, locationId);
}

// --- pickup slots ---------------------------------------------------------------------------

export interface PickupSlotAvailability extends PickupSlot { capacity: number; booked: number; remaining: number }

export type PickupSlotBooking = typeof pickupSlotBookings.$inferSelect & { slotEnd: Date };

async function slotsOf(tx: Tx, location: Location, date: string, now: Date): Promise<PickupSlot[]> {
  if (!location.offersPickup || !isActiveAt(location, now)) return [];
  const hours = await getOpeningHours(tx, location.id);
  const slots = pickupSlotsForDate(date, location.timeZone, hours.weekly, hours.exceptions, {
    slotMinutes: location.pickupSlotMinutes, capacity: location.pickupSlotCapacity, leadMinutes: location.pickupLeadMinutes,
  }, now);
  // A pop-up's slots must also fall inside its window.
  return slots.filter((s) => isActiveAt(location, s.start) && (!location.activeTo || s.end <= location.activeTo));
}

/** The pickup slots of a local date at a location, with what is left of each one's capacity. */
export async function pickupSlotAvailability(tx: Tx, locationId: string, date: string, now = new Date()): Promise<PickupSlotAvailability[]> {
  if (!isIsoDate(date)) throw new DomainError('locations.invalid', `Not a date: ${date}`, {}, [{ field: 'querystring:/date', message: 'must be YYYY-MM-DD' }]);
  const location = await getLocation(tx, locationId);
  const slots = await slotsOf(tx, location, date, now);
  if (slots.length === 0) return [];
  const booked = await tx.select().from(pickupSlots).where(and(eq(pickupSlots.locationId, locationId),
    sql`${pickupSlots.slotStart} >= ${slots[0].start} and ${pickupSlots.slotStart} <= ${slots[slots.length - 1].start}`));
  return slots.map((slot) => {
    const row = booked.find((b) => b.slotStart.getTime() === slot.start.getTime());
    const capacity = row?.capacity ?? location.pickupSlotCapacity;
    const used = row?.booked ?? 0;
    return { ...slot, capacity, booked: used, remaining: Math.max(0, capacity - used) };
  });
}

/**
 * Books one place in the pickup slot starting at `slotStart`. Capacity is enforced by the
 * database: the counter only moves while below capacity (a CHECK backs it up), so concurrent
 * bookings of the last place cannot both succeed.
 */
export async function bookPickupSlot(tx: Tx, locationId: string, slotStart: Date, options: { reference: string; now?: Date }): Promise<PickupSlotBooking> {
  const location = await getLocation(tx, locationId);
  if (!location.offersPickup) throw new DomainError('locations.no_pickup', `${location.name} does not offer pickup`);
  const slots = await slotsOf(tx, location, localDate(slotStart, location.timeZone), options.now ?? new Date());
  const slot = slots.find((s) => s.start.getTime() === slotStart.getTime());
  if (!slot) throw new DomainError('locations.slot_unknown', `No bookable pickup slot at ${location.name} starts at ${slotStart.toISOString()}`);
  if (location.pickupSlotCapacity === 0) throw new DomainError('locations.slot_full', `${location.name} takes no pickups in its slots`);
  const { rows } = await tx.execute(sql`
    insert into pickup_slots as s (location_id, slot_start, slot_end, capacity, booked)
    values (${locationId}, ${slot.start}, ${slot.end}, ${location.pickupSlotCapacity}, 1)
    on conflict (location_id, slot_start) do update set booked = s.booked + 1 where s.booked < s.capacity
    returning booked`);
  if (rows.length === 0) {
    throw new DomainError('locations.slot_full', `The ${slot.start.toISOString()} pickup slot at ${location.name} is full`, { slotStart: slot.start.toISOString() });
  }
  const [booking] = await tx.insert(pickupSlotBookings).values({ locationId, slotStart: slot.start, reference: options.reference }).returning();
  return { ...booking, slotEnd: slot.end };
}

/** Gives the place back (a cancelled or moved pickup); `locationId` scopes it to one location. */
export async function releasePickupSlot(tx: Tx, bookingId: string, locationId?: string): Promise<void> {
  const scope = locationId ? eq(pickupSlotBookings.locationId, locationId) : undefined;
  const [booking] = await tx.delete(pickupSlotBookings).where(and(eq(pickupSlotBookings.id, bookingId), scope)).returning();
  if (!booking) throw new DomainError('locations.booking_not_found', `No pickup slot booking ${bookingId}`);
  await tx.update(pickupSlots).set({ booked: sql`${pickupSlots.booked} - 1` })
    .where(and(eq(pickupSlots.locationId, booking.locationId), eq(pickupSlots.slotStart, booking.slotStart)));
}

export async function getPickupSlotBooking(tx: Tx, bookingId: string): Promise<PickupSlotBooking> {
  const [row] = await tx.select({ booking: pickupSlotBookings, slotEnd: pickupSlots.slotEnd }).from(pickupSlotBookings)
    .innerJoin(pickupSlots, and(eq(pickupSlots.locationId, pickupSlotBookings.locationId), eq(pickupSlots.slotStart, pickupSlotBookings.slotStart)))
    .where(eq(pickupSlotBookings.id, bookingId));
  if (!row) throw new DomainError('locations.booking_not_found', `No pickup slot booking ${bookingId}`);
  return { ...row.booking, slotEnd: row.slotEnd };
}

/** The store's local delivery radius in metres (0 when it does not deliver locally). */
export async function deliveryRadiusMetres(tx: Tx, locationId: string): Promise<number> {
  const location = await getLocation(tx, locationId);
  return location.localDelivery ? location.deliveryRadiusM : 0;
}
