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

/** What payments needs to know of an order to take a payment for it, given by the orders side. */
export interface OrderFacts { id: string; totalMinor: number; currency: string; /** The shopper who owns the order (null for an anonymous till sale). */ accountId: string | null }

type NewIntentRow = Omit<typeof paymentIntents.$inferInsert, 'id' | 'createdAt' | 'updatedAt'> & { accountId: string | null; amountMinor: number; currency: string };

/**
 * Inserts an order's payment intent only if it fits what is left to pay: the order's total
 * (from the caller) minus what its live intents already hold, checked inside the insert (one
 * round trip, no read of the order). The caller holds the order's row lock or created the order
 * in this transaction, so two payments of one order are checked one after the other. Answers
 * undefined when an intent with the same idempotency key exists (the caller replays it).
 */
export async function insertOrderIntent(tx: Tx, row: NewIntentRow, order: OrderFacts): Promise<typeof paymentIntents.$inferSelect | undefined> {
  if ((order.accountId ?? null) !== (row.accountId ?? null)) throw new DomainError('payments.order_not_found', `No order ${order.id}`);
  if (order.currency !== row.currency) {
    throw new DomainError('payments.amount_mismatch', `The order is in ${order.currency}, not ${row.currency}`, { orderCurrency: order.currency });
  }
  const { rows } = await tx.execute(sql`
    with fits as (
      select ${order.totalMinor}::bigint - coalesce(sum(case when status in ('captured', 'partially_refunded', 'refunded') then captured_minor - refunded_minor else amount_minor end), 0) as outstanding
      from payment_intents where order_id = ${order.id} and status not in ('cancelled', 'failed')),
    inserted as (
      insert into payment_intents (account_id, purpose, order_id, provider, capture_method, currency, amount_minor, captured_minor, status, idempotency_key,
        wallet_currency, wallet_amount_minor, fx_conversion_id)
      select ${row.accountId}::uuid, ${row.purpose}, ${order.id}::uuid, ${row.provider}, ${row.captureMethod ?? 'automatic'}, ${row.currency}, ${row.amountMinor}::bigint,
        ${row.capturedMinor ?? 0}::bigint, ${row.status ?? 'created'}, ${row.idempotencyKey ?? null},
        ${row.walletCurrency ?? null}, ${row.walletAmountMinor ?? null}::bigint, ${row.fxConversionId ?? null}::uuid
      from fits where fits.outstanding >= ${row.amountMinor}
      on conflict (account_id, idempotency_key) do nothing
      returning *)
    select (select outstanding from fits) as outstanding, (select row_to_json(inserted) from inserted) as intent`);
  const { outstanding, intent } = rows[0] as { outstanding: string | number; intent: Record<string, any> | string | null };
  if (intent) {
    const r = typeof intent === 'string' ? JSON.parse(intent) : intent;
    return {
      id: r.id, accountId: r.account_id, purpose: r.purpose, orderId: r.order_id, provider: r.provider, captureMethod: r.capture_method, currency: r.currency,
      amountMinor: Number(r.amount_minor), capturedMinor: Number(r.captured_minor), refundedMinor: Number(r.refunded_minor), status: r.status,
      failureCode: r.failure_code, providerReference: r.provider_reference, idempotencyKey: r.idempotency_key, createdAt: new Date(r.created_at), updatedAt: new Date(r.updated_at),
      walletCurrency: r.wallet_currency ?? null, walletAmountMinor: r.wallet_amount_minor === null || r.wallet_amount_minor === undefined ? null : Number(r.wallet_amount_minor), fxConversionId: r.fx_conversion_id ?? null,
    };
  }
  if (Number(outstanding) < row.amountMinor) {
    throw new DomainError('payments.amount_mismatch', `The order has ${outstanding} ${row.currency} minor units left to pay; ${row.amountMinor} is more`, { outstandingMinor: Number(outstanding) });
  }
  return undefined;
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
