import { and, eq, inArray, sql } from 'drizzle-orm';
import { DateTime } from 'luxon';
import type { Tx } from '../db/tx.js';
import { DomainError } from '../http/problem.js';
import { skuDetails } from '../catalog/index.js';
import {
  getOpeningHours, listLocations, nearbyLocations, pickupSlotAvailability, pickupSlotsForDate, distanceMetres,
  type Location,
} from '../locations/index.js';
import { availableAt } from '../inventory/index.js';
import { deliverySlots, type Destination } from './schema.js';
import { holdsAll, planSplit, shippingFee, shippingZone, type CandidateLocation, type CartNeed, type FulfilmentKind, type ShippingZone } from './model.js';
import { quoteConversion } from '../payments/index.js';
import './errors.js';

/** Couriers per 30-minute express slot at a store. */
export const EXPRESS_SLOT_CAPACITY = 6;
export const EXPRESS_SLOT_MINUTES = 30;
export const EXPRESS_LEAD_MINUTES = 30;
/** How far a shopper is offered pickup stores and partner desks. */
export const PICKUP_SEARCH_KM = 25;
export const PARTNER_SEARCH_KM = 10;
/** Days until a standard shipment arrives, by zone (shown as the earliest date). */
const SHIPPING_DAYS = { domestic: 2, eu: 4, international: 8 } as const;

export interface Slot { start: Date; end: Date; remaining: number }

export interface ShipmentOption {
  kind: FulfilmentKind;
  sourceLocationId: string;
  sourceName: string;
  pickupLocationId: string | null;
  distanceMetres: number | null;
  feeMinor: number;
  lines: CartNeed[];
  earliestSlot: Slot | null;
  slots: Slot[];
  estimatedDelivery: string | null;
}

export interface FulfilmentOption {
  /** Stable id of the option, passed back to checkout. */
  id: string;
  kind: FulfilmentKind | 'split';
  feeMinor: number;
  currency: string;
  shipments: ShipmentOption[];
}

export interface FulfilmentOptions {
  options: FulfilmentOption[];
  notOffered: Array<{ kind: string; reason: string }>;
}

/** Express delivery slots of a store for the coming day or two, with places left. */
export async function expressSlots(tx: Tx, location: Location, now: Date, limit = 8): Promise<Slot[]> {
  const hours = await getOpeningHours(tx, location.id);
  const today = DateTime.fromJSDate(now, { zone: location.timeZone });
  const candidates = [0, 1].flatMap((d) => pickupSlotsForDate(today.plus({ days: d }).toISODate()!, location.timeZone, hours.weekly, hours.exceptions,
    { slotMinutes: EXPRESS_SLOT_MINUTES, capacity: EXPRESS_SLOT_CAPACITY, leadMinutes: EXPRESS_LEAD_MINUTES }, now)).slice(0, limit * 3);
  if (candidates.length === 0) return [];
  const booked = await tx.select({ slotStart: deliverySlots.slotStart, booked: deliverySlots.booked }).from(deliverySlots)
    .where(and(eq(deliverySlots.locationId, location.id), inArray(deliverySlots.slotStart, candidates.map((c) => c.start))));
  return candidates
    .map((c) => ({ ...c, remaining: EXPRESS_SLOT_CAPACITY - (booked.find((b) => b.slotStart.getTime() === c.start.getTime())?.booked ?? 0) }))
    .filter((s) => s.remaining > 0)
    .slice(0, limit);
}

/** Takes one place in an express slot; the database refuses the booking past capacity. */
export async function bookExpressSlot(tx: Tx, locationId: string, slotStart: Date): Promise<void> {
  const slotEnd = new Date(slotStart.getTime() + EXPRESS_SLOT_MINUTES * 60_000);
  const result = await tx.execute(sql`
    insert into delivery_slots (location_id, slot_start, slot_end, capacity, booked) values (${locationId}, ${slotStart}, ${slotEnd}, ${EXPRESS_SLOT_CAPACITY}, 1)
    on conflict (location_id, slot_start) do update set booked = delivery_slots.booked + 1 where delivery_slots.booked < delivery_slots.capacity
    returning booked`);
  if (result.rows.length === 0) throw new DomainError('orders.option_unavailable', 'That delivery slot has just filled up; choose another', { slotStart: slotStart.toISOString() });
}

export async function releaseExpressSlot(tx: Tx, locationId: string, slotStart: Date): Promise<void> {
  await tx.execute(sql`update delivery_slots set booked = booked - 1 where location_id = ${locationId} and slot_start = ${slotStart} and booked > 0`);
}

/**
 * The shipping fee in the cart's currency: from that currency's own table, or the EUR table
 * converted with the payments domain's rate in effect now (rounded half to even). Without a
 * rate the fee cannot be stated, so shipping is not offered (`payments.fx_rate_missing`).
 */
export async function shippingFeeIn(tx: Tx, currency: string, zone: ShippingZone, weightGrams: number, now: Date): Promise<number> {
  const own = shippingFee(zone, weightGrams, currency);
  if (own !== null) return own;
  return (await quoteConversion(tx, shippingFee(zone, weightGrams, 'EUR')!, 'EUR', currency, now)).amountMinor;
}

async function cartWeightGrams(tx: Tx, needs: CartNeed[]): Promise<number> {
  if (needs.length === 0) return 0;
  const rows = await skuDetails(tx, needs.map((n) => n.skuId));
  return needs.reduce((sum, n) => sum + n.quantity * (rows.find((r) => r.id === n.skuId)?.weightGrams ?? 0), 0);
}

function candidateOf(location: Location, distance: number, stock: Array<{ skuId: string; locationId: string; available: number }>): CandidateLocation {
  const available: Record<string, number> = {};
  for (const s of stock) if (s.locationId === location.id) available[s.skuId] = s.available;
  return {
    id: location.id, kind: location.kind, distanceM: distance, available, deliveryRadiusM: location.deliveryRadiusM,
    offersLocalDelivery: location.localDelivery, offersPickup: location.offersPickup, shipsOrders: location.shipsOrders,
  };
}

const STORE_KINDS = ['store', 'popup', 'corner'] as const;

/**
 * Every way this cart can reach the destination, cheapest and fastest first, with the reason
 * each missing kind was not offered:
 * - express delivery, free, from the nearest store holding every line within its radius;
 * - pickup at a store holding every line, in a slot with places left;
 * - standard shipping from a warehouse (fee by zone and weight);
 * - a partner pickup point near the shopper, supplied from a warehouse;
 * - a split into the fewest shipments, nearest stores first, when no one location has it all.
 */
export async function fulfilmentOptions(tx: Tx, needs: CartNeed[], destination: Destination, currency: string, now = new Date()): Promise<FulfilmentOptions> {
  if (needs.length === 0) throw new DomainError('orders.cart_empty', 'Add something to the cart first');
  const skuIds = needs.map((n) => n.skuId);
  const notOffered: FulfilmentOptions['notOffered'] = [];
  const options: FulfilmentOption[] = [];
  const here = { lat: destination.latitude, lon: destination.longitude };

  const stores = await nearbyLocations(tx, { lat: here.lat, lon: here.lon, radiusKm: PICKUP_SEARCH_KM, at: now, kinds: [...STORE_KINDS], skuIds });
  const storeStock = stores.flatMap((s) => s.stock.map((st) => ({ ...st, locationId: s.location.id })));
  const storeCandidates = stores.map((s) => ({ near: s, candidate: candidateOf(s.location, s.distanceMetres, storeStock) }));

  // Express: free, 30-minute slots, from the nearest store within its own delivery radius.
  const express = storeCandidates.filter(({ near, candidate }) => near.deliversHere && holdsAll(candidate, needs));
  let expressOffered = false;
  for (const { near } of express) {
    const slots = await expressSlots(tx, near.location, now);
    if (slots.length === 0) continue;
    options.push({
      id: `express_delivery:${near.location.id}`, kind: 'express_delivery', feeMinor: 0, currency,
      shipments: [{ kind: 'express_delivery', sourceLocationId: near.location.id, sourceName: near.location.name, pickupLocationId: null, distanceMetres: near.distanceMetres, feeMinor: 0, lines: needs, earliestSlot: slots[0], slots, estimatedDelivery: slots[0].end.toISOString() }],
    });
    expressOffered = true;
    break;
  }
  if (!expressOffered) {
    const inRadius = storeCandidates.filter(({ near }) => near.deliversHere);
    notOffered.push({
      kind: 'express_delivery',
      reason: inRadius.length === 0 ? 'No store delivers to this address (it is outside every store\'s delivery radius)'
        : express.length === 0 ? 'No store within delivery range has every item in stock' : 'No delivery slot left today or tomorrow',
    });
  }

  // Pickup at a store.
  let pickups = 0;
  for (const { near, candidate } of storeCandidates) {
    if (!near.location.offersPickup || !holdsAll(candidate, needs) || pickups >= 3) continue;
    const today = DateTime.fromJSDate(now, { zone: near.location.timeZone });
    const slots: Slot[] = [];
    for (let d = 0; d < 3 && slots.length < 8; d++) {
      const day = await pickupSlotAvailability(tx, near.location.id, today.plus({ days: d }).toISODate()!, now);
      slots.push(...day.filter((s) => s.remaining > 0).map((s) => ({ start: s.start, end: s.end, remaining: s.remaining })));
    }
    if (slots.length === 0) continue;
    options.push({
      id: `store_pickup:${near.location.id}`, kind: 'store_pickup', feeMinor: 0, currency,
      shipments: [{ kind: 'store_pickup', sourceLocationId: near.location.id, sourceName: near.location.name, pickupLocationId: near.location.id, distanceMetres: near.distanceMetres, feeMinor: 0, lines: needs, earliestSlot: slots[0], slots: slots.slice(0, 8), estimatedDelivery: null }],
    });
    pickups++;
  }
  if (pickups === 0) notOffered.push({ kind: 'store_pickup', reason: `No store within ${PICKUP_SEARCH_KM} km offering pickup has every item with a free slot` });

  // Standard shipping from a warehouse (bonded warehouses serve cross-border lines).
  const warehouses = (await listLocations(tx, { at: now })).filter((l) => (l.kind === 'warehouse' || l.kind === 'bonded_warehouse') && l.shipsOrders);
  const warehouseStock = warehouses.length ? await availableAt(tx, skuIds, warehouses.map((w) => w.id)) : [];
  const warehouseCandidates = warehouses
    .map((w) => ({ location: w, candidate: candidateOf(w, Math.round(distanceMetres(here, { lat: w.latitude, lon: w.longitude })), warehouseStock) }))
    .sort((a, b) => a.candidate.distanceM - b.candidate.distanceM);
  const weight = await cartWeightGrams(tx, needs);
  const country = destination.country ?? null;
  const shippingFrom = warehouseCandidates.find((w) => holdsAll(w.candidate, needs));
  const shipFee = async (from: Location): Promise<number | null> => {
    try {
      return await shippingFeeIn(tx, currency, shippingZone(from.country, country ?? from.country), weight, now);
    } catch (error) {
      if (error instanceof DomainError && error.code === 'payments.fx_rate_missing') return null; // no price, no offer
      throw error;
    }
  };
  const eta = (from: Location) => DateTime.fromJSDate(now).plus({ days: SHIPPING_DAYS[shippingZone(from.country, country ?? from.country)] }).toISODate();
  const standardFee = shippingFrom ? await shipFee(shippingFrom.location) : null;
  if (shippingFrom && standardFee === null) {
    notOffered.push({ kind: 'standard_shipping', reason: `No EUR/${currency} rate to state the shipping fee in ${currency}` });
  }
  if (shippingFrom && standardFee !== null) {
    const fee = standardFee;
    options.push({
      id: `standard_shipping:${shippingFrom.location.id}`, kind: 'standard_shipping', feeMinor: fee, currency,
      shipments: [{ kind: 'standard_shipping', sourceLocationId: shippingFrom.location.id, sourceName: shippingFrom.location.name, pickupLocationId: null, distanceMetres: shippingFrom.candidate.distanceM, feeMinor: fee, lines: needs, earliestSlot: null, slots: [], estimatedDelivery: eta(shippingFrom.location) }],
    });
    // Partner pickup points near the shopper, supplied by the same warehouse: no delivery fee.
    const desks = await nearbyLocations(tx, { lat: here.lat, lon: here.lon, radiusKm: PARTNER_SEARCH_KM, at: now, kinds: ['partner_pickup_point'] });
    for (const desk of desks.slice(0, 2)) {
      options.push({
        id: `partner_pickup:${shippingFrom.location.id}:${desk.location.id}`, kind: 'partner_pickup', feeMinor: 0, currency,
        shipments: [{ kind: 'partner_pickup', sourceLocationId: shippingFrom.location.id, sourceName: shippingFrom.location.name, pickupLocationId: desk.location.id, distanceMetres: desk.distanceMetres, feeMinor: 0, lines: needs, earliestSlot: null, slots: [], estimatedDelivery: eta(shippingFrom.location) }],
      });
    }
    if (desks.length === 0) notOffered.push({ kind: 'partner_pickup', reason: `No partner pickup point within ${PARTNER_SEARCH_KM} km` });
  } else if (!shippingFrom) {
    notOffered.push({ kind: 'standard_shipping', reason: 'No warehouse has every item in stock' });
    notOffered.push({ kind: 'partner_pickup', reason: 'Partner desks are supplied from a warehouse, and none has every item' });
  }

  // Split: when no store can bring the whole cart by express, several stores that each deliver
  // here may together (free split express, before any paid shipping); otherwise, when no single
  // location can serve the cart, the fewest shipments from the whole network.
  type Source = { location: Location; candidate: CandidateLocation; deliversHere: boolean };
  const buildSplit = async (sources: Source[], expressOnly: boolean): Promise<FulfilmentOption | null> => {
    const plan = planSplit(sources.map((a) => a.candidate), needs);
    if (!plan || plan.length < 2) return null;
    const shipments: ShipmentOption[] = [];
    for (const part of plan) {
      const source = sources.find((a) => a.candidate.id === part.locationId)!;
      const slots = source.deliversHere ? await expressSlots(tx, source.location, now) : [];
      const express = slots.length > 0;
      if (expressOnly && !express) return null;
      const fee = express ? 0 : await shipFee(source.location);
      if (fee === null) return null;
      shipments.push({
        kind: express ? 'express_delivery' : 'standard_shipping', sourceLocationId: source.location.id, sourceName: source.location.name, pickupLocationId: null,
        distanceMetres: source.candidate.distanceM, feeMinor: fee, lines: part.lines, earliestSlot: slots[0] ?? null, slots, estimatedDelivery: express ? slots[0].end.toISOString() : eta(source.location),
      });
    }
    return { id: `split:${plan.map((p) => p.locationId).join(',')}`, kind: 'split', feeMinor: shipments.reduce((sum, x) => sum + x.feeMinor, 0), currency, shipments };
  };
  const storeSources: Source[] = storeCandidates.map((s) => ({ location: s.near.location, candidate: s.candidate, deliversHere: s.near.deliversHere }));
  const localSplit = expressOffered ? null : await buildSplit(storeSources.filter((s) => s.deliversHere), true);
  const anyWhole = storeCandidates.some(({ candidate }) => holdsAll(candidate, needs)) || Boolean(shippingFrom);
  if (localSplit) {
    options.push(localSplit);
  } else if (!anyWhole) {
    const split = await buildSplit([...storeSources, ...warehouseCandidates.map((w) => ({ location: w.location, candidate: w.candidate, deliversHere: false }))], false);
    if (split) options.push(split);
    else notOffered.push({ kind: 'split', reason: 'The network does not have enough units of every item' });
  } else {
    notOffered.push({ kind: 'split', reason: expressOffered ? 'One store delivers the whole cart' : 'One location can serve the whole cart' });
  }

  const rank: Record<string, number> = { express_delivery: 0, store_pickup: 1, split: 2, partner_pickup: 3, standard_shipping: 4 };
  options.sort((a, b) => rank[a.kind] - rank[b.kind]);
  return { options, notOffered };
}

/**
 * The option a shopper chose, re-checked for checkout without recomputing every option: the
 * source must still exist, be live and (express) deliver to the address; stock is then proved
 * by the reservation and slot places by their bookings, both inside checkout's transaction.
 * Split options are recomputed in full, since their line allocation is not in the id.
 */
export async function resolveOption(tx: Tx, optionId: string, needs: CartNeed[], destination: Destination, currency: string, now = new Date()): Promise<FulfilmentOption> {
  const [kind, source, pickup] = optionId.split(':');
  const unavailable = (why: string) => new DomainError('orders.option_unavailable', `The chosen delivery option is no longer available: ${why}; ask for the options again`, { optionId });
  if (kind === 'split' || !source) {
    const found = (await fulfilmentOptions(tx, needs, destination, currency, now)).options.find((o) => o.id === optionId);
    if (!found) throw unavailable('the split changed');
    return found;
  }
  const [location] = await listLocations(tx, { at: now, ids: [source] });
  if (!location) throw unavailable('the location is closed');
  const distance = Math.round(distanceMetres({ lat: destination.latitude, lon: destination.longitude }, { lat: location.latitude, lon: location.longitude }));
  const shipment: ShipmentOption = {
    kind: kind as FulfilmentKind, sourceLocationId: location.id, sourceName: location.name, pickupLocationId: null, distanceMetres: distance,
    feeMinor: 0, lines: needs, earliestSlot: null, slots: [], estimatedDelivery: null,
  };
  switch (kind) {
    case 'express_delivery': {
      if (!location.localDelivery || distance > location.deliveryRadiusM) throw unavailable('the address is outside the store\'s delivery radius');
      shipment.slots = await expressSlots(tx, location, now, 48);
      break;
    }
    case 'store_pickup': {
      if (!location.offersPickup) throw unavailable('the store does not offer pickup');
      shipment.pickupLocationId = location.id;
      const today = DateTime.fromJSDate(now, { zone: location.timeZone });
      for (let d = 0; d < 3; d++) {
        const day = await pickupSlotAvailability(tx, location.id, today.plus({ days: d }).toISODate()!, now);
        shipment.slots.push(...day.filter((s) => s.remaining > 0).map((s) => ({ start: s.start, end: s.end, remaining: s.remaining })));
      }
      break;
    }
    case 'standard_shipping':
    case 'partner_pickup': {
      if (!location.shipsOrders) throw unavailable('the location no longer ships');
      if (kind === 'partner_pickup') {
        const [desk] = await listLocations(tx, { at: now, ids: [pickup ?? ''] });
        if (!desk || desk.kind !== 'partner_pickup_point') throw unavailable('the pickup desk is closed');
        shipment.pickupLocationId = desk.id;
      } else {
        shipment.feeMinor = await shippingFeeIn(tx, currency, shippingZone(location.country, destination.country ?? location.country), await cartWeightGrams(tx, needs), now);
      }
      break;
    }
    default:
      throw unavailable('unknown option');
  }
  if ((kind === 'express_delivery' || kind === 'store_pickup') && shipment.slots.length === 0) throw unavailable('no slot left');
  shipment.earliestSlot = shipment.slots[0] ?? null;
  return { id: optionId, kind: kind as FulfilmentKind, feeMinor: shipment.feeMinor, currency, shipments: [shipment] };
}
