import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  INTENT_STATUSES, commissionOf, convertMinor, currencyExponent, decimalToMinor, divideRoundHalfEven, findTransition, formatMemberCode,
  minorToDecimal, parseMemberCode, parseRate, refundAction, sandboxOutcome, settlementDelta, transition, csvRow, decodeCursor, encodeCursor,
} from './model.js';

describe('currencies', () => {
  it.each([['EUR', 2], ['CNY', 2], ['USD', 2], ['JPY', 0], ['KWD', 3]])('%s has %i decimals', (currency, exponent) => {
    expect(currencyExponent(currency)).toBe(exponent);
  });

  it.each([
    [1234, 'EUR', '12.34'], [5, 'EUR', '0.05'], [1234, 'JPY', '1234'], [100000, 'CNY', '1000.00'],
  ])('%i minor units of %s read %s', (minor, currency, text) => {
    expect(minorToDecimal(minor, currency)).toBe(text);
    expect(decimalToMinor(text, currency)).toBe(minor);
  });

  it('refuses more decimals than the currency has', () => {
    expect(() => decimalToMinor('12.5', 'JPY')).toThrow(/not an amount/);
    expect(() => decimalToMinor('1.234', 'EUR')).toThrow(/not an amount/);
  });
});

describe('rounding half to even', () => {
  it.each([
    [5n, 2n, 2n], [7n, 2n, 4n], [-5n, 2n, -2n], [-7n, 2n, -4n], [1n, 3n, 0n], [2n, 3n, 1n], [10n, 4n, 2n], [14n, 4n, 4n], [15n, 4n, 4n],
  ])('%i / %i rounds to %i', (n, d, q) => expect(divideRoundHalfEven(n, d)).toBe(q));
});

describe('FX conversion', () => {
  it.each([
    { what: 'EUR → CNY at 7.8231', amount: 10000, rate: '7.8231', inverse: false, from: 2, to: 2, expected: 78231 },
    { what: 'CNY → EUR at the inverse of 7.8231', amount: 78231, rate: '7.8231', inverse: true, from: 2, to: 2, expected: 10000 },
    { what: 'EUR → JPY at 162.35 (exponent 2 → 0)', amount: 1999, rate: '162.35', inverse: false, from: 2, to: 0, expected: 3245 },
    { what: 'JPY → EUR at 1/162.35 (exponent 0 → 2)', amount: 3245, rate: '162.35', inverse: true, from: 0, to: 2, expected: 1999 },
    { what: 'a half cent rounds to even (down)', amount: 1, rate: '0.5', inverse: false, from: 2, to: 2, expected: 0 },
    { what: 'a half cent rounds to even (up)', amount: 3, rate: '0.5', inverse: false, from: 2, to: 2, expected: 2 },
  ])('$what: $amount → $expected', ({ amount, rate, inverse, from, to, expected }) => {
    expect(convertMinor(amount, rate, inverse, from, to)).toBe(expected);
  });

  it('never strays more than half a minor unit from the exact value', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 1e9 }), fc.integer({ min: 1, max: 99_999_999 }), (amount, rateHundredths) => {
      const rate = `${Math.floor(rateHundredths / 100)}.${String(rateHundredths % 100).padStart(2, '0')}`;
      const exact = (BigInt(amount) * BigInt(rateHundredths));
      const converted = BigInt(convertMinor(amount, rate, false, 2, 2));
      const error = converted * 100n - exact;
      return (error < 0n ? -error : error) <= 50n;
    }));
  });

  it('refuses a rate that is not a positive decimal', () => {
    expect(() => parseRate('0')).toThrow();
    expect(() => parseRate('-1.2')).toThrow();
    expect(() => parseRate('1e3')).toThrow();
    expect(parseRate('7.8231')).toBe(78_231_000_000n);
  });
});

describe('commission and settlement', () => {
  it.each([[10000, 1200, 1200], [999, 1000, 100], [995, 1000, 100], [985, 1000, 98], [0, 1200, 0]])('%i at %i bps is %i', (gross, bps, commission) => {
    expect(commissionOf(gross, bps)).toBe(commission);
  });

  it('reverses a refund in proportion and lands exactly on the commission of what is left', () => {
    const first = settlementDelta({ grossMinor: 10_000, commissionBps: 1200 }, { grossMinor: 0, commissionMinor: 0 });
    expect(first).toEqual({ grossMinor: 10_000, commissionMinor: 1200, netMinor: 8800 });
    const afterRefund = settlementDelta({ grossMinor: 7_501, commissionBps: 1200 }, first);
    expect(afterRefund).toEqual({ grossMinor: -2_499, commissionMinor: -300, netMinor: -2_199 });
    expect(first.commissionMinor + afterRefund.commissionMinor).toBe(commissionOf(7_501, 1200));
  });

  it('any sequence of partial refunds leaves gross, commission and net consistent', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 1e8 }), fc.integer({ min: 0, max: 10_000 }), fc.array(fc.integer({ min: 1, max: 1e6 }), { maxLength: 8 }), (amount, bps, refunds) => {
      let posted = { grossMinor: 0, commissionMinor: 0, netMinor: 0 };
      let left = amount;
      for (const r of [0, ...refunds]) {
        left = Math.max(0, left - r);
        const d = settlementDelta({ grossMinor: left, commissionBps: bps }, posted);
        posted = { grossMinor: posted.grossMinor + d.grossMinor, commissionMinor: posted.commissionMinor + d.commissionMinor, netMinor: posted.netMinor + d.netMinor };
        if (posted.grossMinor !== left || posted.commissionMinor !== commissionOf(left, bps) || posted.netMinor !== left - commissionOf(left, bps)) return false;
      }
      return true;
    }));
  });
});

describe('payment intent state machine', () => {
  it.each([
    ['created', 'submit', 'processing'], ['processing', 'challenge', 'requires_action'], ['requires_action', 'authorise', 'authorised'],
    ['processing', 'decline', 'failed'], ['authorised', 'capture', 'captured'], ['authorised', 'cancel', 'cancelled'],
    ['captured', 'refund', 'partially_refunded'], ['partially_refunded', 'refund_in_full', 'refunded'],
  ] as const)('%s --%s--> %s', (from, action, to) => {
    expect(transition(from, action).to).toBe(to);
  });

  it.each([
    ['captured', 'cancel'], ['refunded', 'refund'], ['failed', 'authorise'], ['cancelled', 'capture'], ['created', 'capture'], ['captured', 'authorise'],
  ] as const)('refuses %s --%s-->', (from, action) => {
    expect(findTransition(from, action)).toBeNull();
    expect(() => transition(from, action)).toThrow(/cannot/);
  });

  it('has no way out of a final state except refunds of a captured one', () => {
    for (const status of INTENT_STATUSES.filter((s) => ['refunded', 'cancelled', 'failed'].includes(s))) {
      for (const action of ['submit', 'challenge', 'authorise', 'decline', 'capture', 'cancel', 'refund', 'refund_in_full'] as const) {
        expect(findTransition(status, action)).toBeNull();
      }
    }
  });

  it('chooses a partial or a full refund and refuses one beyond the capture', () => {
    expect(refundAction({ capturedMinor: 1000, refundedMinor: 0 }, 400)).toBe('refund');
    expect(refundAction({ capturedMinor: 1000, refundedMinor: 400 }, 600)).toBe('refund_in_full');
    expect(() => refundAction({ capturedMinor: 1000, refundedMinor: 400 }, 601)).toThrow(/Only 600/);
  });
});

describe('card sandbox test cards', () => {
  it.each([
    ['4242 4242 4242 4242', 'approve'], ['4000000000000002', 'decline'], ['4000-0000-0000-9995', 'decline'], ['4000000000003220', 'challenge'],
  ])('%s → %s', (card, kind) => expect(sandboxOutcome(card).kind).toBe(kind));

  it('refuses a number that is not a test card', () => expect(() => sandboxOutcome('5555555555554444')).toThrow(/test card/));
});

describe('member code, cursor and CSV formats', () => {
  it('packs and unpacks the device number and the time-based code', () => {
    const code = formatMemberCode(1_000_000_042, '123456');
    expect(code).toBe('281000000042123456');
    expect(parseMemberCode(code)).toEqual({ deviceNumber: 1_000_000_042, totp: '123456' });
    expect(parseMemberCode('29100000004212345')).toBeNull();
  });

  it('round-trips a cursor and refuses a forged one', () => {
    expect(decodeCursor(encodeCursor(77))).toBe(77);
    expect(() => decodeCursor('bm9wZQ')).toThrow(/cursor/);
  });

  it('quotes CSV fields that need it', () => {
    expect(csvRow(['a', 1, null, 'x,y', 'say "hi"'])).toBe('a,1,,"x,y","say ""hi"""');
  });
});

describe('provider settings', async () => {
  const { providerSettingsFromEnv } = await import('./providers/settings.js');
  it('turns the card sandbox off on request and leaves Alipay off without keys', () => {
    expect(providerSettingsFromEnv('s', {})).toEqual({ sandboxSecret: 's', alipay: null });
    expect(providerSettingsFromEnv('s', { MERCATO_CARD_SANDBOX: 'off' }).sandboxSecret).toBeNull();
    const configured = providerSettingsFromEnv('s', { MERCATO_ALIPAY_APP_ID: '1', MERCATO_ALIPAY_PRIVATE_KEY: 'a\\nb', MERCATO_ALIPAY_PUBLIC_KEY: 'c', MERCATO_PUBLIC_URL: 'https://shop.example/' });
    expect(configured.alipay).toMatchObject({ appId: '1', privateKeyPem: 'a\nb', notifyUrl: 'https://shop.example/v1/payments/notifications/alipay' });
  });
});
