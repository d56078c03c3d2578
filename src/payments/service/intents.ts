import { randomBytes } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '../../db/tx.js';
import { DomainError } from '../../http/problem.js';
import { recordEvent } from '../../events/index.js';
import { cardSandboxEvents, paymentIntents, type ProviderName } from '../schema.js';
import { checkCaptureAmount, currencyExponent, decimalToMinor, divideRoundHalfEven, maxTopUpMinor, refundAction, sandboxOutcome, transition, findTransition, type IntentAction } from '../model.js';
import { ledgerAccount, postEntry, type LedgerAccount, type Posting } from './ledger.js';
import { checkAgainstOrder, insertOrderIntent, lockIntent, toIntent, type OrderFacts, type PaymentIntent } from './intent-rows.js';
import { alipayTradeRequest, type AlipayParams } from '../providers/alipay.js';
import { sandboxSignature, type SandboxNotification } from '../providers/card-sandbox.js';
import type { ProviderEvent, ProviderSettings } from '../providers/types.js';

export interface NewPaymentIntent {
  /**
   * Who pays: null for a guest or an anonymous till sale. An order intent is refused (404) unless
   * the order belongs to this account.
   */
  accountId: string | null;
  purpose: 'order' | 'top_up';
  orderId?: string | null;
  provider: ProviderName;
  amountMinor: number;
  currency: string;
  captureMethod?: 'automatic' | 'manual';
  idempotencyKey?: string | null;
  /** The order's facts from a caller that created the order in this transaction or holds its lock: payments then reads nothing of it. */
  order?: OrderFacts;
}

/** Creates an intent; a retry with the same idempotency key answers the first one. */
export async function createPaymentIntent(tx: Tx, input: NewPaymentIntent): Promise<PaymentIntent> {
  if (!Number.isSafeInteger(input.amountMinor) || input.amountMinor <= 0) throw new DomainError('payments.amount_invalid', 'An amount must be a positive whole number of minor units');
  currencyExponent(input.currency);
  if (input.purpose === 'top_up' && input.amountMinor > maxTopUpMinor(input.currency)) {
    throw new DomainError('payments.top_up_too_large', `A top-up is at most ${maxTopUpMinor(input.currency)} minor units of ${input.currency}`, { maxMinor: maxTopUpMinor(input.currency), currency: input.currency });
  }
  if (input.purpose === 'top_up' && input.provider === 'wallet') throw new DomainError('payments.amount_invalid', 'A wallet is topped up through a card or Alipay, not from itself');
  if (input.purpose === 'top_up' && input.orderId) throw new DomainError('payments.amount_invalid', 'A top-up pays no order');
  if (!input.accountId && (input.purpose === 'top_up' || input.provider === 'wallet')) {
    throw new DomainError('payments.amount_invalid', 'Only a signed-in shopper has a wallet to pay from or top up');
  }
  const replay = async () => {
    const [first] = await tx.select().from(paymentIntents).where(and(eq(paymentIntents.accountId, input.accountId!), eq(paymentIntents.idempotencyKey, input.idempotencyKey!)));
    if (!first) return null;
    if (first.amountMinor !== input.amountMinor || first.currency !== input.currency || first.provider !== input.provider || first.orderId !== (input.orderId ?? null)) {
      throw new DomainError('http.idempotency_key_reused', 'This idempotency key created a different payment intent');
    }
    return toIntent(first);
  };
  if (input.idempotencyKey && input.accountId) {
    const first = await replay();
    if (first) return first;
  }
  const values = {
    accountId: input.accountId, purpose: input.purpose, orderId: input.orderId ?? null, provider: input.provider, amountMinor: input.amountMinor,
    currency: input.currency, captureMethod: input.captureMethod ?? 'automatic', idempotencyKey: input.idempotencyKey ?? null,
  };
  let row: typeof paymentIntents.$inferSelect | undefined;
  if (input.purpose === 'order' && input.orderId && input.order) {
    row = await insertOrderIntent(tx, values, input.order);
  } else {
    if (input.purpose === 'order' && input.orderId) await checkAgainstOrder(tx, input.orderId, input.amountMinor, input.currency, input.accountId);
    [row] = await tx.insert(paymentIntents).values(values).onConflictDoNothing({ target: [paymentIntents.accountId, paymentIntents.idempotencyKey] }).returning();
  }
  if (!row) return (await replay())!;
  await recordEvent(tx, 'payment.created', row.id, { intentId: row.id, orderId: row.orderId, provider: row.provider, amountMinor: row.amountMinor, currency: row.currency });
  return toIntent(row);
}

/** Moves the intent along the state machine, records the event, and answers the new row. */
async function applyAction(tx: Tx, intent: PaymentIntent, action: IntentAction, changes: Partial<typeof paymentIntents.$inferInsert> = {}): Promise<PaymentIntent> {
  const step = transition(intent.status, action);
  const [row] = await tx.update(paymentIntents).set({ ...changes, status: step.to, updatedAt: sql`now()` })
    .where(eq(paymentIntents.id, intent.id)).returning();
  await recordEvent(tx, step.event, intent.id, {
    intentId: intent.id, orderId: row.orderId, provider: row.provider, status: row.status, amountMinor: row.amountMinor,
    capturedMinor: row.capturedMinor, refundedMinor: row.refundedMinor, currency: row.currency, accountId: row.accountId,
  });
  return toIntent(row);
}

async function wallet(tx: Tx, intent: PaymentIntent): Promise<LedgerAccount> {
  if (!intent.accountId) throw new DomainError('payments.amount_invalid', 'A guest payment has no wallet; refund it through its provider');
  return ledgerAccount(tx, { kind: 'shopper_wallet', ownerId: intent.accountId, currency: intent.currency });
}

async function clearing(tx: Tx, intent: PaymentIntent): Promise<LedgerAccount> {
  return ledgerAccount(tx, { kind: 'provider_clearing', provider: intent.provider, currency: intent.currency });
}

/** Where captured money goes: the order receipts, or the shopper's wallet for a top-up. */
async function captureTarget(tx: Tx, intent: PaymentIntent): Promise<LedgerAccount> {
  return intent.purpose === 'top_up' ? wallet(tx, intent) : ledgerAccount(tx, { kind: 'order_receipts', currency: intent.currency });
}

export type NextAction =
  | { type: 'none' }
  | { type: 'await_notification'; provider: 'card_sandbox' }
  | { type: 'alipay_request'; gateway: string; params: AlipayParams };

/**
 * Starts the authorisation with the intent's provider. The wallet answers at once (the amount is
 * moved to the wallet provider's clearing account, a hold); the card sandbox and Alipay answer
 * later through the notification path.
 */
export async function authorisePaymentIntent(tx: Tx, intentId: string, input: { cardNumber?: string; accountId?: string }, settings: ProviderSettings, now = new Date()): Promise<{ intent: PaymentIntent; nextAction: NextAction }> {
  let intent = await lockIntent(tx, intentId, input.accountId);
  // The wallet authorises at once; a provider is first submitted to and answers later.
  transition(intent.status, intent.provider === 'wallet' ? 'authorise' : 'submit');
  switch (intent.provider) {
    case 'wallet': {
      await postEntry(tx, { kind: 'authorisation', referenceId: intent.id, memo: 'wallet hold', postings: [
        { account: await wallet(tx, intent), amountMinor: -intent.amountMinor }, { account: await clearing(tx, intent), amountMinor: intent.amountMinor },
      ] });
      intent = await applyAction(tx, intent, 'authorise');
      if (intent.captureMethod === 'automatic') intent = await captureLocked(tx, intent, intent.amountMinor);
      return { intent, nextAction: { type: 'none' } };
    }
    case 'card_sandbox': {
      if (!settings.sandboxSecret) throw new DomainError('payments.provider_unavailable', 'The card sandbox is turned off (MERCATO_CARD_SANDBOX=off)');
      if (!input.cardNumber) throw new DomainError('payments.card_required', 'Give one of the card sandbox test card numbers');
      const outcome = sandboxOutcome(input.cardNumber);
      const reference = `sbx_${randomBytes(8).toString('hex')}`;
      intent = await applyAction(tx, intent, 'submit', { providerReference: reference });
      const type = outcome.kind === 'approve' ? 'authorised' : outcome.kind === 'challenge' ? 'requires_action' : 'declined';
      await scheduleSandboxNotification(tx, intent, type, settings, outcome.kind === 'decline' ? outcome.code : undefined);
      return { intent, nextAction: { type: 'await_notification', provider: 'card_sandbox' } };
    }
    case 'alipay': {
      if (!settings.alipay) throw new DomainError('payments.provider_unavailable', 'Alipay keys are not configured (MERCATO_ALIPAY_*)');
      intent = await applyAction(tx, intent, 'submit');
      return { intent, nextAction: { type: 'alipay_request', gateway: settings.alipay.gateway, params: alipayTradeRequest(settings.alipay, intent, now) } };
    }
  }
}

/**
 * A card presented at a till terminal: the terminal gets the issuer's answer while the shopper
 * waits (chip and PIN is the authentication, so the sandbox's 3-D Secure card is approved here).
 * Approved: the intent is authorised and captured at once (provider clearing → order receipts).
 * Declined: `payments.card_declined` (402) is thrown, so the caller's transaction, and with it
 * the sale, rolls back.
 */
export async function chargeCardPresent(tx: Tx, input: { accountId: string | null; orderId: string; amountMinor: number; currency: string; cardNumber: string }, settings: ProviderSettings): Promise<PaymentIntent> {
  if (!settings.sandboxSecret) throw new DomainError('payments.provider_unavailable', 'The card sandbox is turned off (MERCATO_CARD_SANDBOX=off)');
  const outcome = sandboxOutcome(input.cardNumber);
  if (outcome.kind === 'decline') {
    throw new DomainError('payments.card_declined', `The card was declined (${outcome.code.replaceAll('_', ' ')}); nothing was charged, ask for another card or the wallet`, { declineCode: outcome.code });
  }
  let intent = await createPaymentIntent(tx, { accountId: input.accountId, purpose: 'order', orderId: input.orderId, provider: 'card_sandbox', amountMinor: input.amountMinor, currency: input.currency });
  intent = await applyAction(tx, intent, 'authorise', { providerReference: `sbx_${randomBytes(8).toString('hex')}` });
  return captureLocked(tx, intent, intent.amountMinor);
}

/** The card sandbox's side: queues the notification it will send (delivered asynchronously). */
async function scheduleSandboxNotification(tx: Tx, intent: PaymentIntent, type: SandboxNotification['type'], settings: ProviderSettings, declineCode?: string): Promise<void> {
  const body: SandboxNotification = {
    id: `evt_${randomBytes(8).toString('hex')}`, intentId: intent.id, type, amountMinor: intent.amountMinor, currency: intent.currency,
    providerReference: intent.providerReference ?? '', ...(declineCode ? { declineCode } : {}),
  };
  if (!settings.sandboxSecret) throw new DomainError('payments.provider_unavailable', 'The card sandbox is turned off (MERCATO_CARD_SANDBOX=off)');
  // Kept as text: jsonb would reorder the keys and the signature is over the serialised body.
  await tx.insert(cardSandboxEvents).values({ intentId: intent.id, body: { raw: JSON.stringify(body), signature: sandboxSignature(settings.sandboxSecret, body) } });
}

/** The shopper answers the sandbox's 3-D Secure challenge; the sandbox then notifies the outcome. */
export async function completeSandboxChallenge(tx: Tx, intentId: string, accountId: string | undefined, approve: boolean, settings: ProviderSettings): Promise<PaymentIntent> {
  const intent = await lockIntent(tx, intentId, accountId);
  if (intent.provider !== 'card_sandbox' || intent.status !== 'requires_action') {
    throw new DomainError('payments.invalid_transition', 'Only a card sandbox intent waiting for its challenge can complete one', { status: intent.status });
  }
  await scheduleSandboxNotification(tx, intent, approve ? 'authorised' : 'declined', settings, approve ? undefined : 'authentication_failed');
  return intent;
}

export async function capturePaymentIntent(tx: Tx, intentId: string, amountMinor?: number, accountId?: string): Promise<PaymentIntent> {
  const intent = await lockIntent(tx, intentId, accountId);
  return captureLocked(tx, intent, amountMinor ?? intent.amountMinor);
}

/**
 * Captures `amountMinor` of an authorised intent: provider clearing → order receipts (or the
 * wallet, for a top-up). A partial wallet capture releases the rest of the hold.
 */
async function captureLocked(tx: Tx, intent: PaymentIntent, amountMinor: number): Promise<PaymentIntent> {
  transition(intent.status, 'capture');
  checkCaptureAmount(intent, amountMinor);
  const postings: Posting[] = [{ account: await clearing(tx, intent), amountMinor: -amountMinor }, { account: await captureTarget(tx, intent), amountMinor }];
  const released = intent.amountMinor - amountMinor;
  if (intent.provider === 'wallet' && released > 0) {
    postings.push({ account: await clearing(tx, intent), amountMinor: -released }, { account: await wallet(tx, intent), amountMinor: released });
  }
  await postEntry(tx, { kind: intent.purpose === 'top_up' ? 'top_up' : 'capture', referenceId: intent.id, memo: intent.purpose === 'top_up' ? `top-up via ${intent.provider}` : `${intent.provider} capture`, postings });
  return applyAction(tx, intent, 'capture', { capturedMinor: amountMinor });
}

export async function cancelPaymentIntent(tx: Tx, intentId: string, accountId?: string): Promise<PaymentIntent> {
  const intent = await lockIntent(tx, intentId, accountId);
  return cancelLocked(tx, intent);
}

async function cancelLocked(tx: Tx, intent: PaymentIntent): Promise<PaymentIntent> {
  transition(intent.status, 'cancel');
  if (intent.provider === 'wallet' && intent.status === 'authorised') {
    await postEntry(tx, { kind: 'cancellation', referenceId: intent.id, memo: 'wallet hold released', postings: [
      { account: await clearing(tx, intent), amountMinor: -intent.amountMinor }, { account: await wallet(tx, intent), amountMinor: intent.amountMinor },
    ] });
  }
  return applyAction(tx, intent, 'cancel');
}

/**
 * Refunds part or all of what was captured, never more. An order payment is refunded out of the
 * order receipts to the wallet (wallet payments, or when `toWallet`) or back through the provider;
 * a top-up is refunded out of the wallet, which must still hold it.
 */
export async function refundPaymentIntent(tx: Tx, intentId: string, amountMinor: number, options: { toWallet?: boolean; accountId?: string } = {}): Promise<PaymentIntent> {
  const intent = await lockIntent(tx, intentId, options.accountId);
  const action = refundAction(intent, amountMinor);
  transition(intent.status, action);
  if (intent.walletCurrency && intent.walletAmountMinor) return refundToForeignWallet(tx, intent, amountMinor, action);
  const back = intent.provider === 'wallet' || options.toWallet
    ? await wallet(tx, intent)
    : await ledgerAccount(tx, { kind: 'refunds', provider: intent.provider, currency: intent.currency });
  const source = intent.purpose === 'top_up' ? await wallet(tx, intent) : await ledgerAccount(tx, { kind: 'order_receipts', currency: intent.currency });
  if (intent.purpose === 'top_up' && back.id === source.id) throw new DomainError('payments.amount_invalid', 'A top-up is refunded through its provider, not to the wallet');
  await postEntry(tx, { kind: 'refund', referenceId: intent.id, memo: back.kind === 'shopper_wallet' ? 'refund to wallet' : `refund via ${intent.provider}`, postings: [
    { account: source, amountMinor: -amountMinor }, { account: back, amountMinor },
  ] });
  return applyAction(tx, intent, action, { refundedMinor: intent.refundedMinor + amountMinor });
}

/**
 * An order paid from a wallet in another currency is refunded to that wallet at the rate it was
 * paid at: the wallet gets back its share of what it paid in proportion (cumulative, rounded half
 * to even), so a full refund returns exactly what left it, whatever the rate does meanwhile.
 */
async function refundToForeignWallet(tx: Tx, intent: PaymentIntent, amountMinor: number, action: IntentAction): Promise<PaymentIntent> {
  const walletCurrency = intent.walletCurrency!;
  const share = (refunded: number) => Number(divideRoundHalfEven(BigInt(intent.walletAmountMinor!) * BigInt(refunded), BigInt(intent.capturedMinor)));
  const back = share(intent.refundedMinor + amountMinor) - share(intent.refundedMinor);
  const walletAccount = await ledgerAccount(tx, { kind: 'shopper_wallet', ownerId: intent.accountId!, currency: walletCurrency });
  const receipts = await ledgerAccount(tx, { kind: 'order_receipts', currency: intent.currency });
  const positionOrder = await ledgerAccount(tx, { kind: 'fx_position', currency: intent.currency });
  const positionWallet = await ledgerAccount(tx, { kind: 'fx_position', currency: walletCurrency });
  const postings: Posting[] = [{ account: receipts, amountMinor: -amountMinor }, { account: positionOrder, amountMinor }];
  if (back > 0) postings.push({ account: positionWallet, amountMinor: -back }, { account: walletAccount, amountMinor: back });
  await postEntry(tx, { kind: 'refund', referenceId: intent.id, memo: `refund to the ${walletCurrency} wallet at the rate paid`, postings });
  return applyAction(tx, intent, action, { refundedMinor: intent.refundedMinor + amountMinor });
}

/**
 * Applies a verified provider notification. Answers `stale` when the intent has already moved
 * past what it says (late, duplicate under another id, or out of order): nothing changes then.
 */
export async function applyProviderEvent(tx: Tx, event: ProviderEvent): Promise<{ outcome: 'applied' | 'stale'; intent: PaymentIntent }> {
  let intent = await lockIntent(tx, event.intentId);
  const stated = event.amountMinor ?? (event.amountDecimal !== undefined ? decimalToMinor(event.amountDecimal, intent.currency) : undefined);
  if ((stated !== undefined && stated !== intent.amountMinor) || (event.currency !== undefined && event.currency !== intent.currency)) {
    throw new DomainError('payments.amount_mismatch', `The notification states ${stated} ${event.currency ?? intent.currency}; the intent is for ${intent.amountMinor} ${intent.currency}`);
  }
  const changes = event.providerReference && !intent.providerReference ? { providerReference: event.providerReference } : {};
  switch (event.outcome) {
    case 'pending':
    case 'finished':
      return { outcome: 'stale', intent };
    case 'requires_action':
      if (!findTransition(intent.status, 'challenge')) return { outcome: 'stale', intent };
      return { outcome: 'applied', intent: await applyAction(tx, intent, 'challenge', changes) };
    case 'declined':
      if (!findTransition(intent.status, 'decline')) return { outcome: 'stale', intent };
      return { outcome: 'applied', intent: await applyAction(tx, intent, 'decline', { ...changes, failureCode: event.declineCode ?? 'declined' }) };
    case 'closed':
      if (!findTransition(intent.status, 'cancel')) return { outcome: 'stale', intent };
      return { outcome: 'applied', intent: await cancelLocked(tx, intent) };
    case 'authorised':
    case 'paid': {
      if (!findTransition(intent.status, 'authorise')) return { outcome: 'stale', intent };
      intent = await applyAction(tx, intent, 'authorise', changes);
      if (event.outcome === 'paid' || intent.captureMethod === 'automatic') intent = await captureLocked(tx, intent, intent.amountMinor);
      return { outcome: 'applied', intent };
    }
  }
}
