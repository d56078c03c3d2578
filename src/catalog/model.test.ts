import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { cjkQueryGrams, decodeCursor, ean13, encodeCursor, isValidEan13, latinPart, pickTranslation, priceForQuantity, tiersProblem } from './model.js';

describe('EAN-13', () => {
  it.each([
    ['4006381333931', true],
    ['8410076472885', true],
    ['4006381333932', false],
    ['400638133393', false],
    ['40063813339310', false],
    ['400638133393a', false],
  ])('%s valid: %s', (code, valid) => expect(isValidEan13(code)).toBe(valid));

  it('completes any twelve digits into a valid code, and one changed digit breaks it', () => {
    fc.assert(fc.property(fc.stringMatching(/^[0-9]{12}$/), fc.integer({ min: 0, max: 11 }), (twelve, position) => {
      const code = ean13(twelve);
      expect(isValidEan13(code)).toBe(true);
      const changed = code.slice(0, position) + String((Number(code[position]) + 1) % 10) + code.slice(position + 1);
      expect(isValidEan13(changed)).toBe(false);
    }));
  });
});

describe('translation fallback', () => {
  it.each([
    ['es', { es: 'Bolso', en: 'Bag' }, 'es', 'Bolso'],
    ['it', { es: 'Bolso', en: 'Bag' }, 'en', 'Bag'],
    ['zh', { es: 'Bolso', it: 'Borsa' }, 'es', 'Bolso'],
    ['en', { zh: '手袋' }, 'zh', '手袋'],
  ] as const)('asked for %s', (locale, byLocale, chosen, value) => {
    expect(pickTranslation<string>(byLocale, locale)).toEqual({ locale: chosen, value });
  });
  it('has nothing to show without translations', () => expect(pickTranslation({}, 'es')).toBeNull());
});

describe('B2B tiers and minimum order quantity', () => {
  const tiers = [{ minQuantity: 10, unitAmountMinor: 6400 }, { minQuantity: 50, unitAmountMinor: 5900 }, { minQuantity: 200, unitAmountMinor: 5400 }];
  it.each([
    [9, { ok: false, reason: 'below_moq', moq: 10 }],
    [10, { ok: true, unitAmountMinor: 6400, lineAmountMinor: 64000, tierMinQuantity: 10 }],
    [49, { ok: true, unitAmountMinor: 6400, lineAmountMinor: 313600, tierMinQuantity: 10 }],
    [50, { ok: true, unitAmountMinor: 5900, lineAmountMinor: 295000, tierMinQuantity: 50 }],
    [1000, { ok: true, unitAmountMinor: 5400, lineAmountMinor: 5400000, tierMinQuantity: 200 }],
  ])('%i units', (quantity, outcome) => expect(priceForQuantity(tiers, 10, quantity)).toEqual(outcome));

  it('never charges more per unit for a larger quantity', () => {
    fc.assert(fc.property(fc.integer({ min: 10, max: 5000 }), fc.integer({ min: 0, max: 5000 }), (q, extra) => {
      const a = priceForQuantity(tiers, 10, q);
      const b = priceForQuantity(tiers, 10, q + extra);
      if (!a.ok || !b.ok) throw new Error('priced');
      expect(b.unitAmountMinor).toBeLessThanOrEqual(a.unitAmountMinor);
    }));
  });

  it.each([
    [[], 1, /at least one/],
    [[{ minQuantity: 5, unitAmountMinor: 100 }], 10, /start at the minimum/],
    [[{ minQuantity: 1, unitAmountMinor: 100 }, { minQuantity: 10, unitAmountMinor: 120 }], 1, /dearer/],
    [[{ minQuantity: 1, unitAmountMinor: 100 }, { minQuantity: 1, unitAmountMinor: 90 }], 1, /two tiers/],
  ] as const)('refuses inconsistent tiers %#', (list, moq, problem) => expect(tiersProblem(list, moq)).toMatch(problem));
  it('accepts tiers that start at the MOQ and get cheaper', () => expect(tiersProblem(tiers, 10)).toBeNull());
});

describe('search text', () => {
  it.each([
    ['手袋', ['手袋']],
    ['女士手袋', ['女士', '士手', '手袋']],
    ['茶', ['茶']],
    ['Gucci 手袋', ['手袋']],
    ['gucci', []],
  ])('grams of %s', (q, grams) => expect(cjkQueryGrams(q)).toEqual(grams));

  it.each([['Café Crème', 'cafe creme'], ['GUCCI 手袋', 'gucci'], ['Pañuelo  Navigli', 'panuelo navigli']])('Latin part of %s', (q, latin) => expect(latinPart(q)).toBe(latin));

  it('round-trips a cursor and refuses a forged one', () => {
    const cursor = { key: '-0.123456', createdAt: '2026-11-25T10:00:00.123456Z', id: '0b8a6c5e-2f7d-4b1a-9d3e-5f6a7b8c9d0e' };
    expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
    expect(decodeCursor(Buffer.from(JSON.stringify(["1; drop table products", cursor.createdAt, cursor.id])).toString('base64url'))).toBeNull();
    expect(decodeCursor('%%%')).toBeNull();
  });
});
