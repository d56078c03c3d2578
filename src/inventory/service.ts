import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../db/tx.js';
import { pgCode, pgConstraint } from '../db/tx.js';
import { DomainError } from '../http/problem.js';
import { recordEvent } from '../events/index.js';
import { skus } from '../catalog/schema.js';
import { reservationLines, reservations, stockLevels, stockMovements } from './schema.js';
import { type ManualMovementKind, type MovementKind, type ReserveLine, allocateInArrivalOrder, normaliseLines } from './model.js';
import './errors.js';

export type StockLevel = typeof stockLevels.$inferSelect;
export type StockMovement = typeof stockMovements.$inferSelect;
export type ReservationStatus = (typeof reservations.$inferSelect)['status'];

export interface Reservation {
  id: string;
  reference: string;
  status: ReservationStatus;
  holderAccountId: string | null;
  expiresAt: Date;
  createdAt: Date;
  settledAt: Date | null;
  lines: ReserveLine[];
}

export interface ReserveOptions {
  /** How long the units stay held before the sweeper returns them. */
  ttlMs: number;
  /** The cart or order the hold is for (free text, e.g. `cart:…`, `order:…`). */
  reference: string;
  holderAccountId?: string | null;
  now?: Date;
}

/** A live location at `at`: not archived, and inside its active window (pop-ups). */
function locationLiveSql(locationId: SQL | string, at: Date): SQL {
  return sql`exists (select 1 from locations l where l.id = ${locationId}
    and (l.archived_at is null or l.archived_at > ${at})
    and (l.active_from is null or l.active_from <= ${at})
    and (l.active_to is null or l.active_to > ${at}))`;
}

/** Why a line could not be reserved: a sold-out problem naming the line, or a closed location. */
async function explainRefusal(tx: Tx, line: ReserveLine & { index: number }, at: Date): Promise<DomainError> {
  const { rows } = await tx.execute(sql`
    select coalesce((select on_hand - reserved from stock_levels where sku_id = ${line.skuId} and location_id = ${line.locationId}), 0) as available,
           ${locationLiveSql(line.locationId, at)} as live`);
  const available = Number(rows[0]?.available ?? 0);
  const where = { line: line.index, skuId: line.skuId, locationId: line.locationId, requested: line.quantity, available };
  if (!rows[0]?.live) return new DomainError('inventory.location_unavailable', `Line ${line.index}: location ${line.locationId} is not live`, where);
  return new DomainError('inventory.sold_out', `Line ${line.index}: ${line.quantity} requested, ${available} available of SKU ${line.skuId} at location ${line.locationId}`, where);
}

/**
 * Holds units for a cart or an order, all lines or none, in ONE statement whatever the number
 * of lines: the stock rows that still have the units are locked in (sku, location) order (a row
 * already short is skipped without waiting for its lock, so a sold-out answer is immediate),
 * `reserved` moves on every locked row, and the hold with its lines is inserted only when every
 * line was taken. Otherwise the first line that could not be held throws `inventory.sold_out`
 * (or `inventory.location_unavailable`), which rolls back the caller's transaction; the CHECK on
 * stock_levels stays the guarantee.
 */
export async function reserve(tx: Tx, lines: ReserveLine[], options: ReserveOptions): Promise<Reservation> {
  const now = options.now ?? new Date();
  const normalised = normaliseLines(lines);
  const reservation = {
    id: randomUUID(), reference: options.reference, status: 'held' as const, holderAccountId: options.holderAccountId ?? null,
    expiresAt: new Date(now.getTime() + options.ttlMs), createdAt: now, settledAt: null,
  };
  const wanted = JSON.stringify(normalised.map((l) => ({ sku: l.skuId, location: l.locationId, quantity: l.quantity })));
  // LockRows sits above the Sort, so the rows are locked in key order, like every other writer.
  const { rows } = await tx.execute(sql`
    with wanted as materialized (
      select * from jsonb_to_recordset(${wanted}::jsonb) as w(sku uuid, location uuid, quantity int)),
    locked as materialized (
      select s.sku_id, s.location_id, w.quantity from stock_levels s join wanted w on s.sku_id = w.sku and s.location_id = w.location
      where s.on_hand - s.reserved >= w.quantity and ${locationLiveSql(sql`s.location_id`, now)}
      order by s.sku_id, s.location_id
      for update of s),
    taken as (
      update stock_levels s set reserved = s.reserved + l.quantity, updated_at = ${now}
      from locked l where s.sku_id = l.sku_id and s.location_id = l.location_id and s.on_hand - s.reserved >= l.quantity
      returning s.sku_id, s.location_id),
    hold as (
      insert into reservations (id, reference, status, holder_account_id, expires_at, created_at)
      select ${reservation.id}, ${reservation.reference}, 'held', ${reservation.holderAccountId}, ${reservation.expiresAt}, ${now}
      where (select count(*) from taken) = ${normalised.length}
      returning id),
    held_lines as (
      insert into reservation_lines (reservation_id, sku_id, location_id, quantity)
      select hold.id, w.sku, w.location, w.quantity from hold, wanted w
      returning 1)
    select t.sku_id, t.location_id, (select count(*) from held_lines) as held from taken t`);
  const held = rows.length > 0 && Number(rows[0].held) === normalised.length;
  if (!held) {
    const taken = new Set(rows.map((r) => `${r.sku_id}|${r.location_id}`));
    const first = normalised.find((l) => !taken.has(`${l.skuId}|${l.locationId}`)) ?? normalised[0];
    throw await explainRefusal(tx, first, now);
  }
  return { ...reservation, lines: normalised.map(({ skuId, locationId, quantity }) => ({ skuId, locationId, quantity })) };
}

export interface BatchRequest { skuId: string; locationId: string; quantity: number; reference: string; holderAccountId?: string | null }
export type BatchOutcome = { ok: true; reservation: Reservation } | { ok: false; error: DomainError };

/**
 * Many single-line reservations in one transaction (the coalescer's unit of work). The stock
 * rows involved are locked once, in (sku, location) order like every other writer; each row's
 * requests are granted in arrival order while units last; `reserved` moves once per row; every
 * hold and every line is inserted by one statement each, whatever the batch size. The CHECK on
 * stock_levels stays the guarantee.
 */
export async function reserveBatch(tx: Tx, requests: BatchRequest[], options: { ttlMs: number; now?: Date }): Promise<BatchOutcome[]> {
  const now = options.now ?? new Date();
  const keyOf = (r: { skuId: string; locationId: string }) => `${r.skuId}|${r.locationId}`;
  const keys = [...new Map(requests.map((r) => [keyOf(r), { sku: r.skuId, location: r.locationId }])).values()];
  // LockRows sits above the Sort: rows are locked in the order given.
  const { rows } = await tx.execute(sql`
    select s.sku_id, s.location_id, s.on_hand - s.reserved as available, ${locationLiveSql(sql`s.location_id`, now)} as live
    from stock_levels s join jsonb_to_recordset(${JSON.stringify(keys)}::jsonb) as k(sku uuid, location uuid)
      on s.sku_id = k.sku and s.location_id = k.location
    order by s.sku_id, s.location_id
    for update of s`);
  const stock = new Map(rows.map((r) => [`${r.sku_id}|${r.location_id}`, { available: r.live ? Number(r.available) : 0, live: Boolean(r.live) }]));
  const remaining = new Map([...stock].map(([key, s]) => [key, s.available]));
  const expiresAt = new Date(now.getTime() + options.ttlMs);
  const outcomes: BatchOutcome[] = [];
  const held: Array<{ id: string; reference: string; holder: string | null; sku: string; location: string; quantity: number }> = [];
  for (const request of requests) {
    const key = keyOf(request);
    const left = remaining.get(key) ?? 0;
    // First come, first served per row (see allocateInArrivalOrder).
    const [granted] = allocateInArrivalOrder(left, [request.quantity]).granted;
    if (granted) {
      remaining.set(key, left - request.quantity);
      const id = randomUUID();
      held.push({ id, reference: request.reference, holder: request.holderAccountId ?? null, sku: request.skuId, location: request.locationId, quantity: request.quantity });
      outcomes.push({ ok: true, reservation: { id, reference: request.reference, status: 'held', holderAccountId: request.holderAccountId ?? null, expiresAt, createdAt: now, settledAt: null, lines: [{ skuId: request.skuId, locationId: request.locationId, quantity: request.quantity }] } });
    } else {
      const where = { line: 0, skuId: request.skuId, locationId: request.locationId, requested: request.quantity, available: left };
      outcomes.push({ ok: false, error: stock.get(key)?.live
        ? new DomainError('inventory.sold_out', `${request.quantity} requested, ${left} available of SKU ${request.skuId} at location ${request.locationId}`, where)
        : new DomainError('inventory.location_unavailable', `Location ${request.locationId} is not live or does not stock SKU ${request.skuId}`, where) });
    }
  }
  if (held.length === 0) return outcomes;
  const taken = [...remaining].flatMap(([key, left]) => {
    const quantity = (stock.get(key)?.available ?? 0) - left;
    const [sku, location] = key.split('|');
    return quantity > 0 ? [{ sku, location, quantity }] : [];
  });
  const updated = await tx.execute(sql`
    update stock_levels s set reserved = s.reserved + t.quantity, updated_at = ${now}
    from jsonb_to_recordset(${JSON.stringify(taken)}::jsonb) as t(sku uuid, location uuid, quantity int)
    where s.sku_id = t.sku and s.location_id = t.location and s.on_hand - s.reserved >= t.quantity
    returning 1 as ok`);
  if (updated.rows.length !== taken.length) throw new Error('stock changed under a row lock'); // cannot happen: the rows are locked
  // One JSON parameter per statement, whatever the batch size.
  const payload = JSON.stringify(held);
  await tx.execute(sql`
    with hold as (
      insert into reservations (id, reference, status, holder_account_id, expires_at, created_at)
      select r.id, r.reference, 'held', r.holder, ${expiresAt}, ${now} from jsonb_to_recordset(${payload}::jsonb) as r(id uuid, reference text, holder uuid)
      returning id)
    insert into reservation_lines (reservation_id, sku_id, location_id, quantity)
    select r.id, r.sku, r.location, r.quantity from jsonb_to_recordset(${payload}::jsonb) as r(id uuid, sku uuid, location uuid, quantity int)
    where r.id in (select id from hold)`);
  return outcomes;
}

async function loadReservation(tx: Tx, reservationId: string): Promise<Reservation> {
  const [row] = await tx.select().from(reservations).where(eq(reservations.id, reservationId));
  if (!row) throw new DomainError('inventory.reservation_not_found', `No reservation ${reservationId}`);
  const lines = await tx.select({ skuId: reservationLines.skuId, locationId: reservationLines.locationId, quantity: reservationLines.quantity })
    .from(reservationLines).where(eq(reservationLines.reservationId, reservationId))
    .orderBy(asc(reservationLines.skuId), asc(reservationLines.locationId));
  return { ...row, lines };
}

export async function getReservation(tx: Tx, reservationId: string): Promise<Reservation> {
  return loadReservation(tx, reservationId);
}

/** Moves a held reservation to `to`, or explains why it is not held any more. */
async function settle(tx: Tx, reservationId: string, to: 'confirmed' | 'released', now: Date): Promise<Reservation> {
  const expiryGuard = to === 'confirmed' ? sql`and expires_at > ${now}` : sql``;
  const { rows } = await tx.execute(sql`
    update reservations set status = ${to}, settled_at = ${now}
    where id = ${reservationId} and status = 'held' ${expiryGuard} returning id`);
  if (rows.length === 0) {
    const current = await loadReservation(tx, reservationId);
    if (current.status === 'held') throw new DomainError('inventory.reservation_expired', `Reservation ${reservationId} expired at ${current.expiresAt.toISOString()}`, { expiresAt: current.expiresAt.toISOString() });
    throw new DomainError('inventory.reservation_not_held', `Reservation ${reservationId} is ${current.status}`, { status: current.status });
  }
  return loadReservation(tx, reservationId);
}

/**
 * Turns a held reservation into a sale in ONE statement: the hold is settled (refused once it
 * has expired), its stock rows are locked in (sku, location) order, on-hand and reserved both
 * drop by the line quantity, and each line leaves a `sale` movement in the journal.
 */
export async function confirmReservation(tx: Tx, reservationId: string, options: { actorAccountId?: string | null; now?: Date } = {}): Promise<Reservation> {
  const now = options.now ?? new Date();
  const { rows } = await tx.execute(sql`
    with settled as (
      update reservations set status = 'confirmed', settled_at = ${now}
      where id = ${reservationId} and status = 'held' and expires_at > ${now}
      returning id, reference, status, holder_account_id, expires_at, created_at, settled_at),
    wanted as materialized (
      select l.sku_id, l.location_id, l.quantity from reservation_lines l join settled on l.reservation_id = settled.id),
    locked as materialized (
      select s.sku_id, s.location_id, w.quantity from stock_levels s join wanted w on s.sku_id = w.sku_id and s.location_id = w.location_id
      order by s.sku_id, s.location_id
      for update of s),
    sold as (
      update stock_levels s set on_hand = s.on_hand - l.quantity, reserved = s.reserved - l.quantity, updated_at = ${now}
      from locked l where s.sku_id = l.sku_id and s.location_id = l.location_id
      returning s.sku_id, s.location_id, s.on_hand, l.quantity),
    journal as (
      insert into stock_movements (sku_id, location_id, kind, quantity, on_hand_after, reason, reference, actor_account_id)
      select sold.sku_id, sold.location_id, 'sale', -sold.quantity, sold.on_hand, 'sale', settled.reference, ${options.actorAccountId ?? null}::uuid
      from sold, settled
      returning 1)
    select settled.*, (select count(*) from journal) as journalled,
      (select coalesce(json_agg(json_build_object('skuId', sku_id, 'locationId', location_id, 'quantity', quantity) order by sku_id, location_id), '[]'::json) from sold) as lines
    from settled`);
  if (rows.length === 0) {
    const current = await loadReservation(tx, reservationId);
    if (current.status === 'held') throw new DomainError('inventory.reservation_expired', `Reservation ${reservationId} expired at ${current.expiresAt.toISOString()}`, { expiresAt: current.expiresAt.toISOString() });
    throw new DomainError('inventory.reservation_not_held', `Reservation ${reservationId} is ${current.status}`, { status: current.status });
  }
  const row = rows[0];
  const lines = (typeof row.lines === 'string' ? JSON.parse(row.lines) : row.lines) as ReserveLine[];
  const reservation: Reservation = {
    id: String(row.id), reference: String(row.reference), status: 'confirmed', holderAccountId: row.holder_account_id ?? null,
    expiresAt: new Date(row.expires_at), createdAt: new Date(row.created_at), settledAt: new Date(row.settled_at), lines,
  };
  await recordEvent(tx, 'inventory.reservation_confirmed', reservation.id, { reference: reservation.reference, lines: reservation.lines });
  return reservation;
}

/** Gives the held units back (cart abandoned, order cancelled before confirmation). */
export async function releaseReservation(tx: Tx, reservationId: string, options: { now?: Date } = {}): Promise<Reservation> {
  const now = options.now ?? new Date();
  const reservation = await settle(tx, reservationId, 'released', now);
  for (const line of reservation.lines) {
    await tx.execute(sql`
      update stock_levels set reserved = reserved - ${line.quantity}, updated_at = ${now}
      where sku_id = ${line.skuId} and location_id = ${line.locationId}`);
  }
  return reservation;
}

/**
 * Expires held reservations past their expiry and returns their units, up to `limit` per call.
 * SKIP LOCKED lets several sweepers (or a confirm in flight) pass each other; the units are
 * given back in (sku, location) order, like every other writer, so nothing deadlocks.
 */
export async function sweepExpiredReservations(tx: Tx, now = new Date(), limit = 500): Promise<{ reservations: number; units: number }> {
  const { rows: expired } = await tx.execute(sql`
    update reservations set status = 'expired', settled_at = ${now}
    where id in (select id from reservations where status = 'held' and expires_at <= ${now} order by expires_at limit ${limit} for update skip locked)
    returning id`);
  if (expired.length === 0) return { reservations: 0, units: 0 };
  const ids = expired.map((r) => String(r.id));
  const totals = await tx.select({ skuId: reservationLines.skuId, locationId: reservationLines.locationId, quantity: sql<number>`sum(${reservationLines.quantity})::int` })
    .from(reservationLines).where(inArray(reservationLines.reservationId, ids))
    .groupBy(reservationLines.skuId, reservationLines.locationId).orderBy(asc(reservationLines.skuId), asc(reservationLines.locationId));
  let units = 0;
  for (const total of totals) {
    const quantity = Number(total.quantity);
    units += quantity;
    await tx.execute(sql`
      update stock_levels set reserved = reserved - ${quantity}, updated_at = ${now}
      where sku_id = ${total.skuId} and location_id = ${total.locationId}`);
  }
  return { reservations: ids.length, units };
}

// --- movements ------------------------------------------------------------------------------

export interface MovementInput {
  skuId: string;
  locationId: string;
  reason?: string;
  reference?: string | null;
  actorAccountId?: string | null;
}

function mapForeignKey(error: unknown, input: { skuId: string; locationId: string }): never {
  if (pgCode(error) === '23503') {
    const constraint = pgConstraint(error) ?? '';
    if (constraint.includes('location')) throw new DomainError('locations.not_found', `No location ${input.locationId}`);
    throw new DomainError('inventory.sku_not_found', `No SKU ${input.skuId}`);
  }
  throw error;
}

async function journal(tx: Tx, input: MovementInput, kind: MovementKind, quantity: number, onHandAfter: number): Promise<StockMovement> {
  const [movement] = await tx.insert(stockMovements).values({
    skuId: input.skuId, locationId: input.locationId, kind, quantity, onHandAfter,
    reason: input.reason ?? '', reference: input.reference ?? null, actorAccountId: input.actorAccountId ?? null,
  }).returning();
  return movement;
}

/** Adds units to on-hand (creating the stock row on first receipt) and journals it. */
async function addUnits(tx: Tx, input: MovementInput, kind: 'receipt' | 'return' | 'adjustment' | 'transfer', quantity: number): Promise<StockMovement> {
  try {
    const { rows } = await tx.execute(sql`
      insert into stock_levels as s (sku_id, location_id, on_hand) values (${input.skuId}, ${input.locationId}, ${quantity})
      on conflict (sku_id, location_id) do update set on_hand = s.on_hand + ${quantity}, updated_at = now()
      returning on_hand`);
    return await journal(tx, input, kind, quantity, Number(rows[0].on_hand));
  } catch (error) {
    return mapForeignKey(error, input);
  }
}

/** Takes units off on-hand, never below what is reserved (nor below zero). */
async function removeUnits(tx: Tx, input: MovementInput, kind: 'adjustment' | 'transfer' | 'damage', quantity: number): Promise<StockMovement> {
  const { rows } = await tx.execute(sql`
    update stock_levels set on_hand = on_hand - ${quantity}, updated_at = now()
    where sku_id = ${input.skuId} and location_id = ${input.locationId} and on_hand - reserved >= ${quantity}
    returning on_hand`);
  if (rows.length === 0) {
    const [level] = await tx.select().from(stockLevels).where(and(eq(stockLevels.skuId, input.skuId), eq(stockLevels.locationId, input.locationId)));
    const free = level ? level.onHand - level.reserved : 0;
    throw new DomainError('inventory.insufficient', `Cannot remove ${quantity}: ${free} unreserved on hand`, { skuId: input.skuId, locationId: input.locationId, requested: quantity, available: free });
  }
  return journal(tx, input, kind, -quantity, Number(rows[0].on_hand));
}

export async function receiveStock(tx: Tx, input: MovementInput & { quantity: number }): Promise<StockMovement> {
  return addUnits(tx, { reason: 'receipt', ...input }, 'receipt', positive(input.quantity));
}

/** A returned item back on the shelf of a location that accepts returns. */
export async function returnToStock(tx: Tx, input: MovementInput & { quantity: number }): Promise<StockMovement> {
  const { rows } = await tx.execute(sql`select accepts_returns from locations where id = ${input.locationId}`);
  if (rows.length === 0) throw new DomainError('locations.not_found', `No location ${input.locationId}`);
  if (!rows[0].accepts_returns) throw new DomainError('inventory.returns_not_accepted', `Location ${input.locationId} does not accept returns`);
  return addUnits(tx, { reason: 'return', ...input }, 'return', positive(input.quantity));
}

/**
 * Units that never reached the shopper (a parcel sent back unclaimed) go back on the shelf of
 * the location they left, whether or not it takes customer returns.
 */
export async function restockAtSource(tx: Tx, input: MovementInput & { quantity: number }): Promise<StockMovement> {
  return addUnits(tx, { reason: 'returned to sender', ...input }, 'return', positive(input.quantity));
}

/**
 * A short pick: `quantity` units were sold (on-hand already dropped by the sale) but were not on
 * the shelf. The journal says so in two movements: the sale of those units is reversed (an
 * `adjustment`, they were refunded) and they are written off as missing (`damage`, reason
 * "not found at pick"), so the sales in the journal are what left with the shopper and the
 * shortfall is visible as a discrepancy. On-hand ends where the sale left it.
 */
export async function writeOffShortPick(tx: Tx, input: MovementInput & { quantity: number }): Promise<StockMovement[]> {
  const quantity = positive(input.quantity);
  const reversed = await addUnits(tx, { ...input, reason: `short pick: sale of ${quantity} missing unit(s) reversed (refunded)` }, 'adjustment', quantity);
  const missing = await removeUnits(tx, { ...input, reason: `short pick: ${quantity} unit(s) not found on the shelf (stock discrepancy, written off)` }, 'damage', quantity);
  return [reversed, missing];
}

/** A signed correction (`adjustment`) or a write-off (`damage`, negative only); a reason is expected. */
export async function adjustStock(tx: Tx, input: MovementInput & { delta: number; kind?: 'adjustment' | 'damage' }): Promise<StockMovement> {
  const kind = input.kind ?? 'adjustment';
  if (!Number.isInteger(input.delta) || input.delta === 0) throw new DomainError('inventory.invalid_lines', 'delta must be a non-zero whole number', {}, [{ field: '/quantity', message: 'must be a non-zero integer' }]);
  if (kind === 'damage') return removeUnits(tx, input, 'damage', Math.abs(input.delta));
  return input.delta > 0 ? addUnits(tx, input, 'adjustment', input.delta) : removeUnits(tx, input, 'adjustment', -input.delta);
}

/** A stock count: on-hand becomes what was counted (never below what is reserved). */
export async function countStock(tx: Tx, input: MovementInput & { counted: number }): Promise<StockMovement> {
  if (!Number.isInteger(input.counted) || input.counted < 0) throw new DomainError('inventory.invalid_lines', 'counted must be a whole number ≥ 0');
  try {
    await tx.execute(sql`insert into stock_levels (sku_id, location_id) values (${input.skuId}, ${input.locationId}) on conflict do nothing`);
  } catch (error) {
    mapForeignKey(error, input);
  }
  const [level] = await tx.select().from(stockLevels).where(and(eq(stockLevels.skuId, input.skuId), eq(stockLevels.locationId, input.locationId))).for('update');
  if (input.counted < level.reserved) {
    throw new DomainError('inventory.insufficient', `Counted ${input.counted} but ${level.reserved} are reserved; release or sell them first`, { reserved: level.reserved });
  }
  await tx.update(stockLevels).set({ onHand: input.counted, updatedAt: new Date() }).where(and(eq(stockLevels.skuId, input.skuId), eq(stockLevels.locationId, input.locationId)));
  return journal(tx, { reason: 'count', ...input }, 'count', input.counted - level.onHand, input.counted);
}

/** Moves units between two locations; rows are touched in location-id order. */
export async function transferStock(tx: Tx, input: Omit<MovementInput, 'locationId'> & { fromLocationId: string; toLocationId: string; quantity: number }): Promise<StockMovement[]> {
  const quantity = positive(input.quantity);
  const out = { ...input, locationId: input.fromLocationId, reason: input.reason ?? `transfer to ${input.toLocationId}` };
  const into = { ...input, locationId: input.toLocationId, reason: input.reason ?? `transfer from ${input.fromLocationId}` };
  if (input.fromLocationId < input.toLocationId) return [await removeUnits(tx, out, 'transfer', quantity), await addUnits(tx, into, 'transfer', quantity)];
  const added = await addUnits(tx, into, 'transfer', quantity);
  return [await removeUnits(tx, out, 'transfer', quantity), added];
}

/** Records a manual movement as an associate or merchant enters it in the console. */
export async function recordManualMovement(tx: Tx, input: MovementInput & { kind: ManualMovementKind; quantity: number }): Promise<StockMovement> {
  switch (input.kind) {
    case 'receipt': return receiveStock(tx, input);
    case 'count': return countStock(tx, { ...input, counted: input.quantity });
    case 'damage': return adjustStock(tx, { ...input, kind: 'damage', delta: -Math.abs(input.quantity) });
    case 'adjustment': return adjustStock(tx, { ...input, kind: 'adjustment', delta: input.quantity });
  }
}

function positive(quantity: number): number {
  if (!Number.isInteger(quantity) || quantity <= 0) throw new DomainError('inventory.invalid_lines', 'quantity must be a positive whole number', {}, [{ field: '/quantity', message: 'must be a positive integer' }]);
  return quantity;
}

// --- reads ----------------------------------------------------------------------------------

export interface LocationStock { skuId: string; locationId: string; onHand: number; reserved: number; available: number }
export interface SkuAvailability { skuId: string; network: number; locations: LocationStock[] }

function liveLocationsCondition(at: Date): SQL {
  return locationLiveSql(sql`${stockLevels.locationId}`, at);
}

/** Units available per SKU at the given live locations (flat). */
export async function availableAt(tx: Tx, skuIds: string[], locationIds: string[], at = new Date()): Promise<LocationStock[]> {
  if (skuIds.length === 0 || locationIds.length === 0) return [];
  const rows = await tx.select().from(stockLevels)
    .where(and(inArray(stockLevels.skuId, skuIds), inArray(stockLevels.locationId, locationIds), liveLocationsCondition(at)));
  return rows.map((r) => ({ skuId: r.skuId, locationId: r.locationId, onHand: r.onHand, reserved: r.reserved, available: Math.max(0, r.onHand - r.reserved) }));
}

/**
 * Available to promise per SKU, per live location and across the network (the sum). Pass
 * `locationIds` to restrict both to those locations.
 */
export async function availableToPromise(tx: Tx, skuIds: string[], locationIds?: string[], at = new Date()): Promise<SkuAvailability[]> {
  if (skuIds.length === 0) return [];
  const conditions = [inArray(stockLevels.skuId, skuIds), liveLocationsCondition(at)];
  if (locationIds) {
    if (locationIds.length === 0) return skuIds.map((skuId) => ({ skuId, network: 0, locations: [] }));
    conditions.push(inArray(stockLevels.locationId, locationIds));
  }
  const rows = await tx.select().from(stockLevels).where(and(...conditions)).orderBy(asc(stockLevels.skuId), asc(stockLevels.locationId));
  return [...new Set(skuIds)].map((skuId) => {
    const here = rows.filter((r) => r.skuId === skuId).map((r) => ({ skuId, locationId: r.locationId, onHand: r.onHand, reserved: r.reserved, available: Math.max(0, r.onHand - r.reserved) }));
    return { skuId, network: here.reduce((sum, l) => sum + l.available, 0), locations: here };
  });
}

export interface StockRow extends LocationStock { skuCode: string; merchantId: string; updatedAt: Date }

/** Stock at a location (or of a merchant), with SKU codes, for the consoles. */
export async function listStock(tx: Tx, filter: { locationId?: string; merchantId?: string; skuId?: string }): Promise<StockRow[]> {
  const conditions: SQL[] = [];
  if (filter.locationId) conditions.push(eq(stockLevels.locationId, filter.locationId));
  if (filter.merchantId) conditions.push(eq(skus.merchantId, filter.merchantId));
  if (filter.skuId) conditions.push(eq(stockLevels.skuId, filter.skuId));
  const rows = await tx.select({ level: stockLevels, skuCode: skus.skuCode, merchantId: skus.merchantId }).from(stockLevels)
    .innerJoin(skus, eq(skus.id, stockLevels.skuId)).where(and(...conditions))
    .orderBy(asc(skus.skuCode), asc(stockLevels.locationId)).limit(1000);
  return rows.map(({ level, skuCode, merchantId }) => ({
    skuId: level.skuId, locationId: level.locationId, onHand: level.onHand, reserved: level.reserved,
    available: Math.max(0, level.onHand - level.reserved), skuCode, merchantId, updatedAt: level.updatedAt,
  }));
}

export async function listMovements(tx: Tx, filter: { locationId: string; skuId?: string; merchantId?: string; limit?: number }): Promise<StockMovement[]> {
  const conditions: SQL[] = [eq(stockMovements.locationId, filter.locationId)];
  if (filter.skuId) conditions.push(eq(stockMovements.skuId, filter.skuId));
  if (filter.merchantId) conditions.push(sql`${stockMovements.skuId} in (select id from skus where merchant_id = ${filter.merchantId})`);
  return tx.select().from(stockMovements).where(and(...conditions)).orderBy(desc(stockMovements.id)).limit(filter.limit ?? 100);
}

/** The merchant owning a SKU (to scope merchant staff), or a 404 problem. */
export async function skuMerchant(tx: Tx, skuId: string): Promise<string> {
  const [row] = await tx.select({ merchantId: skus.merchantId }).from(skus).where(eq(skus.id, skuId));
  if (!row) throw new DomainError('inventory.sku_not_found', `No SKU ${skuId}`);
  return row.merchantId;
}
