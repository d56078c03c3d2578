import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '../db/tx.js';
import { DomainError } from '../http/problem.js';
import type { Principal } from '../identity/model.js';
import { recordEvent } from '../events/service.js';
import { releaseReservation, returnToStock } from '../inventory/index.js';
import { getLocation } from '../locations/index.js';
import { cancelPaymentIntent, orderPaymentIntents, refundPaymentIntent, recordOrderSettlement } from '../payments/index.js';
import { fulfilmentLines, fulfilments, orderLines, orderReturnLines, orderReturns, orders } from '../orders/schema.js';
import { audit, lockFulfilment, transitionFulfilment, transitionOrder } from '../orders/fulfilment.js';
import { releaseSlots } from './checkout.js';

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
      for (const l of lines) await returnToStock(tx, { skuId: l.skuId, locationId: f.sourceLocationId, quantity: l.quantity, reason: `order cancelled: ${reason}`, reference: `order:${orderId}`, actorAccountId: principal.accountId });
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
  const [record] = await tx.insert(orderReturns).values({ orderId, locationId, acceptedBy: principal.accountId, refundTo: request.refundTo, amountMinor: 0, currency: order.currency, reason: request.reason ?? null }).returning();
  let total = 0;
  for (const wanted of [...request.lines].sort((a, b) => a.orderLineId.localeCompare(b.orderLineId))) {
    const line = lines.find((l) => l.id === wanted.orderLineId);
    if (!line) throw new DomainError('orders.return_exceeds', `Line ${wanted.orderLineId} is not part of order ${orderId}`, {}, [{ field: '/lines/orderLineId', message: 'is not a line of this order' }]);
    if (wanted.quantity > line.quantity - line.returnedQuantity) {
      throw new DomainError('orders.return_exceeds', `Only ${line.quantity - line.returnedQuantity} unit(s) of that line can still be returned`, { orderLineId: line.id });
    }
    // The last unit returned takes what is left of the line, so rounding never strands a cent.
    const amount = wanted.quantity === line.quantity - line.returnedQuantity
      ? line.amountMinor - line.refundedMinor
      : Math.min(line.unitPriceMinor * wanted.quantity, line.amountMinor - line.refundedMinor);
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
 * refunds the missing units at once (the shopper pays only for what they get) and reverses
 * the merchant's share; the associate then packs what there is.
 */
export async function recordPick(tx: Tx, principal: Principal, fulfilmentId: string, picked: PickedLine[]): Promise<{ refundedMinor: number }> {
  const f = await lockFulfilment(tx, fulfilmentId);
  if (principal.role === 'associate' && principal.locationId !== f.sourceLocationId) throw new DomainError('orders.fulfilment_not_found', `No fulfilment ${fulfilmentId} at your location`);
  if (f.status !== 'picking') throw new DomainError('orders.illegal_transition', 'Record the pick while the fulfilment is being picked', { status: f.status });
  const rows = await tx.select().from(fulfilmentLines).where(eq(fulfilmentLines.fulfilmentId, f.id));
  let refund = 0;
  const [order] = await tx.select().from(orders).where(eq(orders.id, f.orderId)).for('update');
  for (const p of picked) {
    const row = rows.find((r) => r.orderLineId === p.orderLineId);
    if (!row) throw new DomainError('orders.fulfilment_not_found', `Line ${p.orderLineId} is not in this fulfilment`);
    if (p.pickedQuantity > row.quantity) throw new DomainError('orders.return_exceeds', 'More units picked than ordered', { orderLineId: p.orderLineId });
    if (row.pickedQuantity !== null) throw new DomainError('orders.illegal_transition', 'The pick of that line is already recorded', { orderLineId: p.orderLineId });
    const missing = row.quantity - p.pickedQuantity;
    await tx.update(fulfilmentLines).set({ pickedQuantity: p.pickedQuantity }).where(and(eq(fulfilmentLines.fulfilmentId, f.id), eq(fulfilmentLines.orderLineId, p.orderLineId)));
    if (missing > 0) {
      const [line] = await tx.select().from(orderLines).where(eq(orderLines.id, p.orderLineId)).for('update');
      const amount = Math.min(line.unitPriceMinor * missing, line.amountMinor - line.refundedMinor);
      await tx.update(orderLines).set({ refundedMinor: line.refundedMinor + amount }).where(eq(orderLines.id, line.id));
      refund += amount;
    }
  }
  if (refund > 0) {
    await refundOrder(tx, f.orderId, refund, order.paymentMethod === 'wallet');
    await recordOrderSettlement(tx, f.orderId);
  }
  await audit(tx, { orderId: f.orderId, fulfilmentId: f.id, actor: principal.accountId, action: 'fulfilment.pick_recorded', detail: { picked, refundedMinor: refund } });
  if (refund > 0) await recordEvent(tx, 'fulfilment.short_picked', f.id, { orderId: f.orderId, fulfilmentId: f.id, refundedMinor: refund });
  return { refundedMinor: refund };
}
