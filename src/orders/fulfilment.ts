import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { randomInt } from 'node:crypto';
import type { Tx } from '../db/tx.js';
import { DomainError } from '../http/problem.js';
import type { Principal } from '../identity/index.js';
import { recordEvent } from '../events/index.js';
import { fulfilmentLines, fulfilments, orderAudit, orderLines, orders } from './schema.js';
import {
  FULFILMENT_MACHINE, HANDED_OVER, IllegalTransition, KIND_EVENTS, ORDER_MACHINE, TERMINAL_FULFILMENT, applyTransition,
  type FulfilmentEvent, type FulfilmentKind, type OrderEvent, type OrderStatus,
} from './model.js';
import './errors.js';

export type Fulfilment = typeof fulfilments.$inferSelect;

/** Wrong pickup codes allowed before the parcel is locked (an associate must unlock it). */
export const MAX_CODE_ATTEMPTS = 5;
/** Days a parcel waits at a partner desk before it goes back to the sender. */
export const PARTNER_HOLD_DAYS = 7;

export function newPickupCode(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, '0');
}

/** The QR payload an app shows for a pickup: scanned at the desk instead of typing the code. */
export function pickupQrPayload(fulfilmentId: string, code: string): string {
  return `mercato:pickup:${fulfilmentId}:${code}`;
}

export async function audit(tx: Tx, entry: { orderId: string; fulfilmentId?: string; actor?: string | null; action: string; from?: string | null; to?: string | null; detail?: Record<string, unknown> }): Promise<void> {
  await tx.insert(orderAudit).values({
    orderId: entry.orderId, fulfilmentId: entry.fulfilmentId ?? null, actorAccountId: entry.actor ?? null,
    action: entry.action, fromStatus: entry.from ?? null, toStatus: entry.to ?? null, detail: entry.detail ?? {},
  });
}

/** Moves an order through its machine, with audit and outbox event. */
export async function transitionOrder(tx: Tx, orderId: string, event: OrderEvent, actor: string | null, detail: Record<string, unknown> = {}): Promise<OrderStatus> {
  const [order] = await tx.select({ status: orders.status }).from(orders).where(eq(orders.id, orderId)).for('update');
  if (!order) throw new DomainError('orders.not_found', `No order ${orderId}`);
  let step;
  try {
    step = applyTransition('order', ORDER_MACHINE, order.status as OrderStatus, event);
  } catch (error) {
    if (error instanceof IllegalTransition) throw new DomainError('orders.illegal_transition', error.message, { status: order.status, event });
    throw error;
  }
  await tx.update(orders).set({ status: step.to, ...(step.to === 'cancelled' ? { cancelledAt: new Date() } : {}) }).where(eq(orders.id, orderId));
  await audit(tx, { orderId, actor, action: `order.${event}`, from: order.status, to: step.to, detail });
  if (step.emits) await recordEvent(tx, step.emits, orderId, { orderId, from: order.status, to: step.to, ...detail });
  return step.to;
}

/** Which location an associate must belong to for an event on this fulfilment. */
function actingLocation(f: Fulfilment, event: FulfilmentEvent): string {
  return (event === 'receive_at_partner' || event === 'hand_over' || event === 'return_to_sender') && f.pickupLocationId ? f.pickupLocationId : f.sourceLocationId;
}

export async function lockFulfilment(tx: Tx, fulfilmentId: string): Promise<Fulfilment> {
  const [f] = await tx.select().from(fulfilments).where(eq(fulfilments.id, fulfilmentId)).for('update');
  if (!f) throw new DomainError('orders.fulfilment_not_found', `No fulfilment ${fulfilmentId}`);
  return f;
}

/**
 * Applies a store-console step (pick, pack, ready, dispatch, deliver, hand over, …). Associates
 * act only at their own location (another store's fulfilment answers 404); a null principal is
 * the platform itself (the sweeper). Picking starts only once the order is paid. The order
 * follows: the first pick moves it to `fulfilling`, the last finished fulfilment completes it
 * (or marks it `returned` when every parcel went back unclaimed, `cancelled` when every parcel
 * was emptied by short picks).
 */
export async function transitionFulfilment(tx: Tx, principal: Principal | null, fulfilmentId: string, event: FulfilmentEvent, detail: Record<string, unknown> = {}): Promise<Fulfilment> {
  const f = await lockFulfilment(tx, fulfilmentId);
  if (principal?.role === 'associate' && principal.locationId !== actingLocation(f, event)) {
    throw new DomainError('orders.fulfilment_not_found', `No fulfilment ${fulfilmentId} at your location`);
  }
  if (!KIND_EVENTS[f.kind as FulfilmentKind].includes(event)) {
    throw new DomainError('orders.illegal_transition', `A ${f.kind.replaceAll('_', ' ')} fulfilment has no step "${event}"`, { status: f.status, event });
  }
  let step;
  try {
    step = applyTransition('fulfilment', FULFILMENT_MACHINE, f.status, event);
  } catch (error) {
    if (error instanceof IllegalTransition) throw new DomainError('orders.illegal_transition', error.message, { status: f.status, event });
    throw error;
  }
  if (event === 'start_pick') {
    // Goods leave the shelf only for a paid order: an unpaid one may still expire.
    const [order] = await tx.select({ status: orders.status }).from(orders).where(eq(orders.id, f.orderId));
    if (order.status !== 'paid' && order.status !== 'fulfilling') {
      throw new DomainError('orders.illegal_transition', `Order ${f.orderId} is ${order.status.replaceAll('_', ' ')}: pick it once it is paid`, { status: f.status, event, orderStatus: order.status });
    }
  }
  const now = new Date();
  const changes: Partial<Fulfilment> = { status: step.to, updatedAt: now };
  if (event === 'receive_at_partner') {
    changes.receivedAt = now;
    changes.collectBy = new Date(now.getTime() + PARTNER_HOLD_DAYS * 86_400_000);
  }
  if (event === 'ready' || event === 'receive_at_partner') changes.pickupCode = f.pickupCode ?? newPickupCode();
  const actor = principal?.accountId ?? null;
  const [updated] = await tx.update(fulfilments).set(changes).where(eq(fulfilments.id, f.id)).returning();
  await audit(tx, { orderId: f.orderId, fulfilmentId: f.id, actor, action: `fulfilment.${event}`, from: f.status, to: step.to, detail });
  if (step.emits) await recordEvent(tx, step.emits, f.id, { orderId: f.orderId, fulfilmentId: f.id, kind: f.kind, from: f.status, to: step.to });
  await followOrder(tx, f.orderId, actor);
  return updated;
}

/** Keeps the order's status in step with its fulfilments. */
async function followOrder(tx: Tx, orderId: string, actor: string | null): Promise<void> {
  const [order] = await tx.select({ status: orders.status }).from(orders).where(eq(orders.id, orderId));
  const all = await tx.select({ status: fulfilments.status }).from(fulfilments).where(eq(fulfilments.orderId, orderId));
  if (order.status === 'paid' && all.some((f) => f.status !== 'pending' && f.status !== 'cancelled')) {
    await transitionOrder(tx, orderId, 'start_fulfilment', actor);
  }
  const [now] = await tx.select({ status: orders.status }).from(orders).where(eq(orders.id, orderId));
  const finished = all.length > 0 && all.every((f) => TERMINAL_FULFILMENT.includes(f.status));
  if (!finished || (now.status !== 'fulfilling' && now.status !== 'paid' && now.status !== 'completed')) return;
  const handedOver = all.some((f) => HANDED_OVER.includes(f.status));
  const sentBack = all.some((f) => f.status === 'returned_to_sender');
  if (!handedOver && sentBack) await transitionOrder(tx, orderId, 'return', actor);
  else if (now.status !== 'completed' && handedOver) await transitionOrder(tx, orderId, 'complete', actor);
  else if (now.status === 'fulfilling' && all.every((f) => f.status === 'cancelled')) await transitionOrder(tx, orderId, 'void', actor, { reason: 'nothing left to send after short picks' });
}

/**
 * Checks a pickup code. A wrong code counts towards the lock (that count is written even though
 * the request fails, so it is done by the caller outside the request's transaction).
 */
export function checkPickupCode(f: Fulfilment, code: string): void {
  if (f.failedCodeAttempts >= MAX_CODE_ATTEMPTS) {
    throw new DomainError('orders.pickup_code_locked',
      `Fulfilment ${f.id} is locked after ${MAX_CODE_ATTEMPTS} wrong codes: check the shopper's ID and unlock it (POST /v1/fulfilments/${f.id}/unlock), or the shopper re-issues a code in the app`,
      { unlock: `/v1/fulfilments/${f.id}/unlock`, reissue: `/v1/orders/${f.orderId}/fulfilments/${f.id}/pickup-code` });
  }
  if (!f.pickupCode || f.pickupCode !== code) {
    throw new DomainError('orders.pickup_code_wrong', 'The pickup code does not match this parcel', { attemptsLeft: MAX_CODE_ATTEMPTS - f.failedCodeAttempts - 1 });
  }
}

export async function countWrongCode(tx: Tx, fulfilmentId: string): Promise<void> {
  await tx.update(fulfilments).set({ failedCodeAttempts: sql`${fulfilments.failedCodeAttempts} + 1` }).where(eq(fulfilments.id, fulfilmentId));
}

/** A fulfilment as staff see it: without the pickup code, which only its shopper sees. */
export type StaffFulfilment = Omit<Fulfilment, 'pickupCode'> & { hasPickupCode: boolean };

export function forStaff(f: Fulfilment): StaffFulfilment {
  const { pickupCode, ...rest } = f;
  return { ...rest, hasPickupCode: pickupCode !== null };
}

const AWAITING_COLLECTION: readonly string[] = ['ready_for_pickup', 'received_at_partner'];

/**
 * An associate of the pickup location (or an operator) unlocks a parcel locked by wrong codes
 * after checking the shopper's identity document; the counter starts again and the check is
 * audited (document kind and its last characters, never the whole number).
 */
export async function unlockParcel(tx: Tx, principal: Principal, fulfilmentId: string, idCheck: { documentType: string; documentLast4: string; note?: string }): Promise<Fulfilment> {
  const f = await lockFulfilment(tx, fulfilmentId);
  if (principal.role === 'associate' && principal.locationId !== (f.pickupLocationId ?? f.sourceLocationId)) {
    throw new DomainError('orders.fulfilment_not_found', `No fulfilment ${fulfilmentId} at your location`);
  }
  if (!AWAITING_COLLECTION.includes(f.status)) {
    throw new DomainError('orders.illegal_transition', 'Only a parcel waiting for collection can be unlocked', { status: f.status, event: 'unlock' });
  }
  const [updated] = await tx.update(fulfilments).set({ failedCodeAttempts: 0, updatedAt: new Date() }).where(eq(fulfilments.id, f.id)).returning();
  await audit(tx, {
    orderId: f.orderId, fulfilmentId: f.id, actor: principal.accountId, action: 'fulfilment.unlock', from: f.status, to: f.status,
    detail: { idCheck: { documentType: idCheck.documentType, documentLast4: idCheck.documentLast4 }, failedAttempts: f.failedCodeAttempts, ...(idCheck.note ? { note: idCheck.note } : {}) },
  });
  await recordEvent(tx, 'fulfilment.unlocked', f.id, { orderId: f.orderId, fulfilmentId: f.id, by: 'associate' });
  return updated;
}

/**
 * The shopper asks for a new pickup code (e.g. after the parcel locked, or the code was seen by
 * someone else): the old code stops working and the wrong-code count starts again.
 */
export async function reissuePickupCode(tx: Tx, principal: Principal, orderId: string, fulfilmentId: string): Promise<{ fulfilmentId: string; pickupCode: string; pickupQr: string }> {
  const [owner] = await tx.select({ accountId: orders.accountId }).from(orders).where(eq(orders.id, orderId));
  const [f] = await tx.select().from(fulfilments).where(and(eq(fulfilments.id, fulfilmentId), eq(fulfilments.orderId, orderId))).for('update');
  if (!owner || owner.accountId !== principal.accountId || !f) throw new DomainError('orders.fulfilment_not_found', `No fulfilment ${fulfilmentId} in your order ${orderId}`);
  if (!AWAITING_COLLECTION.includes(f.status) || !f.pickupCode) {
    throw new DomainError('orders.illegal_transition', 'A pickup code is re-issued only for a parcel waiting for collection', { status: f.status, event: 'reissue_code' });
  }
  let code = newPickupCode();
  while (code === f.pickupCode) code = newPickupCode();
  await tx.update(fulfilments).set({ pickupCode: code, failedCodeAttempts: 0, updatedAt: new Date() }).where(eq(fulfilments.id, f.id));
  await audit(tx, { orderId, fulfilmentId: f.id, actor: principal.accountId, action: 'fulfilment.reissue_code', from: f.status, to: f.status, detail: { failedAttempts: f.failedCodeAttempts } });
  await recordEvent(tx, 'fulfilment.unlocked', f.id, { orderId, fulfilmentId: f.id, by: 'shopper' });
  return { fulfilmentId: f.id, pickupCode: code, pickupQr: pickupQrPayload(f.id, code) };
}

export interface QueueEntry {
  fulfilment: StaffFulfilment;
  lines: Array<{ orderLineId: string; skuId: string; quantity: number; pickedQuantity: number | null }>;
}

/** The store console's work list: what to pick, pack and hand out at a location, by slot. */
export async function locationQueue(tx: Tx, locationId: string, statuses: string[] = ['pending', 'picking', 'packed', 'ready_for_pickup', 'in_transit_to_partner', 'received_at_partner']): Promise<QueueEntry[]> {
  const rows = await tx.select().from(fulfilments)
    .where(and(sql`(${fulfilments.sourceLocationId} = ${locationId} or ${fulfilments.pickupLocationId} = ${locationId})`, inArray(fulfilments.status, statuses as never[])))
    .orderBy(asc(sql`coalesce(${fulfilments.slotStart}, ${fulfilments.createdAt})`), asc(fulfilments.id));
  if (rows.length === 0) return [];
  const lines = await tx.select({ fulfilmentId: fulfilmentLines.fulfilmentId, orderLineId: fulfilmentLines.orderLineId, skuId: orderLines.skuId, quantity: fulfilmentLines.quantity, pickedQuantity: fulfilmentLines.pickedQuantity })
    .from(fulfilmentLines).innerJoin(orderLines, eq(orderLines.id, fulfilmentLines.orderLineId))
    .where(inArray(fulfilmentLines.fulfilmentId, rows.map((r) => r.id)));
  return rows.map((fulfilment) => ({ fulfilment: forStaff(fulfilment), lines: lines.filter((l) => l.fulfilmentId === fulfilment.id).map(({ fulfilmentId: _f, ...l }) => l) }));
}

/** Partner parcels past their collection deadline, oldest deadline first (the sweeper sends them back). */
export async function dueUncollectedParcels(tx: Tx, now = new Date(), limit = 500): Promise<string[]> {
  const due = await tx.select({ id: fulfilments.id }).from(fulfilments)
    .where(and(eq(fulfilments.status, 'received_at_partner'), sql`${fulfilments.collectBy} < ${now}`)).orderBy(asc(fulfilments.collectBy), asc(fulfilments.id)).limit(limit);
  return due.map((f) => f.id);
}
