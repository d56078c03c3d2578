import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Tx } from '../db/tx.js';
import { DomainError } from '../http/problem.js';
import type { Principal } from '../identity/index.js';
import { recordEvent } from '../events/index.js';
import { releaseReservation, restockAtSource, returnToStock, writeOffShortPick } from '../inventory/index.js';
import { getLocation } from '../locations/index.js';
import { cancelPaymentIntent, orderPaymentIntents, refundPaymentIntent, recordOrderSettlement } from '../payments/index.js';
import { fulfilmentLines, fulfilments, orderLines, orderReturnLines, orderReturns, orders } from '../orders/schema.js';
import { releaseSlots } from './checkout.js';
import {
  audit, lockFulfilment, transitionFulfilment, transitionOrder, releaseExpressSlot, HANDED_OVER, allocateRefund, refundForUnits,
  type Fulfilment, type FulfilmentStatus,
} from '../orders/index.js';
import { releasePickupSlot } from '../locations/index.js';

/** Refunds `amountMinor` across the order's captured payments, to the original method or the wallet. */
async function refundOrder(tx: Tx, orderId: string, amountMinor: number, toWallet: boolean): Promise<void> {
  let left = amountMinor;
  for (const intent of await orderPaymentIntents(tx, orderId, 'refundable')) {
    if (left <= 0) break;
    const take = Math.min(left, Number(intent.capturedMinor) - Number(intent.refundedMinor));
    await refundPaymentIntent(tx, intent.id, take, { toWallet });
    left -= take;
  }
  if (left > 0) throw new DomainError('orders.return_exceeds', 'Refund exceeds what was paid for this order');
  const [order] = await tx.update(orders).set({ refundedMinor: sql`${orders.refundedMinor} + ${amountMinor}` }).where(eq(orders.id, orderId)).returning();
  await tx.update(orders).set({ paymentStatus: order.refundedMinor >= order.totalMinor ? 'refunded' : 'partially_refunded' }).where(eq(orders.id, orderId));
}

/**
 * Cancels an order before any picking started: held stock is released (or, if already sold,
 * put back where it was), slots are freed, the payment is cancelled or refunded in full, and
 * merchants' payables are reversed. After picking has started the answer is 409.
 */
export async function cancelOrder(tx: Tx, principal: Principal, orderId: string, reason: string): Promise<void> {
  const [order] = await tx.select().from(orders).where(eq(orders.id, orderId)).for('update');
  const mayCancel = order && (principal.role === 'operator' || (principal.role === 'shopper' && order.accountId === principal.accountId));
  if (!order || !mayCancel) throw new DomainError('orders.not_found', `No order ${orderId}`);
  const fs = await tx.select().from(fulfilments).where(eq(fulfilments.orderId, orderId)).orderBy(fulfilments.id);
  if (order.channel === 'pos' || fs.some((f) => f.status !== 'pending')) {
    throw new DomainError('orders.not_cancellable', 'Picking has started (or it was a till sale): return the items instead', { status: order.status });
  }
  if (order.status === 'pending_payment') {
    for (const id of new Set(fs.map((f) => f.reservationId).filter(Boolean) as string[])) await releaseReservation(tx, id);
    for (const intent of await orderPaymentIntents(tx, orderId, 'open')) await cancelPaymentIntent(tx, intent.id);
  } else {
    // Sold already: the units go back on the shelf they were taken from.
    for (const f of fs) {
      const lines = await tx.select({ skuId: orderLines.skuId, quantity: fulfilmentLines.quantity }).from(fulfilmentLines)
        .innerJoin(orderLines, eq(orderLines.id, fulfilmentLines.orderLineId)).where(eq(fulfilmentLines.fulfilmentId, f.id));
      // Back where they were taken from, whether or not that location takes customer returns.
      for (const l of lines) await restockAtSource(tx, { skuId: l.skuId, locationId: f.sourceLocationId, quantity: l.quantity, reason: `order cancelled: ${reason}`, reference: `order:${orderId}`, actorAccountId: principal.accountId });
    }
    await refundOrder(tx, orderId, order.totalMinor - order.refundedMinor, order.paymentMethod === 'wallet');
    await tx.update(orderLines).set({ refundedMinor: sql`${orderLines.amountMinor}` }).where(eq(orderLines.orderId, orderId));
    await recordOrderSettlement(tx, orderId);
  }
  await releaseSlots(tx, orderId);
  for (const f of fs) await transitionFulfilment(tx, principal, f.id, 'cancel', { reason });
  const [now] = await tx.select({ status: orders.status }).from(orders).where(eq(orders.id, orderId));
  if (now.status !== 'cancelled') await transitionOrder(tx, orderId, 'cancel', principal.accountId, { reason });
}

export interface ReturnRequest {
  lines: Array<{ orderLineId: string; quantity: number }>;
  refundTo: 'original' | 'wallet';
  reason?: string;
}

/**
 * An item bought on any channel comes back at any store that accepts returns: the units go into
 * THAT store's stock, the line amounts are refunded (original method or wallet), and the
 * merchants' payables are reversed in proportion. Shipping is not refunded.
 */
export async function returnAtStore(tx: Tx, principal: Principal, locationId: string, orderId: string, request: ReturnRequest) {
  const location = await getLocation(tx, locationId);
  if (!location.acceptsReturns) throw new DomainError('orders.returns_not_accepted', `${location.name} does not accept returns`);
  const [order] = await tx.select().from(orders).where(eq(orders.id, orderId)).for('update');
  if (!order) throw new DomainError('orders.not_found', `No order ${orderId}`);
  if (!order.paidAt || order.status === 'cancelled') throw new DomainError('orders.not_cancellable', 'Only paid orders can be returned');
  const lines = await tx.select().from(orderLines).where(eq(orderLines.orderId, orderId)).orderBy(orderLines.id).for('update');
  const units = await unitsPerLine(tx, orderId);
  const [record] = await tx.insert(orderReturns).values({ orderId, locationId, acceptedBy: principal.accountId, refundTo: request.refundTo, amountMinor: 0, currency: order.currency, reason: request.reason ?? null, kind: 'store' }).returning();
  let total = 0;
  for (const wanted of [...request.lines].sort((a, b) => a.orderLineId.localeCompare(b.orderLineId))) {
    const line = lines.find((l) => l.id === wanted.orderLineId);
    if (!line) throw new DomainError('orders.return_exceeds', `Line ${wanted.orderLineId} is not part of order ${orderId}`, {}, [{ field: '/lines/orderLineId', message: 'is not a line of this order' }]);
    // Only what the shopper actually received comes back: not short-picked units (refunded at
    // the pick), not parcels still on their way or sent back, not what was already returned.
    const u = units.get(line.id) ?? NO_UNITS;
    const returnable = u.handedOver - (line.returnedQuantity - u.sentBack);
    if (wanted.quantity > returnable) {
      throw new DomainError('orders.return_exceeds', `Only ${Math.max(returnable, 0)} unit(s) of that line were handed over and not yet returned`, { orderLineId: line.id, returnable: Math.max(returnable, 0) });
    }
    const amount = refundForUnits(line, wanted.quantity, line.quantity - u.short - line.returnedQuantity);
    await returnToStock(tx, { skuId: line.skuId, locationId, quantity: wanted.quantity, reason: request.reason ?? 'customer return', reference: `return:${record.id}`, actorAccountId: principal.accountId });
    await tx.update(orderLines).set({ returnedQuantity: line.returnedQuantity + wanted.quantity, refundedMinor: line.refundedMinor + amount }).where(eq(orderLines.id, line.id));
    await tx.insert(orderReturnLines).values({ returnId: record.id, orderLineId: line.id, quantity: wanted.quantity, amountMinor: amount });
    total += amount;
  }
  if (total > 0) await refundOrder(tx, orderId, total, request.refundTo === 'wallet' || order.paymentMethod === 'wallet');
  const [saved] = await tx.update(orderReturns).set({ amountMinor: total }).where(eq(orderReturns.id, record.id)).returning();
  await recordOrderSettlement(tx, orderId);
  await audit(tx, { orderId, actor: principal.accountId, action: 'order.return', detail: { returnId: record.id, locationId, amountMinor: total, refundTo: request.refundTo } });
  await recordEvent(tx, 'order.returned', orderId, { orderId, returnId: record.id, locationId, amountMinor: total, currency: order.currency });
  return saved;
}

export interface PickedLine { orderLineId: string; pickedQuantity: number }

/**
 * Records what was actually found on the shelf, once per line, while picking. A short pick
 * refunds the missing units at once (the shopper pays only for what they get), reverses the
 * merchant's share, and writes the missing units off in the stock journal (a discrepancy, so
 * the journal's sales are what left with the shopper). When nothing at all was found, the
 * parcel is closed (cancelled) instead of packed, and its delivery fee is refunded.
 */
export async function recordPick(tx: Tx, principal: Principal, fulfilmentId: string, picked: PickedLine[]): Promise<{ refundedMinor: number; closed: boolean }> {
  const f = await lockFulfilment(tx, fulfilmentId);
  if (principal.role === 'associate' && principal.locationId !== f.sourceLocationId) throw new DomainError('orders.fulfilment_not_found', `No fulfilment ${fulfilmentId} at your location`);
  if (f.status !== 'picking') throw new DomainError('orders.illegal_transition', 'Record the pick while the fulfilment is being picked', { status: f.status });
  const rows = await tx.select().from(fulfilmentLines).where(eq(fulfilmentLines.fulfilmentId, f.id));
  let refund = 0;
  const [order] = await tx.select().from(orders).where(eq(orders.id, f.orderId)).for('update');
  const units = await unitsPerLine(tx, f.orderId);
  const seen = new Set<string>();
  for (const p of [...picked].sort((a, b) => a.orderLineId.localeCompare(b.orderLineId))) {
    const row = rows.find((r) => r.orderLineId === p.orderLineId);
    if (!row) throw new DomainError('orders.fulfilment_not_found', `Line ${p.orderLineId} is not in this fulfilment`);
    if (p.pickedQuantity > row.quantity) throw new DomainError('orders.return_exceeds', 'More units picked than ordered', { orderLineId: p.orderLineId });
    if (row.pickedQuantity !== null || seen.has(p.orderLineId)) throw new DomainError('orders.illegal_transition', 'The pick of that line is already recorded', { orderLineId: p.orderLineId });
    seen.add(p.orderLineId);
    row.pickedQuantity = p.pickedQuantity;
    const missing = row.quantity - p.pickedQuantity;
    await tx.update(fulfilmentLines).set({ pickedQuantity: p.pickedQuantity }).where(and(eq(fulfilmentLines.fulfilmentId, f.id), eq(fulfilmentLines.orderLineId, p.orderLineId)));
    if (missing > 0) {
      const [line] = await tx.select().from(orderLines).where(eq(orderLines.id, p.orderLineId)).for('update');
      const u = units.get(line.id) ?? NO_UNITS;
      const amount = refundForUnits(line, missing, line.quantity - u.short - line.returnedQuantity);
      u.short += missing;
      await tx.update(orderLines).set({ refundedMinor: line.refundedMinor + amount }).where(eq(orderLines.id, line.id));
      await writeOffShortPick(tx, { skuId: line.skuId, locationId: f.sourceLocationId, quantity: missing, reference: `pick:${f.id}`, actorAccountId: principal.accountId });
      refund += amount;
    }
  }
  // Nothing found for any line: there is no parcel to pack; its delivery fee goes back too.
  const empty = rows.every((r) => r.pickedQuantity === 0);
  let fee = 0;
  if (empty && f.feeMinor > 0) {
    const [{ linesLeft }] = await tx.select({ linesLeft: sql<number>`coalesce(sum(${orderLines.amountMinor} - ${orderLines.refundedMinor}), 0)::bigint` }).from(orderLines).where(eq(orderLines.orderId, f.orderId));
    fee = Math.min(f.feeMinor, order.totalMinor - order.refundedMinor - refund - Number(linesLeft));
  }
  if (refund + fee > 0) {
    await refundOrder(tx, f.orderId, refund + fee, order.paymentMethod === 'wallet');
    await recordOrderSettlement(tx, f.orderId);
  }
  await audit(tx, { orderId: f.orderId, fulfilmentId: f.id, actor: principal.accountId, action: 'fulfilment.pick_recorded', detail: { picked, refundedMinor: refund + fee } });
  if (refund > 0) await recordEvent(tx, 'fulfilment.short_picked', f.id, { orderId: f.orderId, fulfilmentId: f.id, refundedMinor: refund + fee });
  if (empty) {
    await releaseSlotOf(tx, f);
    await transitionFulfilment(tx, principal, f.id, 'close_empty', { reason: 'nothing found on the shelf' });
  }
  return { refundedMinor: refund + fee, closed: empty };
}

/** An emptied parcel gives back the courier or pickup place it held. */
async function releaseSlotOf(tx: Tx, f: Fulfilment): Promise<void> {
  if (f.kind === 'express_delivery' && f.slotStart) await releaseExpressSlot(tx, f.sourceLocationId, f.slotStart);
  if (f.kind === 'store_pickup' && f.pickupBookingId) await releasePickupSlot(tx, f.pickupBookingId);
}

interface LineUnits {
  /** Units in parcels the shopper received (delivered, picked up, the till's takeaway). */
  handedOver: number;
  /** Units not found at the pick (refunded then). */
  short: number;
  /** Units in parcels that went back to the sender. */
  sentBack: number;
}
const NO_UNITS: LineUnits = { handedOver: 0, short: 0, sentBack: 0 };

/** Per order line, where its units went, from the order's fulfilments. */
async function unitsPerLine(tx: Tx, orderId: string): Promise<Map<string, LineUnits>> {
  const rows = await tx.select({ orderLineId: fulfilmentLines.orderLineId, quantity: fulfilmentLines.quantity, pickedQuantity: fulfilmentLines.pickedQuantity, status: fulfilments.status })
    .from(fulfilmentLines).innerJoin(fulfilments, eq(fulfilments.id, fulfilmentLines.fulfilmentId)).where(eq(fulfilments.orderId, orderId));
  const byLine = new Map<string, LineUnits>();
  for (const r of rows) {
    const u = byLine.get(r.orderLineId) ?? { ...NO_UNITS };
    const inParcel = r.pickedQuantity ?? r.quantity;
    u.short += r.quantity - inParcel;
    if (HANDED_OVER.includes(r.status as FulfilmentStatus)) u.handedOver += inParcel;
    if (r.status === 'returned_to_sender') u.sentBack += inParcel;
    byLine.set(r.orderLineId, u);
  }
  return byLine;
}

/**
 * A partner-desk parcel goes back to the sender: by the desk once its collection deadline has
 * passed (or the sweeper), earlier only by an operator who states why. In one transaction the
 * parcel's units go back on the shelf they left (a `return` movement), the shopper is refunded
 * what the parcel held (to the original method, as returns are), the merchants' payables are
 * reversed, and the order becomes `returned` when no parcel of it reached the shopper.
 * Shipping is not refunded (partner delivery is free).
 */
export async function returnParcelToSender(tx: Tx, principal: Principal | null, fulfilmentId: string, options: { reason?: string; now?: Date } = {}) {
  const now = options.now ?? new Date();
  const f = await lockFulfilment(tx, fulfilmentId);
  if (f.status === 'received_at_partner' && f.collectBy && now < f.collectBy && !(principal?.role === 'operator' && options.reason)) {
    throw new DomainError('orders.parcel_not_due', `The parcel waits for the shopper until ${f.collectBy.toISOString()}; before that only an operator may send it back, stating why`, { collectBy: f.collectBy.toISOString() });
  }
  const reason = options.reason ?? (principal ? 'not collected' : 'not collected in time');
  await transitionFulfilment(tx, principal, f.id, 'return_to_sender', { reason });
  const [order] = await tx.select().from(orders).where(eq(orders.id, f.orderId)).for('update');
  const parcel = await tx.select().from(fulfilmentLines).where(eq(fulfilmentLines.fulfilmentId, f.id)).orderBy(fulfilmentLines.orderLineId);
  const lines = await tx.select().from(orderLines).where(inArray(orderLines.id, parcel.map((p) => p.orderLineId))).orderBy(orderLines.id).for('update');
  const units = await unitsPerLine(tx, f.orderId);
  const actor = principal?.accountId ?? null;
  const [record] = await tx.insert(orderReturns).values({ orderId: order.id, locationId: f.sourceLocationId, acceptedBy: actor, refundTo: 'original', amountMinor: 0, currency: order.currency, reason, kind: 'return_to_sender' }).returning();
  let total = 0;
  for (const p of parcel) {
    const quantity = p.pickedQuantity ?? p.quantity;
    if (quantity === 0) continue;
    const line = lines.find((l) => l.id === p.orderLineId)!;
    const u = units.get(line.id) ?? NO_UNITS;
    const amount = refundForUnits(line, quantity, line.quantity - u.short - line.returnedQuantity);
    await restockAtSource(tx, { skuId: line.skuId, locationId: f.sourceLocationId, quantity, reason: `returned to sender: ${reason}`, reference: `return:${record.id}`, actorAccountId: actor });
    await tx.update(orderLines).set({ returnedQuantity: line.returnedQuantity + quantity, refundedMinor: line.refundedMinor + amount }).where(eq(orderLines.id, line.id));
    await tx.insert(orderReturnLines).values({ returnId: record.id, orderLineId: line.id, quantity, amountMinor: amount });
    total += amount;
  }
  if (total > 0) await refundOrder(tx, order.id, total, order.paymentMethod === 'wallet');
  const [saved] = await tx.update(orderReturns).set({ amountMinor: total }).where(eq(orderReturns.id, record.id)).returning();
  await recordOrderSettlement(tx, order.id);
  await audit(tx, { orderId: order.id, fulfilmentId: f.id, actor, action: 'order.return_to_sender', detail: { returnId: record.id, amountMinor: total, reason } });
  await recordEvent(tx, 'order.returned', order.id, { orderId: order.id, returnId: record.id, kind: 'return_to_sender', locationId: f.sourceLocationId, amountMinor: total, currency: order.currency });
  return saved;
}

export interface OperatorRefund { amountMinor: number; reason: string; refundTo?: 'original' | 'wallet' }

/**
 * An operator refunds part of a paid order without goods coming back (a goodwill gesture, a
 * damaged item kept): the amount is spread over the lines in proportion to what is left of each
 * (largest remainder), the rest (if any) is the shipping part; the payments are refunded, the
 * order's and lines' refunded amounts move, and the merchants' payables are reversed for their
 * lines' share. This is the only way to refund an order's payment (the payment-intent refund
 * route refuses intents that belong to an order), so money, order and settlement always agree.
 */
export async function refundOrderByOperator(tx: Tx, principal: Principal, orderId: string, request: OperatorRefund) {
  if (principal.role !== 'operator') throw new DomainError('orders.not_found', `No order ${orderId}`);
  const [order] = await tx.select().from(orders).where(eq(orders.id, orderId)).for('update');
  if (!order) throw new DomainError('orders.not_found', `No order ${orderId}`);
  if (!order.paidAt) throw new DomainError('orders.not_refundable', 'Only a paid order can be refunded; cancel an unpaid one', { status: order.status });
  const left = order.totalMinor - order.refundedMinor;
  if (request.amountMinor > left) throw new DomainError('orders.return_exceeds', `Only ${left} ${order.currency} minor units of this order are left to refund`, { refundableMinor: left });
  const lines = await tx.select().from(orderLines).where(eq(orderLines.orderId, orderId)).orderBy(orderLines.id).for('update');
  const { perLine } = allocateRefund(lines.map((l) => l.amountMinor - l.refundedMinor), request.amountMinor);
  for (const [i, line] of lines.entries()) {
    if (perLine[i] > 0) await tx.update(orderLines).set({ refundedMinor: line.refundedMinor + perLine[i] }).where(eq(orderLines.id, line.id));
  }
  await refundOrder(tx, orderId, request.amountMinor, request.refundTo === 'wallet' || order.paymentMethod === 'wallet');
  await recordOrderSettlement(tx, orderId);
  const detail = { amountMinor: request.amountMinor, reason: request.reason, lines: lines.map((l, i) => ({ orderLineId: l.id, amountMinor: perLine[i] })).filter((l) => l.amountMinor > 0) };
  await audit(tx, { orderId, actor: principal.accountId, action: 'order.refund', detail });
  await recordEvent(tx, 'order.refunded', orderId, { orderId, currency: order.currency, ...detail });
  const [after] = await tx.select().from(orders).where(eq(orders.id, orderId));
  return { orderId, currency: order.currency, amountMinor: request.amountMinor, refundedMinor: after.refundedMinor, paymentStatus: after.paymentStatus, lines: detail.lines };
}
