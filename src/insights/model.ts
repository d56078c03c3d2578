/**
 * Pure arithmetic of insights: order-history rows, RFM scoring and segments, cohort matrices,
 * ranking metrics and CSV. No I/O here; services feed these functions rows.
 */

export const CHANNELS = ['web', 'app', 'till', 'partner'] as const;
export type Channel = (typeof CHANNELS)[number];
export const BEHAVIOUR_KINDS = ['product_view', 'search', 'cart_add', 'checkout_started'] as const;
export type BehaviourKind = (typeof BEHAVIOUR_KINDS)[number];

/** The orders domain calls the till channel `pos`; analytics speak of the till. */
export function channelOfOrder(channel: string): string {
  return channel === 'pos' ? 'till' : channel;
}

// --- order-history import rows --------------------------------------------------------------

export const ORDER_IMPORT_COLUMNS = ['customer_id', 'order_id', 'ordered_at', 'sku', 'qty', 'unit_price_minor', 'currency'] as const;

export interface HistoryRow {
  customerRef: string;
  orderRef: string;
  /** ISO 8601 in UTC. */
  orderedAt: string;
  skuCode: string;
  quantity: number;
  /** 0 = unknown price. */
  unitPriceMinor: number;
  currency: string;
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}(:?\d{2})?)?$/i;
// biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters in references is the point
const REF = /^[^\u0000-\u001f]{1,200}$/;
const INTEGER = /^\d{1,15}$/;

/**
 * One CSV record of an order history. A date reads as 00:00 UTC; a timestamp without an
 * offset is read as UTC too (exports rarely say, and a fixed rule beats guessing the zone).
 */
export function parseHistoryRow(fields: string[]): { row: HistoryRow } | { reasons: string[] } {
  const reasons: string[] = [];
  if (fields.length !== ORDER_IMPORT_COLUMNS.length) return { reasons: [`expected ${ORDER_IMPORT_COLUMNS.length} columns, found ${fields.length}`] };
  const [customerRef, orderRef, orderedAtRaw, skuCode, qtyRaw, priceRaw, currencyRaw] = fields.map((f) => f.trim());
  if (!REF.test(customerRef)) reasons.push('customer_id is missing or too long');
  if (!REF.test(orderRef)) reasons.push('order_id is missing or too long');
  if (!REF.test(skuCode) || skuCode.length > 64) reasons.push('sku is missing or longer than 64 characters');
  let orderedAt = '';
  if (DATE_ONLY.test(orderedAtRaw) || TIMESTAMP.test(orderedAtRaw)) {
    const hasZone = /(Z|[+-]\d{2}(:?\d{2})?)$/i.test(orderedAtRaw) && !DATE_ONLY.test(orderedAtRaw);
    const text = DATE_ONLY.test(orderedAtRaw) ? `${orderedAtRaw}T00:00:00Z` : `${orderedAtRaw.replace(' ', 'T')}${hasZone ? '' : 'Z'}`;
    const ms = Date.parse(text);
    if (Number.isNaN(ms) || !sameCalendarDate(orderedAtRaw, ms)) reasons.push(`ordered_at ${orderedAtRaw} is not a real date`);
    else orderedAt = new Date(ms).toISOString();
  } else reasons.push(`ordered_at ${orderedAtRaw || '(empty)'} is not an ISO date or timestamp`);
  const quantity = INTEGER.test(qtyRaw) ? Number(qtyRaw) : NaN;
  if (!(quantity >= 1 && quantity <= 1_000_000)) reasons.push(`qty ${qtyRaw || '(empty)'} is not a whole number from 1 to 1000000`);
  const unitPriceMinor = INTEGER.test(priceRaw) ? Number(priceRaw) : NaN;
  if (!(unitPriceMinor >= 0)) reasons.push(`unit_price_minor ${priceRaw || '(empty)'} is not a whole number of minor units ≥ 0`);
  const currency = currencyRaw.toUpperCase();
  if (!/^[A-Z]{3}$/.test(currency)) reasons.push(`currency ${currencyRaw || '(empty)'} is not an ISO 4217 code`);
  if (reasons.length) return { reasons };
  return { row: { customerRef, orderRef, orderedAt, skuCode, quantity, unitPriceMinor, currency } };
}

/** Date.parse rolls 2024-02-30 over to March; a real date keeps its own day. */
function sameCalendarDate(raw: string, ms: number): boolean {
  const zoned = /(Z|[+-]\d{2}(:?\d{2})?)$/i.test(raw.slice(10));
  return zoned || new Date(ms).toISOString().slice(0, 10) === raw.slice(0, 10);
}

// --- money ---------------------------------------------------------------------------------

/** a / b rounded half to even; for averages of minor units. */
export function divideHalfEven(a: number, b: number): number {
  if (b === 0) return 0;
  const q = Math.floor(a / b);
  const r = a - q * b;
  if (2 * r > b) return q + 1;
  if (2 * r < b) return q;
  return q % 2 === 0 ? q : q + 1;
}

// --- RFM -----------------------------------------------------------------------------------

export interface CustomerHistory { accountId: string; lastOrderAt: Date; orders: number; spendMinor: number }
export interface RfmRow { accountId: string; recencyDays: number; frequency: number; monetaryMinor: number; r: number; f: number; m: number; segment: RfmSegment }
export const RFM_SEGMENTS = ['champions', 'loyal', 'potential_loyalists', 'new', 'at_risk', 'cant_lose', 'hibernating', 'lost'] as const;
export type RfmSegment = (typeof RFM_SEGMENTS)[number];

const DAY_MS = 86_400_000;

/** Whole days from the last order to the as-of date (a purchase on the as-of day is 0). */
export function recencyDays(lastOrderAt: Date, asOf: Date): number {
  return Math.max(0, Math.floor((asOf.getTime() - lastOrderAt.getTime()) / DAY_MS));
}

/**
 * Scores 1–5 by rank (quintiles; ties share the better score) and names the segment from
 * recency and frequency, the two that predict a next purchase best.
 */
export function scoreRfm(customers: CustomerHistory[], asOf: Date): RfmRow[] {
  const rows = customers.map((c) => ({ ...c, recency: recencyDays(c.lastOrderAt, asOf) }));
  const quintile = (values: number[], higherIsBetter: boolean) => {
    const sorted = [...values].sort((a, b) => (higherIsBetter ? a - b : b - a));
    return (v: number) => {
      // share of customers strictly worse than v
      let lo = 0, hi = sorted.length;
      while (lo < hi) { const mid = (lo + hi) >> 1; if (higherIsBetter ? sorted[mid] < v : sorted[mid] > v) lo = mid + 1; else hi = mid; }
      return Math.min(5, 1 + Math.floor((5 * lo) / Math.max(1, sorted.length)));
    };
  };
  const rScore = quintile(rows.map((r) => r.recency), false);
  const fScore = quintile(rows.map((r) => r.orders), true);
  const mScore = quintile(rows.map((r) => r.spendMinor), true);
  return rows.map((c) => {
    const r = rScore(c.recency), f = fScore(c.orders), m = mScore(c.spendMinor);
    return { accountId: c.accountId, recencyDays: c.recency, frequency: c.orders, monetaryMinor: c.spendMinor, r, f, m, segment: rfmSegment(r, f, c.orders) };
  });
}

export function rfmSegment(r: number, f: number, orders: number): RfmSegment {
  if (r >= 4 && f >= 4) return 'champions';
  if (r >= 4 && orders === 1) return 'new';
  if (r >= 3 && f >= 3) return 'loyal';
  if (r >= 3) return 'potential_loyalists';
  if (f >= 4) return r === 1 ? 'cant_lose' : 'at_risk';
  if (f >= 2 && r === 2) return 'at_risk';
  return r === 2 ? 'hibernating' : 'lost';
}

// --- cohorts -------------------------------------------------------------------------------

export function monthOf(d: Date): string {
  return d.toISOString().slice(0, 7);
}

export function monthsBetween(from: string, to: string): number {
  const [fy, fm] = from.split('-').map(Number);
  const [ty, tm] = to.split('-').map(Number);
  return (ty - fy) * 12 + (tm - fm);
}

export interface CohortRow { cohort: string; customers: number; retained: number[]; retention: number[] }

/**
 * Customers grouped by the month of their first purchase; `retained[k]` is how many of them
 * bought in the k-th month after it (k = 0 is the first month itself, always all of them).
 */
export function cohortMatrix(orders: Array<{ accountId: string; placedAt: Date }>, asOf: Date, fromMonth?: string, beforeMonth?: string): CohortRow[] {
  const first = new Map<string, string>();
  const active = new Map<string, Set<string>>();
  for (const o of [...orders].sort((a, b) => a.placedAt.getTime() - b.placedAt.getTime())) {
    if (o.placedAt > asOf) continue;
    const month = monthOf(o.placedAt);
    if (!first.has(o.accountId)) first.set(o.accountId, month);
    const key = o.accountId;
    if (!active.has(key)) active.set(key, new Set());
    active.get(key)!.add(month);
  }
  const last = monthOf(asOf);
  const cohorts = new Map<string, string[]>();
  for (const [account, month] of first) {
    if ((fromMonth && month < fromMonth) || (beforeMonth && month >= beforeMonth)) continue;
    if (!cohorts.has(month)) cohorts.set(month, []);
    cohorts.get(month)!.push(account);
  }
  return [...cohorts.keys()].sort().map((cohort) => {
    const members = cohorts.get(cohort)!;
    const width = monthsBetween(cohort, last) + 1;
    const retained = Array.from({ length: width }, () => 0);
    for (const account of members) {
      for (const month of active.get(account)!) {
        const k = monthsBetween(cohort, month);
        if (k >= 0 && k < width) retained[k]++;
      }
    }
    return { cohort, customers: members.length, retained, retention: retained.map((n) => round4(n / members.length)) };
  });
}

export function round4(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}

// --- ranking metrics -----------------------------------------------------------------------

/** recall@k, hit@k and NDCG@k (binary relevance) of one ranked list against the held-out set. */
export function rankingMetrics(ranked: string[], heldOut: Set<string>, k = 10): { recall: number; hit: number; ndcg: number } {
  if (heldOut.size === 0) return { recall: 0, hit: 0, ndcg: 0 };
  const top = ranked.slice(0, k);
  let hits = 0, dcg = 0;
  top.forEach((item, i) => {
    if (heldOut.has(item)) { hits++; dcg += 1 / Math.log2(i + 2); }
  });
  let ideal = 0;
  for (let i = 0; i < Math.min(k, heldOut.size); i++) ideal += 1 / Math.log2(i + 2);
  return { recall: hits / Math.min(k, heldOut.size), hit: hits > 0 ? 1 : 0, ndcg: ideal ? dcg / ideal : 0 };
}

// --- CSV -----------------------------------------------------------------------------------

function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = value instanceof Date ? value.toISOString() : Array.isArray(value) ? value.join(' ') : String(value);
  const formulaLike = typeof value === 'string' && /^[=+\-@]/.test(text);
  return /[",\n\r]/.test(text) || formulaLike ? `"${formulaLike ? "'" : ''}${text.replace(/"/g, '""')}"` : text;
}

/** RFC 4180 CSV of flat rows; cells that a spreadsheet would run as a formula are quoted. */
export function toCsv(rows: readonly object[], columns?: string[]): string {
  const cols = columns ?? (rows[0] ? Object.keys(rows[0]) : []);
  return [cols.join(','), ...rows.map((r) => cols.map((c) => csvCell((r as Record<string, unknown>)[c])).join(','))].join('\r\n') + '\r\n';
}
