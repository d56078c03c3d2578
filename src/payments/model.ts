import { DomainError } from '../http/problem.js';
import './errors.js';

// --- currencies ---------------------------------------------------------------------------------

/**
 * The currencies money may move in: the ISO 4217 codes in current use, as the runtime's ICU data
 * lists them (no test or precious-metal codes: XTS, XAU…). A well-formed but made-up code
 * (`ZZZ`) is refused everywhere a currency enters: wallets, top-ups, carts, price lists, rates.
 */
export const SUPPORTED_CURRENCIES: ReadonlySet<string> = new Set(Intl.supportedValuesOf('currency'));

export function isSupportedCurrency(currency: string): boolean {
  return SUPPORTED_CURRENCIES.has(currency);
}

/** Digits after the decimal point of a currency (EUR 2, CNY 2, JPY 0), from the runtime's ICU data. */
export function currencyExponent(currency: string): number {
  if (!isSupportedCurrency(currency)) throw new DomainError('payments.currency_unknown', `${currency} is not a supported ISO 4217 currency`, { currency });
  return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

/**
 * The largest single wallet top-up, in major units of its currency (5,000 EUR and about the same
 * elsewhere): stored value is for shopping, and a card authorisation above this is refused anyway.
 * Currencies not listed get 5,000 major units of the currency scaled by its exponent rule.
 */
const MAX_TOP_UP_MAJOR: Record<string, number> = {
  EUR: 5_000, USD: 5_000, GBP: 5_000, CHF: 5_000, CNY: 40_000, HKD: 40_000, JPY: 800_000, KRW: 7_000_000,
};

export function maxTopUpMinor(currency: string): number {
  return (MAX_TOP_UP_MAJOR[currency] ?? 5_000) * 10 ** currencyExponent(currency);
}

/** Integer division rounding half to even (banker's rounding), for every money rounding here. */
export function divideRoundHalfEven(numerator: bigint, denominator: bigint): bigint {
  if (denominator === 0n) throw new RangeError('division by zero');
  if (denominator < 0n) return divideRoundHalfEven(-numerator, -denominator);
  const negative = numerator < 0n;
  const n = negative ? -numerator : numerator;
  let quotient = n / denominator;
  const twiceRemainder = (n % denominator) * 2n;
  if (twiceRemainder > denominator || (twiceRemainder === denominator && quotient % 2n === 1n)) quotient += 1n;
  return negative ? -quotient : quotient;
}

/** 1234 minor units of EUR → "12.34"; of JPY → "1234". For providers that take decimal strings. */
export function minorToDecimal(amountMinor: number, currency: string): string {
  const exponent = currencyExponent(currency);
  const sign = amountMinor < 0 ? '-' : '';
  const digits = String(Math.abs(amountMinor)).padStart(exponent + 1, '0');
  return exponent === 0 ? `${sign}${digits}` : `${sign}${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
}

/** "12.34" EUR → 1234; refuses more decimals than the currency has. */
export function decimalToMinor(amount: string, currency: string): number {
  const exponent = currencyExponent(currency);
  const match = /^([0-9]+)(?:\.([0-9]+))?$/.exec(amount.trim());
  if (!match || (match[2] ?? '').length > exponent) throw new DomainError('payments.amount_invalid', `${amount} is not an amount of ${currency}`);
  return Number(match[1]) * 10 ** exponent + Number((match[2] ?? '').padEnd(exponent, '0') || '0');
}

// --- FX -----------------------------------------------------------------------------------------

export const RATE_SCALE = 10;

/** A decimal rate string ("7.8231") as an integer scaled by 10^RATE_SCALE; floats never touch it. */
export function parseRate(rate: string): bigint {
  const match = /^([0-9]+)(?:\.([0-9]+))?$/.exec(rate.trim());
  if (!match) throw new DomainError('payments.fx_rate_invalid', `${rate} is not a positive decimal rate`);
  const fraction = (match[2] ?? '').replace(/0+$/, '');
  if (fraction.length > RATE_SCALE) throw new DomainError('payments.fx_rate_invalid', `${rate} has more than ${RATE_SCALE} decimals`);
  const scaled = BigInt(match[1]) * 10n ** BigInt(RATE_SCALE) + BigInt(fraction.padEnd(RATE_SCALE, '0') || '0');
  if (scaled <= 0n) throw new DomainError('payments.fx_rate_invalid', 'A rate must be greater than zero');
  return scaled;
}

/**
 * Converts minor units of `from` into minor units of `to` at `rate` (1 base = rate quote).
 * `inverse` means `from` is the quote currency. Exponents differ per currency (JPY 0, EUR 2).
 * The result is rounded half to even, once, at the end.
 */
export function convertMinor(amountMinor: number, rate: string, inverse: boolean, fromExponent: number, toExponent: number): number {
  const scaledRate = parseRate(rate);
  const up = 10n ** BigInt(Math.max(0, toExponent - fromExponent));
  const down = 10n ** BigInt(Math.max(0, fromExponent - toExponent));
  const scale = 10n ** BigInt(RATE_SCALE);
  const amount = BigInt(amountMinor);
  const result = inverse
    ? divideRoundHalfEven(amount * scale * up, scaledRate * down)
    : divideRoundHalfEven(amount * scaledRate * up, scale * down);
  return Number(result);
}

// --- commission and settlement -----------------------------------------------------------------

/** Commission in minor units on a gross amount, in basis points, rounded half to even. */
export function commissionOf(grossMinor: number, commissionBps: number): number {
  return Number(divideRoundHalfEven(BigInt(grossMinor) * BigInt(commissionBps), 10_000n));
}

export interface SettlementFigures { grossMinor: number; commissionMinor: number; netMinor: number }

/**
 * What to post for an order line so that its settlement matches its paid, not-refunded amount.
 * The commission is always that of the line's current gross, so refunds reverse it in proportion
 * and repeated partial refunds never drift by a rounding cent.
 */
export function settlementDelta(target: { grossMinor: number; commissionBps: number }, posted: Pick<SettlementFigures, 'grossMinor' | 'commissionMinor'>): SettlementFigures {
  const commission = commissionOf(target.grossMinor, target.commissionBps);
  const grossMinor = target.grossMinor - posted.grossMinor;
  const commissionMinor = commission - posted.commissionMinor;
  return { grossMinor, commissionMinor, netMinor: grossMinor - commissionMinor };
}

// --- payment intent state machine ---------------------------------------------------------------

export const INTENT_STATUSES = ['created', 'processing', 'requires_action', 'authorised', 'captured', 'partially_refunded', 'refunded', 'cancelled', 'failed'] as const;
export type IntentStatus = (typeof INTENT_STATUSES)[number];
export type IntentAction = 'submit' | 'challenge' | 'authorise' | 'decline' | 'capture' | 'cancel' | 'refund' | 'refund_in_full';

interface Transition { from: readonly IntentStatus[]; action: IntentAction; to: IntentStatus; event: string }

/** Every allowed move of a payment intent, and the domain event it records. */
export const INTENT_TRANSITIONS: readonly Transition[] = [
  { from: ['created'], action: 'submit', to: 'processing', event: 'payment.processing' },
  { from: ['created', 'processing'], action: 'challenge', to: 'requires_action', event: 'payment.requires_action' },
  { from: ['created', 'processing', 'requires_action'], action: 'authorise', to: 'authorised', event: 'payment.authorised' },
  { from: ['created', 'processing', 'requires_action'], action: 'decline', to: 'failed', event: 'payment.failed' },
  { from: ['authorised'], action: 'capture', to: 'captured', event: 'payment.captured' },
  { from: ['created', 'processing', 'requires_action', 'authorised'], action: 'cancel', to: 'cancelled', event: 'payment.cancelled' },
  { from: ['captured', 'partially_refunded'], action: 'refund', to: 'partially_refunded', event: 'payment.refunded' },
  { from: ['captured', 'partially_refunded'], action: 'refund_in_full', to: 'refunded', event: 'payment.refunded' },
];

/** The transition for `action` from `status`, or null when it is not allowed. */
export function findTransition(status: IntentStatus, action: IntentAction): Transition | null {
  return INTENT_TRANSITIONS.find((t) => t.action === action && t.from.includes(status)) ?? null;
}

export function transition(status: IntentStatus, action: IntentAction): Transition {
  const found = findTransition(status, action);
  if (!found) throw new DomainError('payments.invalid_transition', `A payment intent that is ${status} cannot ${action.replaceAll('_', ' ')}`, { status, action });
  return found;
}

/** Which refund action a refund of `amount` is, refusing one that exceeds what is left. */
export function refundAction(intent: { capturedMinor: number; refundedMinor: number }, amountMinor: number): IntentAction {
  const refundable = intent.capturedMinor - intent.refundedMinor;
  if (!Number.isInteger(amountMinor) || amountMinor <= 0) throw new DomainError('payments.amount_invalid', 'A refund must be a positive whole number of minor units');
  if (amountMinor > refundable) {
    throw new DomainError('payments.refund_exceeds_capture', `Only ${refundable} minor units are left to refund`, { refundableMinor: refundable });
  }
  return amountMinor === refundable ? 'refund_in_full' : 'refund';
}

export function checkCaptureAmount(intent: { amountMinor: number }, amountMinor: number): void {
  if (!Number.isInteger(amountMinor) || amountMinor <= 0 || amountMinor > intent.amountMinor) {
    throw new DomainError('payments.capture_exceeds_authorisation', `A capture must be between 1 and ${intent.amountMinor} minor units`, { authorisedMinor: intent.amountMinor });
  }
}

// --- card sandbox -------------------------------------------------------------------------------

export type SandboxOutcome = { kind: 'approve' } | { kind: 'decline'; code: 'card_declined' | 'insufficient_funds' } | { kind: 'challenge' };

/** The documented test cards of the built-in card sandbox (docs/payments.md). */
export const SANDBOX_CARDS: Record<string, { outcome: SandboxOutcome; meaning: string }> = {
  '4242424242424242': { outcome: { kind: 'approve' }, meaning: 'authorised' },
  '4000000000000002': { outcome: { kind: 'decline', code: 'card_declined' }, meaning: 'declined' },
  '4000000000009995': { outcome: { kind: 'decline', code: 'insufficient_funds' }, meaning: 'declined: insufficient funds' },
  '4000000000003220': { outcome: { kind: 'challenge' }, meaning: '3-D Secure challenge, then authorised or declined by the shopper' },
};

export function sandboxOutcome(cardNumber: string): SandboxOutcome {
  const card = SANDBOX_CARDS[cardNumber.replace(/[\s-]/g, '')];
  if (!card) throw new DomainError('payments.card_unknown', 'The card sandbox accepts only its documented test card numbers', { testCards: Object.keys(SANDBOX_CARDS) });
  return card.outcome;
}

// --- member payment code -------------------------------------------------------------------------

export const MEMBER_CODE = { periodSeconds: 30, digits: 6, prefix: '28' } as const;

/** `28` + the device's 10-digit number + the 6-digit time-based code: 18 digits, as payment codes are. */
export function formatMemberCode(deviceNumber: number, totp: string): string {
  return `${MEMBER_CODE.prefix}${String(deviceNumber).padStart(10, '0')}${totp}`;
}

export function parseMemberCode(code: string): { deviceNumber: number; totp: string } | null {
  const match = /^28([0-9]{10})([0-9]{6})$/.exec(code.replace(/\s/g, ''));
  return match ? { deviceNumber: Number(match[1]), totp: match[2] } : null;
}

export function timeStep(at: Date): number {
  return Math.floor(at.getTime() / 1000 / MEMBER_CODE.periodSeconds);
}

// --- statement cursor ----------------------------------------------------------------------------

export function encodeCursor(lineId: number): string {
  return Buffer.from(`line:${lineId}`).toString('base64url');
}

export function decodeCursor(cursor: string): number {
  const match = /^line:([0-9]+)$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match) throw new DomainError('payments.cursor_invalid', 'The cursor is not one this API handed out');
  return Number(match[1]);
}

/** Minimal CSV field quoting (RFC 4180): quote when needed, double inner quotes. */
export function csvRow(fields: Array<string | number | null>): string {
  return fields.map((f) => {
    const text = f === null ? '' : String(f);
    return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  }).join(',');
}
