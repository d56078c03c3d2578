import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '../../db/tx.js';
import { DomainError } from '../../http/problem.js';
import { recordEvent } from '../../events/index.js';
import { ledgerAccounts, paymentIntents } from '../schema.js';
import { currencyExponent, decodeCursor, encodeCursor } from '../model.js';
import { findLedgerAccount, ledgerAccount, ledgerAccountsFor, postEntry } from './ledger.js';
import { convert } from './fx.js';
import { checkAgainstOrder, insertOrderIntent, toIntent, type OrderFacts, type PaymentIntent } from './intent-rows.js';

export interface Wallet { currency: string; balanceMinor: number; exponent: number }

export async function listWallets(tx: Tx, accountId: string): Promise<Wallet[]> {
  const rows = await tx.select({ currency: ledgerAccounts.currency, balanceMinor: ledgerAccounts.balanceMinor }).from(ledgerAccounts)
    .where(and(eq(ledgerAccounts.kind, 'shopper_wallet'), eq(ledgerAccounts.ownerId, accountId))).orderBy(ledgerAccounts.currency);
  return rows.map((r) => ({ ...r, exponent: currencyExponent(r.currency) }));
}

export async function walletBalance(tx: Tx, accountId: string, currency: string): Promise<number> {
  const wallet = await findLedgerAccount(tx, { kind: 'shopper_wallet', ownerId: accountId, currency });
  if (!wallet) return 0;
  const [row] = await tx.select({ balance: ledgerAccounts.balanceMinor }).from(ledgerAccounts).where(eq(ledgerAccounts.id, wallet.id));
  return row.balance;
}

export interface StatementLine {
  lineId: number; entryId: number; kind: string; amountMinor: number; currency: string; referenceId: string | null; memo: string | null; createdAt: Date;
  /** The wallet balance right after this line. */
  balanceAfterMinor: number;
}

/**
 * The wallet's lines, newest first, `limit` at a time; `nextCursor` continues after the last one.
 * One statement, so the running balance is read from the same snapshot as the lines.
 */
export async function walletStatement(tx: Tx, accountId: string, currency: string, page: { cursor?: string; limit?: number } = {}): Promise<{ items: StatementLine[]; nextCursor: string | null }> {
  const limit = Math.min(Math.max(page.limit ?? 20, 1), 100);
  const wallet = await findLedgerAccount(tx, { kind: 'shopper_wallet', ownerId: accountId, currency });
  if (!wallet) return { items: [], nextCursor: null };
  const before = page.cursor ? decodeCursor(page.cursor) : Number.MAX_SAFE_INTEGER;
  const { rows } = await tx.execute(sql`
    select l.id, l.entry_id, e.kind, l.amount_minor, l.currency, e.reference_id, e.memo, l.created_at,
      (select balance_minor from ledger_accounts where id = ${wallet.id})
        - (select coalesce(sum(amount_minor), 0) from journal_lines where account_id = ${wallet.id} and id >= ${before})
        - coalesce(sum(l.amount_minor) over (order by l.id desc rows between unbounded preceding and 1 preceding), 0) as balance_after
    from journal_lines l join journal_entries e on e.id = l.entry_id
    where l.account_id = ${wallet.id} and l.id < ${before}
    order by l.id desc limit ${limit + 1}`);
  const items: StatementLine[] = rows.slice(0, limit).map((r) => ({
    lineId: Number(r.id), entryId: Number(r.entry_id), kind: String(r.kind), amountMinor: Number(r.amount_minor), currency: String(r.currency),
    referenceId: r.reference_id ?? null, memo: r.memo ?? null, createdAt: new Date(r.created_at), balanceAfterMinor: Number(r.balance_after),
  }));
  return { items, nextCursor: rows.length > limit ? encodeCursor(items[items.length - 1].lineId) : null };
}

export interface WalletPayment {
  accountId: string;
  amountMinor: number;
  currency: string;
  /** The order paid for; null for a till charge not tied to an order. */
  orderId: string | null;
  /**
   * The order's total and currency as the orders domain knows them, from a caller that created
   * the order in this transaction or holds its row lock: payments then reads nothing of the
   * order. Without them payments locks and reads the order itself.
   */
  order?: OrderFacts;
  idempotencyKey?: string | null;
  /**
   * Pay from the wallet in this currency when it is not the order's: the amount is converted at
   * the rate in effect now (recorded in `fx_conversions`); the intent stays in `currency`.
   */
  walletCurrency?: string;
}

/**
 * Pays from the stored-value wallet inside the caller's transaction (checkout, till): records a
 * captured wallet intent and one entry wallet → order receipts. The wallet never goes below
 * zero, however many spends run at once. A retry with the same idempotency key answers the
 * first payment and moves nothing.
 */
export async function payFromWallet(tx: Tx, payment: WalletPayment): Promise<PaymentIntent & { balanceMinor: number; fxRate?: string }> {
  const { accountId, amountMinor, currency, orderId } = payment;
  if (!Number.isSafeInteger(amountMinor) || amountMinor <= 0) throw new DomainError('payments.amount_invalid', 'An amount must be a positive whole number of minor units');
  currencyExponent(currency);
  const walletCurrency = payment.walletCurrency ?? currency;
  if (walletCurrency !== currency) currencyExponent(walletCurrency);
  const replay = async () => {
    const [first] = await tx.select().from(paymentIntents).where(and(eq(paymentIntents.accountId, accountId), eq(paymentIntents.idempotencyKey, payment.idempotencyKey!)));
    if (!first) return null;
    if (first.amountMinor !== amountMinor || first.currency !== currency || first.orderId !== orderId) {
      throw new DomainError('http.idempotency_key_reused', 'This idempotency key paid a different amount, currency or order');
    }
    if ((first.walletCurrency ?? first.currency) !== walletCurrency) throw new DomainError('http.idempotency_key_reused', 'This idempotency key paid from another wallet');
    return { ...toIntent(first), balanceMinor: await walletBalance(tx, accountId, walletCurrency) };
  };
  if (payment.idempotencyKey) {
    const first = await replay();
    if (first) return first;
  }
  let intent: typeof paymentIntents.$inferSelect | undefined;
  // Another wallet's currency: converted now at the rate in effect, the conversion recorded.
  const conversion = walletCurrency !== currency ? await convert(tx, amountMinor, currency, walletCurrency, new Date()) : null;
  const values = {
    accountId, purpose: 'order' as const, orderId, provider: 'wallet' as const, currency, amountMinor, capturedMinor: amountMinor, status: 'captured',
    idempotencyKey: payment.idempotencyKey ?? null,
    ...(conversion ? { walletCurrency, walletAmountMinor: conversion.amountMinor, fxConversionId: conversion.conversionId } : {}),
  };
  if (orderId && payment.order) {
    // The check against what the order's other intents hold is part of the insert.
    intent = await insertOrderIntent(tx, values, payment.order);
  } else {
    if (orderId) await checkAgainstOrder(tx, orderId, amountMinor, currency, accountId);
    [intent] = await tx.insert(paymentIntents).values(values)
      .onConflictDoNothing({ target: [paymentIntents.accountId, paymentIntents.idempotencyKey] }).returning();
  }
  // Lost a race with a concurrent call under the same key: answer the winner's payment.
  if (!intent) return (await replay())!;
  if (conversion) {
    const [wallet, receipts, positionFrom, positionTo] = await ledgerAccountsFor(tx, [
      { kind: 'shopper_wallet', ownerId: accountId, currency: walletCurrency }, { kind: 'order_receipts', currency },
      { kind: 'fx_position', currency: walletCurrency }, { kind: 'fx_position', currency },
    ]);
    await recordEvent(tx, 'payment.captured', intent.id, { intentId: intent.id, orderId, provider: 'wallet', amountMinor, currency, accountId, walletCurrency, walletAmountMinor: conversion.amountMinor, rate: conversion.rate });
    // Balanced per currency through the platform's FX position: wallet → position in the wallet's
    // currency, position → receipts in the order's.
    const posted = await postEntry(tx, {
      kind: 'wallet_payment', referenceId: intent.id, memo: `order ${orderId ?? ''} from the ${walletCurrency} wallet at ${conversion.rate}`.trim(),
      postings: [
        { account: wallet, amountMinor: -conversion.amountMinor }, { account: positionFrom, amountMinor: conversion.amountMinor },
        { account: positionTo, amountMinor: -amountMinor }, { account: receipts, amountMinor },
      ],
    });
    return { ...toIntent(intent), balanceMinor: posted.walletBalances[wallet.id], fxRate: conversion.inverse ? `1/${conversion.rate}` : conversion.rate };
  }
  const [wallet, receipts] = await ledgerAccountsFor(tx, [{ kind: 'shopper_wallet', ownerId: accountId, currency }, { kind: 'order_receipts', currency }]);
  // The event first: the wallet row is locked from the debit to the commit, so keep that short.
  await recordEvent(tx, 'payment.captured', intent.id, { intentId: intent.id, orderId, provider: 'wallet', amountMinor, currency, accountId });
  const posted = await postEntry(tx, {
    kind: 'wallet_payment', referenceId: intent.id, memo: orderId ? `order ${orderId}` : 'till charge',
    postings: [{ account: wallet, amountMinor: -amountMinor }, { account: receipts, amountMinor }],
  });
  return { ...toIntent(intent), balanceMinor: posted.walletBalances[wallet.id] };
}

/** Credits a wallet from a provider's clearing account (a captured top-up, or demo seed money). */
export async function creditWallet(tx: Tx, input: { accountId: string; amountMinor: number; currency: string; provider: 'card_sandbox' | 'alipay'; referenceId?: string | null; idempotencyKey?: string; memo?: string }): Promise<number> {
  const wallet = await ledgerAccount(tx, { kind: 'shopper_wallet', ownerId: input.accountId, currency: input.currency });
  const clearing = await ledgerAccount(tx, { kind: 'provider_clearing', provider: input.provider, currency: input.currency });
  const { entryId } = await postEntry(tx, {
    kind: 'top_up', referenceId: input.referenceId ?? null, idempotencyKey: input.idempotencyKey ?? null, memo: input.memo ?? `top-up via ${input.provider}`,
    postings: [{ account: clearing, amountMinor: -input.amountMinor }, { account: wallet, amountMinor: input.amountMinor }],
  });
  return entryId;
}
