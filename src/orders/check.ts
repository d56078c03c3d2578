import { sql } from 'drizzle-orm';
import type { Tx } from '../db/tx.js';

export interface OrderViolation { invariant: string; detail: string }

/** The orders domain's own invariants, each a query listing what breaks it (at most 100 rows). */
const ORDER_INVARIANTS: Array<{ invariant: string; query: ReturnType<typeof sql>; describe: (r: Record<string, any>) => string }> = [
  {
    invariant: 'an express slot\'s bookings fit its capacity and equal its live deliveries',
    query: sql`select d.location_id, d.slot_start, d.capacity, d.booked, count(f.id) as live
      from delivery_slots d left join fulfilments f on f.kind = 'express_delivery' and f.source_location_id = d.location_id and f.slot_start = d.slot_start and f.status <> 'cancelled'
      group by d.location_id, d.slot_start, d.capacity, d.booked
      having d.booked > d.capacity or d.booked <> count(f.id) limit 100`,
    describe: (r) => `express slot ${new Date(r.slot_start).toISOString()} at ${r.location_id}: capacity ${r.capacity}, booked ${r.booked}, live deliveries ${r.live}`,
  },
  {
    invariant: 'a line\'s returned units equal its return records',
    query: sql`select l.id, l.returned_quantity, coalesce(sum(r.quantity), 0) as recorded from order_lines l left join order_return_lines r on r.order_line_id = l.id
      group by l.id having l.returned_quantity <> coalesce(sum(r.quantity), 0) limit 100`,
    describe: (r) => `order line ${r.id}: returned ${r.returned_quantity}, return records ${r.recorded}`,
  },
  {
    invariant: 'a paid order\'s refund is its lines\' refunds plus at most its shipping',
    query: sql`select o.id, o.refunded_minor, o.shipping_minor, sum(l.refunded_minor) as lines from orders o join order_lines l on l.order_id = o.id
      where o.paid_at is not null group by o.id
      having o.refunded_minor < sum(l.refunded_minor) or o.refunded_minor > sum(l.refunded_minor) + o.shipping_minor limit 100`,
    describe: (r) => `order ${r.id}: refunded ${r.refunded_minor}, its lines ${r.lines}, shipping ${r.shipping_minor}`,
  },
  {
    invariant: 'an order\'s payment status says what was paid and refunded',
    query: sql`select id, payment_status, paid_at, refunded_minor, total_minor from orders
      where payment_status <> case
        when refunded_minor > 0 and refunded_minor >= total_minor then 'refunded'
        when refunded_minor > 0 then 'partially_refunded'
        when paid_at is not null then 'paid' else 'unpaid' end limit 100`,
    describe: (r) => `order ${r.id}: payment status ${r.payment_status} with refunded ${r.refunded_minor} of ${r.total_minor}${r.paid_at ? '' : ', never paid'}`,
  },
  {
    invariant: 'an order\'s status agrees with its fulfilments',
    query: sql`select o.id, o.status, string_agg(f.status, ',' order by f.id) as fulfilments from orders o join fulfilments f on f.order_id = o.id
      group by o.id, o.status
      having (o.status = 'pending_payment' and bool_or(f.status <> 'pending'))
        or (o.status = 'completed' and (bool_or(f.status not in ('delivered', 'picked_up', 'returned_to_sender', 'cancelled')) or not bool_or(f.status in ('delivered', 'picked_up'))))
        or (o.status = 'returned' and (bool_or(f.status not in ('returned_to_sender', 'cancelled')) or not bool_or(f.status = 'returned_to_sender')))
        or (o.status = 'cancelled' and bool_or(f.status <> 'cancelled'))
        or (o.status = 'fulfilling' and bool_and(f.status in ('delivered', 'picked_up', 'returned_to_sender', 'cancelled')))
      limit 100`,
    describe: (r) => `order ${r.id} is ${r.status} with fulfilments ${r.fulfilments}`,
  },
];

export async function checkOrderRecords(tx: Tx): Promise<OrderViolation[]> {
  const violations: OrderViolation[] = [];
  for (const { invariant, query, describe } of ORDER_INVARIANTS) {
    const { rows } = await tx.execute(query);
    for (const row of rows) violations.push({ invariant, detail: describe(row) });
  }
  return violations;
}

export interface OrderFact { orderId: string; status: string; currency: string; totalMinor: number; refundedMinor: number; paid: boolean }

export interface OrderLineFact {
  lineId: string; orderId: string; orderStatus: string; skuId: string; paid: boolean;
  quantity: number; shortQuantity: number; returnedQuantity: number; amountMinor: number; refundedMinor: number;
  /** The stock-journal references this line's units can move under: the sale, its picks, its returns. */
  references: string[];
}

/** What every order and order line says happened to its money and units, for the cross-domain check. */
export async function orderFacts(tx: Tx): Promise<{ orders: OrderFact[]; lines: OrderLineFact[] }> {
  const { rows: orderRows } = await tx.execute(sql`select id, status, currency, total_minor, refunded_minor, paid_at from orders`);
  // Set-based (one pass per table), so the check stays linear in the size of the database.
  const { rows: lineRows } = await tx.execute(sql`
    with short as (
      select order_line_id, sum(quantity - picked_quantity) as short from fulfilment_lines where picked_quantity is not null group by order_line_id),
    picks as (select order_id, array_agg('pick:' || id::text) as refs from fulfilments group by order_id),
    returns as (select order_id, array_agg('return:' || id::text) as refs from order_returns group by order_id)
    select l.id, l.order_id, o.status, l.sku_id, l.paid_at, l.quantity, l.returned_quantity, l.amount_minor, l.refunded_minor,
      coalesce(s.short, 0) as short, coalesce(p.refs, '{}') as picks, coalesce(r.refs, '{}') as returns
    from order_lines l join orders o on o.id = l.order_id
    left join short s on s.order_line_id = l.id
    left join picks p on p.order_id = l.order_id
    left join returns r on r.order_id = l.order_id`);
  const list = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : String(value ?? '{}').replace(/^\{|\}$/g, '').split(',').filter(Boolean));
  return {
    orders: orderRows.map((r) => ({ orderId: String(r.id), status: String(r.status), currency: String(r.currency), totalMinor: Number(r.total_minor), refundedMinor: Number(r.refunded_minor), paid: r.paid_at !== null })),
    lines: lineRows.map((r) => ({
      lineId: String(r.id), orderId: String(r.order_id), orderStatus: String(r.status), skuId: String(r.sku_id), paid: r.paid_at !== null,
      quantity: Number(r.quantity), shortQuantity: Number(r.short), returnedQuantity: Number(r.returned_quantity), amountMinor: Number(r.amount_minor), refundedMinor: Number(r.refunded_minor),
      references: [`order:${r.order_id}`, ...list(r.picks), ...list(r.returns)],
    })),
  };
}
