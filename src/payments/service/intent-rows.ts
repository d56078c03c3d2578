import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '../../db/tx.js';
import { DomainError } from '../../http/problem.js';
import { paymentIntents } from '../schema.js';
import type { IntentStatus } from '../model.js';

export type PaymentIntent = Omit<typeof paymentIntents.$inferSelect, 'status' | 'idempotencyKey'> & { status: IntentStatus };

export function toIntent(row: typeof paymentIntents.$inferSelect): PaymentIntent {
  const { idempotencyKey: _key, ...rest } = row;
  return { ...rest, status: row.status as IntentStatus };
}

/**
 * Locks and returns an intent. With `accountId`, another shopper's intent answers 404, so its
 * existence is not revealed.
 */
export async function lockIntent(tx: Tx, intentId: string, accountId?: string): Promise<PaymentIntent> {
  const [row] = await tx.select().from(paymentIntents)
    .where(and(eq(paymentIntents.id, intentId), accountId ? eq(paymentIntents.accountId, accountId) : undefined)).for('update');
  if (!row) throw new DomainError('payments.intent_not_found', `No payment intent ${intentId}`);
  return toIntent(row);
}

export async function getPaymentIntent(tx: Tx, intentId: string, accountId?: string): Promise<PaymentIntent> {
  const [row] = await tx.select().from(paymentIntents)
    .where(and(eq(paymentIntents.id, intentId), accountId ? eq(paymentIntents.accountId, accountId) : undefined));
  if (!row) throw new DomainError('payments.intent_not_found', `No payment intent ${intentId}`);
  return toIntent(row);
}

/**
 * Checks a payment against its order: the order exists and belongs to the payer, is in the same
 * currency, and what its live intents already hold plus this amount does not exceed its total.
 * The order row is locked, so two payments of one order are checked one after the other.
 * Another shopper's order answers exactly like a missing one (404), before anything about it
 * (currency, amount left to pay) can leak; `payerAccountId` null is an anonymous till sale.
 */
export async function checkAgainstOrder(tx: Tx, orderId: string, amountMinor: number, currency: string, payerAccountId: string | null): Promise<void> {
  const order = await tx.execute(sql`select currency, total_minor, account_id from orders where id = ${orderId} for update`);
  const row = order.rows[0];
  if (!row || (row.account_id ?? null) !== payerAccountId) throw new DomainError('payments.order_not_found', `No order ${orderId}`);
  if (String(row.currency) !== currency) {
    throw new DomainError('payments.amount_mismatch', `The order is in ${row.currency}, not ${currency}`, { orderCurrency: String(row.currency) });
  }
  // A separate statement on purpose: it reads with a snapshot taken after the lock, so it sees
  // the intents of a payment that held the lock before us.
  const held = await tx.execute(sql`
    select coalesce(sum(case when status in ('captured', 'partially_refunded', 'refunded') then captured_minor - refunded_minor else amount_minor end), 0) as held
    from payment_intents where order_id = ${orderId} and status not in ('cancelled', 'failed')`);
  const outstanding = Number(row.total_minor) - Number(held.rows[0].held);
  if (amountMinor > outstanding) {
    throw new DomainError('payments.amount_mismatch', `The order has ${outstanding} ${currency} minor units left to pay; ${amountMinor} is more`, { outstandingMinor: outstanding });
  }
}

/**
 * An order's payment intents, oldest first: `refundable` ones still hold captured money that
 * was not refunded; `open` ones were never captured and can still be cancelled.
 */
export async function orderPaymentIntents(tx: Tx, orderId: string, which: 'refundable' | 'open'): Promise<PaymentIntent[]> {
  const condition = which === 'refundable'
    ? sql`${paymentIntents.capturedMinor} > ${paymentIntents.refundedMinor}`
    : sql`${paymentIntents.status} in ('created', 'processing', 'requires_action', 'authorised')`;
  const rows = await tx.select().from(paymentIntents).where(and(eq(paymentIntents.orderId, orderId), condition)).orderBy(paymentIntents.createdAt, paymentIntents.id);
  return rows.map(toIntent);
}
