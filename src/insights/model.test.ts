import { describe, expect, it } from 'vitest';
import { cohortMatrix, divideHalfEven, parseHistoryRow, rankingMetrics, recencyDays, rfmSegment, scoreRfm, toCsv } from './model.js';
import { boughtTogether, countHistory, modelFromCounts, ordersByCustomer, personalFrequencyBaseline, recommend, type HistoryLine } from './recommender.js';
import { evaluateHoldout } from './evaluation.js';
import { syntheticHistory } from './synthetic.js';

describe('order-history rows', () => {
  const row = (over: Partial<Record<string, string>> = {}) => {
    const r = { customer_id: 'c1', order_id: 'o1', ordered_at: '2024-01-10', sku: 'A', qty: '2', unit_price_minor: '500', currency: 'EUR', ...over };
    return [r.customer_id, r.order_id, r.ordered_at, r.sku, r.qty, r.unit_price_minor, r.currency];
  };
  it.each([
    ['2024-01-10', '2024-01-10T00:00:00.000Z'],
    ['2024-01-10T08:30:00Z', '2024-01-10T08:30:00.000Z'],
    ['2024-01-10 08:30:00', '2024-01-10T08:30:00.000Z'],
    ['2024-01-10T08:30:00+02:00', '2024-01-10T06:30:00.000Z'],
    ['2024-01-10T08:30', '2024-01-10T08:30:00.000Z'],
  ])('reads ordered_at %s as %s', (text, iso) => {
    expect(parseHistoryRow(row({ ordered_at: text }))).toEqual({ row: expect.objectContaining({ orderedAt: iso }) });
  });
  it.each([
    [{ ordered_at: '2023-02-29' }, /not a real date/],
    [{ ordered_at: '10/01/2024' }, /not an ISO date/],
    [{ qty: '1.5' }, /qty 1.5/],
    [{ qty: '-1' }, /qty -1/],
    [{ unit_price_minor: '9.99' }, /unit_price_minor 9.99/],
    [{ currency: 'EURO' }, /currency EURO/],
    [{ customer_id: ' ' }, /customer_id/],
  ])('rejects %o', (over, reason) => {
    const result = parseHistoryRow(row(over as Record<string, string>));
    expect('reasons' in result && result.reasons.join()).toMatch(reason);
  });
  it('reads price 0 as unknown and a lower-case currency as its code', () => {
    expect(parseHistoryRow(row({ unit_price_minor: '0', currency: 'eur' }))).toEqual({ row: expect.objectContaining({ unitPriceMinor: 0, currency: 'EUR' }) });
  });
});

describe('arithmetic', () => {
  it.each([[10, 4, 2], [6, 4, 2], [14, 4, 4], [3032, 4, 758], [7, 2, 4], [5, 2, 2], [0, 0, 0]])('%i / %i rounds half to even: %i', (a, b, q) => {
    expect(divideHalfEven(a, b)).toBe(q);
  });
  it('counts recency in whole days', () => {
    expect(recencyDays(new Date('2024-02-15T10:00:00Z'), new Date('2024-06-01T00:00:00Z'))).toBe(106);
    expect(recencyDays(new Date('2024-06-01T00:00:00Z'), new Date('2024-06-01T23:00:00Z'))).toBe(0);
  });
  it.each([[5, 5, 9, 'champions'], [5, 1, 1, 'new'], [3, 3, 3, 'loyal'], [3, 1, 1, 'potential_loyalists'], [2, 5, 9, 'at_risk'], [1, 5, 9, 'cant_lose'], [2, 1, 1, 'hibernating'], [1, 1, 1, 'lost']] as const)(
    'R%i F%i (%i orders) is %s', (r, f, n, segment) => { expect(rfmSegment(r, f, n)).toBe(segment); },
  );
  it('scores the most recent, most frequent, biggest spender 5-5-5', () => {
    const asOf = new Date('2024-06-01T00:00:00Z');
    const rows = scoreRfm(Array.from({ length: 10 }, (_, i) => ({ accountId: `a${i}`, lastOrderAt: new Date(asOf.getTime() - (10 - i) * 86_400_000), orders: i + 1, spendMinor: (i + 1) * 100 })), asOf);
    expect(rows[9]).toMatchObject({ r: 5, f: 5, m: 5, segment: 'champions' });
    expect(rows[0]).toMatchObject({ r: 1, f: 1, m: 1, segment: 'lost' });
  });
  it('builds a retention matrix', () => {
    const d = (s: string) => new Date(s);
    const rows = cohortMatrix([
      { accountId: 'a', placedAt: d('2024-01-05') }, { accountId: 'a', placedAt: d('2024-03-05') }, { accountId: 'b', placedAt: d('2024-01-20') },
      { accountId: 'c', placedAt: d('2024-02-01') }, { accountId: 'c', placedAt: d('2024-02-03') },
    ], d('2024-03-31'));
    expect(rows).toEqual([
      { cohort: '2024-01', customers: 2, retained: [2, 0, 1], retention: [1, 0, 0.5] },
      { cohort: '2024-02', customers: 1, retained: [1, 0], retention: [1, 0] },
    ]);
  });
  it('writes CSV that a spreadsheet will not run as a formula', () => {
    expect(toCsv([{ q: '=cmd()', n: -5, s: 'a,b' }])).toBe('q,n,s\r\n"\'=cmd()",-5,"a,b"\r\n');
  });
  it('computes recall, hit rate and NDCG at 10', () => {
    expect(rankingMetrics(['x', 'a', 'y', 'b'], new Set(['a', 'b']))).toEqual({ recall: 1, hit: 1, ndcg: expect.closeTo((1 / Math.log2(3) + 1 / Math.log2(5)) / (1 + 1 / Math.log2(3)), 6) });
    expect(rankingMetrics(['x'], new Set(['a']))).toEqual({ recall: 0, hit: 0, ndcg: 0 });
  });
});

describe('recommender', () => {
  // pasta goes with sauce; the series goes 1 → 2 → 3; c1 re-buys milk.
  const lines: HistoryLine[] = [
    ['c1', 'o1', 1, 'milk'], ['c1', 'o1', 1, 'pasta'], ['c1', 'o1', 1, 'sauce'], ['c1', 'o2', 2, 'milk'],
    ['c2', 'o3', 1, 'pasta'], ['c2', 'o3', 1, 'sauce'], ['c2', 'o4', 2, 'book-1'], ['c2', 'o5', 3, 'book-2'],
    ['c3', 'o6', 1, 'book-1'], ['c3', 'o7', 2, 'book-2'], ['c3', 'o8', 3, 'book-3'],
    ['c4', 'o9', 1, 'pasta'], ['c4', 'o9', 1, 'sauce'], ['c4', 'o9', 1, 'milk'],
  ].map(([customer, order, at, sku]) => ({ customer: String(customer), order: String(order), at: Number(at), sku: String(sku) }));
  const history = ordersByCustomer(lines);
  const model = modelFromCounts(countHistory(history));

  it('learns what is bought together, in both directions', () => {
    expect(boughtTogether(model, 'pasta', 1)[0].sku).toBe('sauce');
    expect(boughtTogether(model, 'sauce', 1)[0].sku).toBe('pasta');
  });
  it('learns the shop\'s re-buy propensity', () => {
    // later orders' items: c1 o2 milk (again); c2 book-1, book-2; c3 book-2, book-3 → 1 of 5
    expect(model.rebuy).toBeCloseTo(0.2, 6);
  });
  it('suggests what follows the last purchase, and not what the shopper already has', () => {
    const shopper = [{ key: 'x', at: 1, skus: ['book-1'] }];
    expect(recommend(model, shopper, { limit: 1, exclude: new Set(['book-1']) })[0]).toMatchObject({ sku: 'book-2', reasons: ['next'] });
  });
  it('ranks only the given candidates, every one of them', () => {
    const ranked = recommend(model, history.get('c1')!, { limit: 10, candidates: ['book-3', 'milk', 'unknown'] });
    expect(ranked.map((r) => r.sku).sort()).toEqual(['book-3', 'milk', 'unknown']);
    expect(ranked[0].sku).toBe('milk');
  });
  it('the personal-frequency baseline puts the shopper\'s most bought first, then the popular', () => {
    expect(personalFrequencyBaseline(model, history.get('c1')!, 3)).toEqual(['milk', 'pasta', 'sauce']);
  });

  it('beats both baselines on recall@10 on a small catalogue-like history (sequences, no re-buying)', () => {
    const rows = [...syntheticHistory({ shape: 'catalogue', targetLines: 4000, seed: 3 })].map((r) => ({ customer: r.customerId, order: r.orderId, at: Date.parse(r.orderedAt), sku: r.sku }));
    const e = evaluateHoldout(rows, new Date('2030-01-01T00:00:00Z'));
    expect(e.recommender.recallAt10).toBeGreaterThan(1.1 * Math.max(e.popularity.recallAt10, e.personalFrequency.recallAt10));
  });
  it('generates the same history from the same seed', () => {
    const a = [...syntheticHistory({ shape: 'grocery', targetLines: 500, seed: 9 })];
    const b = [...syntheticHistory({ shape: 'grocery', targetLines: 500, seed: 9 })];
    expect(a).toEqual(b);
    expect(a.length).toBeGreaterThanOrEqual(500);
  });
});
