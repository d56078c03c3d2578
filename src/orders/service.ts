import { and, desc, eq, inArray, lt, sql } from 'drizzle-orm';
import type { Tx } from '../db/tx.js';
import { DomainError } from '../http/problem.js';
import type { Principal } from '../identity/index.js';
import { fulfilmentLines, fulfilments, orderAudit, orderLines, orders } from './schema.js';
import { pickupQrPayload } from './fulfilment.js';
import { purchasableSkus } from '../catalog/index.js';
import './errors.js';

export type Order = typeof orders.$inferSelect;
export type OrderLine = typeof orderLines.$inferSelect;

export interface OrderView extends Order {
  /** Each line names its product too, so that a client can show what was bought. */
  lines: Array<OrderLine & { productId: string | null }>;
  fulfilments: Array<typeof fulfilments.$inferSelect & { lines: Array<{ orderLineId: string; quantity: number; pickedQuantity: number | null }>; pickupQr: string | null }>;
}

/**
 * Who may see an order: its shopper, an operator, merchant staff whose merchant has a line in
 * it (they see only their own lines), an associate whose location serves one of its
 * fulfilments or sold it at the till. Anyone else gets 404.
 */
export async function getOrder(tx: Tx, principal: Principal, orderId: string): Promise<OrderView> {
  const [order] = await tx.select().from(orders).where(eq(orders.id, orderId));
  const notFound = () => new DomainError('orders.not_found', `No order ${orderId}`);
  if (!order) throw notFound();
  let lines = await tx.select().from(orderLines).where(eq(orderLines.orderId, orderId)).orderBy(orderLines.id);
  const fs = await tx.select().from(fulfilments).where(eq(fulfilments.orderId, orderId)).orderBy(fulfilments.createdAt, fulfilments.id);
  const isShopper = order.accountId !== null && principal.accountId === order.accountId;
  if (principal.role === 'merchant') {
    lines = lines.filter((l) => l.merchantId === principal.merchantId);
    if (lines.length === 0) throw notFound();
  } else if (principal.role === 'associate') {
    const here = order.locationId === principal.locationId || fs.some((f) => f.sourceLocationId === principal.locationId || f.pickupLocationId === principal.locationId);
    if (!here) throw notFound();
  } else if (principal.role !== 'operator' && !isShopper) {
    throw notFound();
  }
  const fl = fs.length ? await tx.select().from(fulfilmentLines).where(inArray(fulfilmentLines.fulfilmentId, fs.map((f) => f.id))) : [];
  const skuProducts = new Map((await purchasableSkus(tx, [...new Set(lines.map((l) => l.skuId))])).map((s) => [s.skuId, s.productId]));
  return {
    ...order,
    lines: lines.map((l) => ({ ...l, productId: skuProducts.get(l.skuId) ?? null })),
    fulfilments: fs.map((f) => ({
      ...f,
      // Only the shopper sees the code; the desk must hear it from them.
      pickupCode: isShopper ? f.pickupCode : null,
      pickupQr: isShopper && f.pickupCode ? pickupQrPayload(f.id, f.pickupCode) : null,
      lines: fl.filter((l) => l.fulfilmentId === f.id).map((l) => ({ orderLineId: l.orderLineId, quantity: l.quantity, pickedQuantity: l.pickedQuantity })),
    })),
  };
}

/** A shopper's orders from every channel (web, app, till), newest first, cursor-paginated. */
export async function shopperOrders(tx: Tx, accountId: string, options: { limit: number; cursor?: string }): Promise<{ items: Order[]; nextCursor: string | null }> {
  const before = options.cursor ? decodeOrderCursor(options.cursor) : null;
  const rows = await tx.select().from(orders)
    .where(and(eq(orders.accountId, accountId), before ? sql`(${orders.placedAt}, ${orders.id}) < (${before.placedAt}, ${before.id})` : undefined))
    .orderBy(desc(orders.placedAt), desc(orders.id)).limit(options.limit + 1);
  const items = rows.slice(0, options.limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > options.limit && last ? encodeOrderCursor(last.placedAt, last.id) : null };
}

function encodeOrderCursor(placedAt: Date, id: string): string {
  return Buffer.from(JSON.stringify([placedAt.toISOString(), id])).toString('base64url');
}

function decodeOrderCursor(cursor: string): { placedAt: Date; id: string } {
  try {
    const [placedAt, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    return { placedAt: new Date(placedAt), id: String(id) };
  } catch {
    throw new DomainError('http.validation', 'The cursor is not valid', {}, [{ field: 'querystring:/cursor', message: 'is not a cursor from this API' }]);
  }
}

export async function orderHistory(tx: Tx, orderId: string) {
  return tx.select().from(orderAudit).where(eq(orderAudit.orderId, orderId)).orderBy(orderAudit.id);
}

/** Orders still awaiting an external payment after their reservations ran out. */
export async function staleUnpaidOrders(tx: Tx, olderThan: Date, limit = 500): Promise<string[]> {
  const rows = await tx.select({ id: orders.id }).from(orders).where(and(eq(orders.status, 'pending_payment'), lt(orders.placedAt, olderThan))).limit(limit);
  return rows.map((r) => r.id);
}
