import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Tx } from '../db/tx.js';

/** Test and benchmark fixtures only: a shopper account and orders as the orders domain would write them. */
export async function newShopper(tx: Tx, label = 'shopper'): Promise<string> {
  const email = `${label}-${randomBytes(5).toString('hex')}@payments.test`;
  const { rows } = await tx.execute(sql`insert into accounts (email, password_hash, display_name, role) values (${email}, 'not-a-hash', ${label}, 'shopper') returning id`);
  return String(rows[0].id);
}

export interface OrderFixture { orderId: string; lineIds: string[] }

export async function newOrder(tx: Tx, input: { accountId: string | null; currency: string; lines: Array<{ merchantId: string; amountMinor: number }>; paidAt?: Date | null }): Promise<OrderFixture> {
  const total = input.lines.reduce((s, l) => s + l.amountMinor, 0);
  const paidAt = input.paidAt === undefined ? new Date() : input.paidAt;
  const order = await tx.execute(sql`insert into orders (account_id, channel, currency, total_minor, paid_at, status)
    values (${input.accountId}, 'web', ${input.currency}, ${total}, ${paidAt?.toISOString() ?? null}, ${paidAt ? 'paid' : 'pending_payment'}) returning id`);
  const orderId = String(order.rows[0].id);
  const lineIds: string[] = [];
  for (const line of input.lines) {
    const product = await tx.execute(sql`insert into products (merchant_id, status) values (${line.merchantId}, 'active') returning id`);
    const sku = await tx.execute(sql`insert into skus (product_id, merchant_id, sku_code) values (${product.rows[0].id}, ${line.merchantId}, ${`T-${randomBytes(6).toString('hex')}`}) returning id`);
    const inserted = await tx.execute(sql`insert into order_lines (order_id, merchant_id, sku_id, quantity, unit_price_minor, amount_minor, currency, paid_at)
      values (${orderId}, ${line.merchantId}, ${sku.rows[0].id}, 1, ${line.amountMinor}, ${line.amountMinor}, ${input.currency}, ${paidAt?.toISOString() ?? null}) returning id`);
    lineIds.push(String(inserted.rows[0].id));
  }
  return { orderId, lineIds };
}

/** What the orders domain does on a return: raises a line's refunded amount. */
export async function refundOrderLine(tx: Tx, lineId: string, amountMinor: number): Promise<void> {
  await tx.execute(sql`update order_lines set refunded_minor = refunded_minor + ${amountMinor} where id = ${lineId}`);
}
