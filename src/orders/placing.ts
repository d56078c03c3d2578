import { randomUUID } from 'node:crypto';
import { type SQL, and, eq, inArray, sql } from 'drizzle-orm';
import type { Tx } from '../db/tx.js';
import { DomainError } from '../http/problem.js';
import { recordEvent } from '../events/index.js';
import type { Cart } from './carts.js';
import { carts, fulfilments, orders, type Destination } from './schema.js';
import type { PricedLine } from './pricing.js';
import type { FulfilmentOption, Slot } from './sourcing.js';
import { ORDER_MACHINE, applyTransition, type FulfilmentKind, type OrderStatus } from './model.js';
import './errors.js';

/** One shipment of the chosen option as it will be fulfilled: its slot and pickup booking, if any. */
export interface PlannedShipment {
  slot: Slot | null;
  pickupBookingId: string | null;
}

export interface NewOrder {
  /** Chosen by the caller, so that slot bookings and the stock hold can name the order first. */
  id: string;
  cart: Cart;
  accountId: string;
  actor: string;
  priced: PricedLine[];
  option: FulfilmentOption;
  /** Per shipment of the option, in the same order. */
  shipments: PlannedShipment[];
  reservationId: string;
  destination: Destination;
  paymentMethod: string;
  now: Date;
}

export interface PlacedOrder { id: string; subtotalMinor: number; shippingMinor: number; totalMinor: number; currency: string }

/** A new order id (the caller books slots and holds stock in its name before it is written). */
export function newOrderId(): string {
  return randomUUID();
}

/**
 * Writes a checked-out cart as an order in ONE statement, whatever the number of lines and
 * shipments: the order, its lines (one per SKU, with the merchant), a fulfilment per shipment
 * with its lines, the cart marked converted, and the audit row. The cart's unique order key
 * refuses a second order for the same cart. Records `order.placed`.
 */
export async function placeOrder(tx: Tx, input: NewOrder): Promise<PlacedOrder> {
  const { cart, priced, option, now } = input;
  const subtotalMinor = priced.reduce((s, l) => s + l.amountMinor, 0);
  const shippingMinor = option.feeMinor;
  const totalMinor = subtotalMinor + shippingMinor;
  const lineIds = new Map(priced.map((l) => [l.skuId, randomUUID()]));
  const lines = priced.map((l) => ({ id: lineIds.get(l.skuId), merchant: l.merchantId, sku: l.skuId, quantity: l.quantity, unit: l.unitPriceMinor, amount: l.amountMinor }));
  const fulfilments = option.shipments.map((shipment, i) => ({
    id: randomUUID(), kind: shipment.kind, source: shipment.sourceLocationId, pickup: shipment.pickupLocationId,
    slot_start: input.shipments[i]?.slot?.start.toISOString() ?? null, slot_end: input.shipments[i]?.slot?.end.toISOString() ?? null,
    fee: shipment.feeMinor, booking: input.shipments[i]?.pickupBookingId ?? null,
    lines: shipment.lines.map((l) => ({ line: lineIds.get(l.skuId), quantity: l.quantity })),
  }));
  const fulfilmentLines = fulfilments.flatMap((f) => f.lines.map((l) => ({ fulfilment: f.id, ...l })));
  const detail = { optionId: option.id, channel: cart.channel };
  await tx.execute(sql`
    with placed as (
      insert into orders (id, account_id, channel, status, currency, cart_id, subtotal_minor, shipping_minor, total_minor, destination, payment_method, placed_at)
      values (${input.id}, ${input.accountId}, ${cart.channel}, 'pending_payment', ${cart.currency}, ${cart.id}, ${subtotalMinor}, ${shippingMinor}, ${totalMinor},
        ${JSON.stringify(input.destination)}::jsonb, ${input.paymentMethod}, ${now})
      returning id),
    order_rows as (${orderLineRows(cart.currency, lines)}),
    fulfilment_rows as (
      insert into fulfilments (id, order_id, kind, source_location_id, pickup_location_id, slot_start, slot_end, fee_minor, reservation_id, pickup_booking_id)
      select x.id, placed.id, x.kind, x.source, x.pickup, x.slot_start, x.slot_end, x.fee, ${input.reservationId}::uuid, x.booking
      from placed, jsonb_to_recordset(${JSON.stringify(fulfilments)}::jsonb) as x(id uuid, kind text, source uuid, pickup uuid, slot_start timestamptz, slot_end timestamptz, fee bigint, booking uuid)
      returning 1),
    fulfilment_line_rows as (
      insert into fulfilment_lines (fulfilment_id, order_line_id, quantity)
      select x.fulfilment, x.line, x.quantity from placed, jsonb_to_recordset(${JSON.stringify(fulfilmentLines)}::jsonb) as x(fulfilment uuid, line uuid, quantity int)
      returning 1),
    converted as (
      update carts set status = 'converted', updated_at = ${now} where id = ${cart.id} and exists (select 1 from placed)
      returning 1),
    audited as (
      insert into order_audit (order_id, actor_account_id, action, to_status, detail)
      select placed.id, ${input.actor}::uuid, 'order.place', 'pending_payment', ${JSON.stringify(detail)}::jsonb from placed
      returning 1)
    select 1`);
  await recordEvent(tx, 'order.placed', input.id, {
    orderId: input.id, accountId: input.accountId, channel: cart.channel, currency: cart.currency, totalMinor,
    lines: priced.map((l) => ({ skuId: l.skuId, merchantId: l.merchantId, quantity: l.quantity, amountMinor: l.amountMinor })),
  });
  return { id: input.id, subtotalMinor, shippingMinor, totalMinor, currency: cart.currency };
}

/** A paid order line as settlement needs it. */
export interface PaidOrderLine { id: string; merchantId: string; amountMinor: number; refundedMinor: number; currency: string; paidAt: Date }

export interface PaidOrder { id: string; accountId: string | null; channel: string; currency: string; totalMinor: number; lines: PaidOrderLine[] }

/**
 * The order's `pay` transition and its paid stamps in ONE statement: status (only from a state
 * the order machine allows), paid_at and payment status on the order, paid_at on every line,
 * and the audit row; the order row stays locked to the commit. Records `order.paid` and answers
 * the paid lines (what settlement needs). An order not awaiting payment is refused.
 */
export async function markPaid(tx: Tx, orderId: string, actor: string | null, now: Date): Promise<PaidOrder> {
  const step = ORDER_MACHINE.find((t) => t.event === 'pay')!;
  const [from] = step.from;
  const { rows } = await tx.execute(sql`
    with paid as (
      update orders set status = ${step.to}, paid_at = ${now}, payment_status = 'paid'
      where id = ${orderId} and status = ${from}
      returning id, account_id, channel, currency, total_minor),
    paid_lines as (
      update order_lines set paid_at = ${now} where order_id = (select id from paid)
      returning id, merchant_id, amount_minor, refunded_minor, currency),
    audited as (
      insert into order_audit (order_id, actor_account_id, action, from_status, to_status)
      select paid.id, ${actor}::uuid, 'order.pay', ${from}, ${step.to} from paid
      returning 1)
    select paid.*, (select coalesce(json_agg(json_build_object('id', id, 'merchantId', merchant_id, 'amountMinor', amount_minor, 'refundedMinor', refunded_minor, 'currency', currency) order by id), '[]'::json) from paid_lines) as lines
    from paid`);
  if (rows.length === 0) {
    const { rows: [current] } = await tx.execute(sql`select status from orders where id = ${orderId}`);
    if (!current) throw new DomainError('orders.not_found', `No order ${orderId}`);
    applyOrError(String(current.status) as OrderStatus);
  }
  const row = rows[0];
  const raw = typeof row.lines === 'string' ? JSON.parse(row.lines) : row.lines;
  if (step.emits) await recordEvent(tx, step.emits, orderId, { orderId, from, to: step.to });
  return {
    id: String(row.id), accountId: row.account_id ?? null, channel: String(row.channel), currency: String(row.currency), totalMinor: Number(row.total_minor),
    lines: (raw as Array<Record<string, any>>).map((l) => ({
      id: String(l.id), merchantId: String(l.merchantId), amountMinor: Number(l.amountMinor), refundedMinor: Number(l.refundedMinor), currency: String(l.currency), paidAt: now,
    })),
  };
}

function applyOrError(status: OrderStatus): never {
  try {
    applyTransition('order', ORDER_MACHINE, status, 'pay');
  } catch (error) {
    throw new DomainError('orders.illegal_transition', (error as Error).message, { status, event: 'pay' });
  }
  throw new Error(`order could not be paid from ${status}`);
}

// --- what the flows read and change of an order (through the orders index) -------------------

export type OrderRow = typeof orders.$inferSelect;
export type FulfilmentRow = typeof fulfilments.$inferSelect;

/** The order a cart was checked out as, if any. */
export async function orderOfCart(tx: Tx, cartId: string): Promise<string | null> {
  const [existing] = await tx.select({ id: orders.id }).from(orders).where(eq(orders.cartId, cartId));
  return existing?.id ?? null;
}

/** Locks an order row for the rest of the transaction (payment, expiry, cancellation take it first). */
export async function lockOrder(tx: Tx, orderId: string): Promise<OrderRow | null> {
  const [order] = await tx.select().from(orders).where(eq(orders.id, orderId)).for('update');
  return order ?? null;
}

/** An order's fulfilments, optionally only of some kinds. */
export async function orderFulfilments(tx: Tx, orderId: string, kinds?: FulfilmentKind[]): Promise<FulfilmentRow[]> {
  return tx.select().from(fulfilments).where(and(eq(fulfilments.orderId, orderId), kinds ? inArray(fulfilments.kind, kinds) : undefined));
}

/** The fulfilments held by one stock reservation are now held by another (a late payment re-reserved). */
export async function moveToReservation(tx: Tx, fromReservationId: string, toReservationId: string): Promise<void> {
  await tx.update(fulfilments).set({ reservationId: toReservationId }).where(eq(fulfilments.reservationId, fromReservationId));
}

/** The order's fulfilments not yet started are cancelled (the order is cancelled or expires). */
export async function cancelPendingFulfilments(tx: Tx, orderId: string, now = new Date()): Promise<void> {
  await tx.update(fulfilments).set({ status: 'cancelled', updatedAt: now }).where(and(eq(fulfilments.orderId, orderId), eq(fulfilments.status, 'pending')));
}

// --- the till ---------------------------------------------------------------------------------

/** A basket at a store's till (a cart on the `pos` channel). */
export async function openTillBasket(tx: Tx, input: { currency: string; locationId: string; openedBy: string }): Promise<Cart> {
  const [cart] = await tx.insert(carts).values({ channel: 'pos', currency: input.currency, locationId: input.locationId, openedBy: input.openedBy }).returning();
  return cart;
}

/** The basket now belongs to the shopper identified at the till. */
export async function assignBasket(tx: Tx, basketId: string, accountId: string): Promise<void> {
  await tx.update(carts).set({ accountId, updatedAt: new Date() }).where(eq(carts.id, basketId));
}

export interface NewTillOrder {
  id: string;
  basket: Cart;
  locationId: string;
  actor: string;
  priced: PricedLine[];
  reservationId: string;
  paymentMethod: string;
  /** Buy in store, deliver home: a pending delivery from this store; else a takeaway, already handed over. */
  deliverTo: Destination | null;
  now: Date;
}

/**
 * A till sale as an order in ONE statement: the order at the store, its lines, one fulfilment
 * (takeaway, picked up; or a delivery home still to pick) with its lines, the basket converted,
 * the audit row. Records `order.placed`. Answers the fulfilment's id.
 */
export async function placeTillOrder(tx: Tx, input: NewTillOrder): Promise<{ fulfilmentId: string; totalMinor: number }> {
  const { basket, priced, now } = input;
  const totalMinor = priced.reduce((s, l) => s + l.amountMinor, 0);
  const fulfilmentId = randomUUID();
  const delivered = input.deliverTo === null;
  const lines = priced.map((l) => ({ id: randomUUID(), merchant: l.merchantId, sku: l.skuId, quantity: l.quantity, unit: l.unitPriceMinor, amount: l.amountMinor }));
  await tx.execute(sql`
    with placed as (
      insert into orders (id, account_id, channel, status, currency, cart_id, location_id, subtotal_minor, total_minor, payment_method, destination, placed_at)
      values (${input.id}, ${basket.accountId}, 'pos', 'pending_payment', ${basket.currency}, ${basket.id}, ${input.locationId}, ${totalMinor}, ${totalMinor},
        ${input.paymentMethod}, ${input.deliverTo ? JSON.stringify(input.deliverTo) : null}::jsonb, ${now})
      returning id),
    order_rows as (${orderLineRows(basket.currency, lines)}),
    fulfilment_row as (
      insert into fulfilments (id, order_id, kind, status, source_location_id, destination, reservation_id)
      select ${fulfilmentId}, placed.id, ${delivered ? 'pos_takeaway' : 'store_to_home'}, ${delivered ? 'picked_up' : 'pending'}, ${input.locationId},
        ${input.deliverTo ? JSON.stringify(input.deliverTo) : null}::jsonb, ${input.reservationId}
      from placed returning 1),
    fulfilment_line_rows as (
      insert into fulfilment_lines (fulfilment_id, order_line_id, quantity, picked_quantity)
      select ${fulfilmentId}, x.id, x.quantity, case when ${delivered} then x.quantity end
      from placed, jsonb_to_recordset(${JSON.stringify(lines)}::jsonb) as x(id uuid, quantity int)
      returning 1),
    converted as (update carts set status = 'converted', updated_at = ${now} where id = ${basket.id} and exists (select 1 from placed) returning 1),
    audited as (
      insert into order_audit (order_id, actor_account_id, action, to_status, detail)
      select placed.id, ${input.actor}::uuid, 'order.till_sale', 'pending_payment', ${JSON.stringify({ locationId: input.locationId })}::jsonb from placed
      returning 1)
    select 1`);
  await recordEvent(tx, 'order.placed', input.id, {
    orderId: input.id, accountId: basket.accountId, channel: 'pos', locationId: input.locationId, currency: basket.currency, totalMinor,
    lines: priced.map((l) => ({ skuId: l.skuId, merchantId: l.merchantId, quantity: l.quantity, amountMinor: l.amountMinor })),
  });
  return { fulfilmentId, totalMinor };
}

/** The order's payment status as it stands in this transaction. */
export async function orderPaymentStatus(tx: Tx, orderId: string): Promise<string> {
  const [row] = await tx.select({ paymentStatus: orders.paymentStatus }).from(orders).where(eq(orders.id, orderId));
  if (!row) throw new DomainError('orders.not_found', `No order ${orderId}`);
  return row.paymentStatus;
}

/**
 * Money went back to the shopper: the order's refunded total and payment status follow (fully
 * or partly refunded by the amounts, unless `status` says what it is, e.g. everything captured
 * of an order that will never be paid went back).
 */
export async function recordOrderRefund(tx: Tx, orderId: string, amountMinor: number, status?: 'refunded'): Promise<void> {
  await tx.execute(sql`
    update orders set refunded_minor = refunded_minor + ${amountMinor},
      payment_status = coalesce(${status ?? null}::text, case when refunded_minor + ${amountMinor} >= total_minor then 'refunded' else 'partially_refunded' end)
    where id = ${orderId}`);
}

/** The order_lines insert both placements share: a CTE body over the `placed` order row. */
function orderLineRows(currency: string, lines: unknown[]): SQL {
  return sql`
      insert into order_lines (id, order_id, merchant_id, sku_id, quantity, unit_price_minor, amount_minor, currency)
      select x.id, placed.id, x.merchant, x.sku, x.quantity, x.unit, x.amount, ${currency}
      from placed, jsonb_to_recordset(${JSON.stringify(lines)}::jsonb) as x(id uuid, merchant uuid, sku uuid, quantity int, unit bigint, amount bigint)
      returning 1`;
}
