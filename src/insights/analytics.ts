import { sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../db/tx.js';
import { DomainError } from '../http/problem.js';
import { convertMinor, currencyExponent, listFxRates } from '../payments/index.js';
import { categorySlugs, skuLabels } from '../catalog/index.js';
import { type RfmRow, RFM_SEGMENTS, cohortMatrix, divideHalfEven, round4, scoreRfm, type CohortRow } from './model.js';
import './errors.js';

/**
 * Analytics over the insights copy of orders (live and imported). Money is summed per order in
 * its own currency, converted to the report currency at the rate recorded (in payments) for the
 * order's time, then added: exact to the minor unit for a given set of rates. Everything is as
 * of `asOf`: nothing later exists, which is what makes years-old imported history meaningful.
 */

export interface Scope {
  /** [from, to) on the order time. */
  from: Date;
  to: Date;
  asOf: Date;
  currency: string;
  /** Only this merchant's lines (a merchant's own figures). */
  merchantId?: string | null;
}

export interface OrderFact { orderKey: string; accountId: string | null; channel: string; locationId: string | null; currency: string; placedAt: Date; amountMinor: number; units: number; unpricedLines: number }

/** The end of the window: never past the as-of date. */
function until(scope: Scope): Date {
  return new Date(Math.min(scope.to.getTime(), scope.asOf.getTime()));
}

export function checkScope(scope: Scope): void {
  if (!(scope.from < scope.to)) throw new DomainError('insights.range_invalid', 'from must be before to');
}

/** Converts amounts at the rate in effect at each one's time (rates from payments). */
export async function converterTo(tx: Tx, currency: string): Promise<(amountMinor: number, from: string, at: Date) => number> {
  currencyExponent(currency);
  const rates = (await listFxRates(tx, 100_000)).sort((a, b) => b.effectiveAt.getTime() - a.effectiveAt.getTime());
  return (amountMinor, from, at) => {
    if (from === currency || amountMinor === 0) return amountMinor;
    const rate = rates.find((r) => r.effectiveAt <= at && ((r.base === from && r.quote === currency) || (r.base === currency && r.quote === from)));
    if (!rate) throw new DomainError('insights.fx_rate_missing', `No ${from}/${currency} rate in effect at ${at.toISOString()}; record one in payments or report in ${from}`, { from, to: currency });
    return convertMinor(amountMinor, rate.rate, rate.base !== from, currencyExponent(from), currencyExponent(currency));
  };
}

const merchantFilter = (merchantId?: string | null): SQL => (merchantId ? sql`and l.merchant_id = ${merchantId}` : sql``);

/** Paid orders up to `before` (only the merchant's lines when scoped), one row per order. */
export async function orderFacts(tx: Tx, before: Date, merchantId?: string | null, since?: Date): Promise<OrderFact[]> {
  const { rows } = await tx.execute(sql`
    select o.order_key, o.account_id, o.channel, o.location_id, o.currency, o.placed_at,
      sum(l.amount_minor)::bigint as amount, sum(l.quantity)::bigint as units, count(*) filter (where l.unit_price_minor is null)::int as unpriced
    from insights_orders o join insights_order_lines l on l.order_key = o.order_key
    where o.status = 'paid' and o.placed_at < ${before.toISOString()} ${since ? sql`and o.placed_at >= ${since.toISOString()}` : sql``} ${merchantFilter(merchantId)}
    group by o.order_key`);
  return rows.map((r) => ({
    orderKey: String(r.order_key), accountId: r.account_id ? String(r.account_id) : null, channel: String(r.channel), locationId: r.location_id ? String(r.location_id) : null,
    currency: String(r.currency), placedAt: new Date(r.placed_at), amountMinor: Number(r.amount), units: Number(r.units), unpricedLines: Number(r.unpriced),
  }));
}

export interface Summary {
  currency: string; from: Date; to: Date; asOf: Date;
  gmvMinor: number; refundsMinor: number; netSalesMinor: number; orders: number; customers: number; aovMinor: number; units: number;
  newCustomers: number; returningCustomers: number; repeatRate: number; ordersPerCustomer: number; unpricedLines: number;
  channels: Array<{ channel: string; orders: number; gmvMinor: number; share: number }>;
}

/** GMV, orders, customers, AOV, units, refunds, new vs returning, repeat rate, channel mix. */
export async function summary(tx: Tx, scope: Scope): Promise<Summary> {
  checkScope(scope);
  const end = until(scope);
  const convert = await converterTo(tx, scope.currency);
  const all = await orderFacts(tx, end, scope.merchantId);
  const inRange = all.filter((o) => o.placedAt >= scope.from);
  const firstOrderAt = new Map<string, Date>();
  for (const o of all) if (o.accountId && (!firstOrderAt.has(o.accountId) || o.placedAt < firstOrderAt.get(o.accountId)!)) firstOrderAt.set(o.accountId, o.placedAt);
  let gmv = 0, units = 0, unpriced = 0;
  const perCustomer = new Map<string, number>();
  const channels = new Map<string, { orders: number; gmvMinor: number }>();
  for (const o of inRange) {
    const amount = convert(o.amountMinor, o.currency, o.placedAt);
    gmv += amount;
    units += o.units;
    unpriced += o.unpricedLines;
    if (o.accountId) perCustomer.set(o.accountId, (perCustomer.get(o.accountId) ?? 0) + 1);
    const c = channels.get(o.channel) ?? { orders: 0, gmvMinor: 0 };
    c.orders++; c.gmvMinor += amount;
    channels.set(o.channel, c);
  }
  const refunds = await refundsIn(tx, scope, end);
  const refundsMinor = refunds.reduce((s, r) => s + convert(r.amountMinor, r.currency, r.refundedAt), 0);
  const customers = perCustomer.size;
  const newCustomers = [...perCustomer.keys()].filter((a) => firstOrderAt.get(a)! >= scope.from).length;
  const ordersWithCustomer = [...perCustomer.values()].reduce((s, n) => s + n, 0);
  return {
    currency: scope.currency, from: scope.from, to: scope.to, asOf: scope.asOf,
    gmvMinor: gmv, refundsMinor, netSalesMinor: gmv - refundsMinor, orders: inRange.length, customers, aovMinor: divideHalfEven(gmv, inRange.length), units,
    newCustomers, returningCustomers: customers - newCustomers,
    repeatRate: customers ? round4([...perCustomer.values()].filter((n) => n >= 2).length / customers) : 0,
    ordersPerCustomer: customers ? round4(ordersWithCustomer / customers) : 0,
    unpricedLines: unpriced,
    channels: [...channels.entries()].sort((a, b) => b[1].gmvMinor - a[1].gmvMinor || a[0].localeCompare(b[0]))
      .map(([channel, c]) => ({ channel, orders: c.orders, gmvMinor: c.gmvMinor, share: gmv ? round4(c.gmvMinor / gmv) : 0 })),
  };
}

async function refundsIn(tx: Tx, scope: Scope, end: Date): Promise<Array<{ amountMinor: number; currency: string; refundedAt: Date }>> {
  // A merchant's refunds: those recorded against its lines' orders when the refund names no merchant.
  const { rows } = await tx.execute(sql`
    select r.amount_minor, r.currency, r.refunded_at from insights_refunds r
    where r.refunded_at >= ${scope.from.toISOString()} and r.refunded_at < ${end.toISOString()}
    ${scope.merchantId ? sql`and (r.merchant_id = ${scope.merchantId} or (r.merchant_id is null and not exists (
      select 1 from insights_order_lines l where l.order_key = r.order_key and l.merchant_id <> ${scope.merchantId})))` : sql``}`);
  return rows.map((r) => ({ amountMinor: Number(r.amount_minor), currency: String(r.currency), refundedAt: new Date(r.refunded_at) }));
}

export type BreakdownBy = 'merchant' | 'store' | 'category' | 'channel';
export interface BreakdownRow { key: string | null; label: string | null; orders: number; gmvMinor: number; units: number; share: number }

/** GMV, orders and units per merchant, store, category or channel. */
export async function breakdown(tx: Tx, scope: Scope, by: BreakdownBy): Promise<BreakdownRow[]> {
  checkScope(scope);
  const end = until(scope);
  const convert = await converterTo(tx, scope.currency);
  const key = by === 'merchant' ? sql`l.merchant_id::text` : by === 'category' ? sql`l.category_id::text` : by === 'store' ? sql`o.location_id::text` : sql`o.channel`;
  const { rows } = await tx.execute(sql`
    select ${key} as key, o.order_key, o.currency, o.placed_at, sum(l.amount_minor)::bigint as amount, sum(l.quantity)::bigint as units
    from insights_orders o join insights_order_lines l on l.order_key = o.order_key
    where o.status = 'paid' and o.placed_at >= ${scope.from.toISOString()} and o.placed_at < ${end.toISOString()} ${merchantFilter(scope.merchantId)}
    group by 1, o.order_key`);
  const groups = new Map<string | null, { orders: number; gmvMinor: number; units: number }>();
  let total = 0;
  for (const r of rows) {
    const k = r.key == null ? null : String(r.key);
    const g = groups.get(k) ?? { orders: 0, gmvMinor: 0, units: 0 };
    const amount = convert(Number(r.amount), String(r.currency), new Date(r.placed_at));
    g.orders++; g.gmvMinor += amount; g.units += Number(r.units);
    total += amount;
    groups.set(k, g);
  }
  const labels = by === 'category' ? await categorySlugs(tx, [...groups.keys()].filter((k): k is string => k !== null)) : new Map<string, string>();
  return [...groups.entries()].sort((a, b) => b[1].gmvMinor - a[1].gmvMinor || String(a[0]).localeCompare(String(b[0])))
    .map(([k, g]) => ({ key: k, label: k === null ? null : (labels.get(k) ?? (by === 'channel' ? k : null)), ...g, share: total ? round4(g.gmvMinor / total) : 0 }));
}

export interface Funnel { from: Date; to: Date; viewers: number; cartAdders: number; checkoutStarters: number; buyers: number; viewToCart: number; cartToOrder: number; viewToOrder: number }

/**
 * View → cart → order, counted in shoppers (a signed-in account, else the visitor key) over
 * the window; a buyer counts at the order step when they also viewed in the window.
 */
export async function funnel(tx: Tx, scope: Scope): Promise<Funnel> {
  checkScope(scope);
  const end = until(scope);
  const { rows: [r] } = await tx.execute(sql`
    with actors as (
      select coalesce(account_id::text, 'v:' || visitor_key) as actor, kind from insights_events
      where occurred_at >= ${scope.from.toISOString()} and occurred_at < ${end.toISOString()} and (account_id is not null or visitor_key is not null)
        ${scope.merchantId ? sql`and merchant_id = ${scope.merchantId}` : sql``}
    ), viewers as (select distinct actor from actors where kind = 'product_view'),
    adders as (select distinct actor from actors where kind = 'cart_add'),
    starters as (select distinct actor from actors where kind = 'checkout_started'),
    buyers as (
      select distinct o.account_id::text as actor from insights_orders o join insights_order_lines l on l.order_key = o.order_key
      where o.status = 'paid' and o.account_id is not null and o.placed_at >= ${scope.from.toISOString()} and o.placed_at < ${end.toISOString()} ${merchantFilter(scope.merchantId)}
    )
    select (select count(*) from viewers)::int as viewers,
      (select count(*) from adders a where a.actor in (select actor from viewers))::int as adders,
      (select count(*) from starters s where s.actor in (select actor from viewers))::int as starters,
      (select count(*) from buyers b where b.actor in (select actor from viewers))::int as buyers`);
  const viewers = Number(r.viewers), cartAdders = Number(r.adders), buyers = Number(r.buyers);
  return {
    from: scope.from, to: scope.to, viewers, cartAdders, checkoutStarters: Number(r.starters), buyers,
    viewToCart: viewers ? round4(cartAdders / viewers) : 0, cartToOrder: cartAdders ? round4(buyers / cartAdders) : 0, viewToOrder: viewers ? round4(buyers / viewers) : 0,
  };
}

/**
 * Cohorts of customers whose first purchase fell in a month of [from, to), with how many of
 * them bought in each later month up to `asOf`.
 */
export async function cohorts(tx: Tx, scope: Scope): Promise<CohortRow[]> {
  checkScope(scope);
  const facts = await orderFacts(tx, scope.asOf, scope.merchantId);
  const lastMonth = new Date(until(scope).getTime() - 1).toISOString().slice(0, 7);
  const before = `${lastMonth}~`; // every month up to and including the window's last one
  return cohortMatrix(facts.filter((o) => o.accountId).map((o) => ({ accountId: o.accountId!, placedAt: o.placedAt })), scope.asOf, scope.from.toISOString().slice(0, 7), before);
}

export interface RfmReport { asOf: Date; currency: string; customers: number; segments: Array<{ segment: string; customers: number; monetaryMinor: number }>; rows: RfmRow[] }

/** RFM per customer over all orders up to the as-of date, with segment totals. */
export async function rfm(tx: Tx, scope: Omit<Scope, 'from' | 'to'> & { limit?: number; segment?: string }): Promise<RfmReport> {
  const convert = await converterTo(tx, scope.currency);
  const facts = await orderFacts(tx, new Date(scope.asOf.getTime() + 1), scope.merchantId);
  const byCustomer = new Map<string, { accountId: string; lastOrderAt: Date; orders: number; spendMinor: number }>();
  for (const o of facts) {
    if (!o.accountId) continue;
    const c = byCustomer.get(o.accountId) ?? { accountId: o.accountId, lastOrderAt: o.placedAt, orders: 0, spendMinor: 0 };
    c.orders++;
    c.spendMinor += convert(o.amountMinor, o.currency, o.placedAt);
    if (o.placedAt > c.lastOrderAt) c.lastOrderAt = o.placedAt;
    byCustomer.set(o.accountId, c);
  }
  const scored = scoreRfm([...byCustomer.values()], scope.asOf).sort((a, b) => b.monetaryMinor - a.monetaryMinor || a.accountId.localeCompare(b.accountId));
  const segments = RFM_SEGMENTS.map((segment) => {
    const members = scored.filter((r) => r.segment === segment);
    return { segment, customers: members.length, monetaryMinor: members.reduce((s, r) => s + r.monetaryMinor, 0) };
  });
  const rows = scope.segment ? scored.filter((r) => r.segment === scope.segment) : scored;
  return { asOf: scope.asOf, currency: scope.currency, customers: scored.length, segments, rows: rows.slice(0, scope.limit ?? rows.length) };
}

export interface TopProduct { skuId: string; skuCode: string | null; title: string | null; orders: number; units: number; gmvMinor: number }

export async function topProducts(tx: Tx, scope: Scope, limit: number): Promise<TopProduct[]> {
  checkScope(scope);
  const convert = await converterTo(tx, scope.currency);
  const { rows } = await tx.execute(sql`
    select l.sku_id, o.currency, o.placed_at, count(distinct o.order_key)::int as orders, sum(l.quantity)::bigint as units, sum(l.amount_minor)::bigint as amount
    from insights_orders o join insights_order_lines l on l.order_key = o.order_key
    where o.status = 'paid' and o.placed_at >= ${scope.from.toISOString()} and o.placed_at < ${until(scope).toISOString()} ${merchantFilter(scope.merchantId)}
    group by l.sku_id, o.currency, o.placed_at, o.order_key`);
  const bySku = new Map<string, { orders: number; units: number; gmvMinor: number }>();
  for (const r of rows) {
    const s = bySku.get(String(r.sku_id)) ?? { orders: 0, units: 0, gmvMinor: 0 };
    s.orders += Number(r.orders); s.units += Number(r.units);
    s.gmvMinor += convert(Number(r.amount), String(r.currency), new Date(r.placed_at));
    bySku.set(String(r.sku_id), s);
  }
  const top = [...bySku.entries()].sort((a, b) => b[1].units - a[1].units || b[1].gmvMinor - a[1].gmvMinor || a[0].localeCompare(b[0])).slice(0, limit);
  const labels = new Map((await skuLabels(tx, top.map(([sku]) => sku))).map((l) => [l.skuId, l]));
  return top.map(([skuId, s]) => ({ skuId, skuCode: labels.get(skuId)?.skuCode ?? null, title: labels.get(skuId)?.title ?? null, ...s }));
}

export async function zeroResultSearches(tx: Tx, scope: Scope, limit: number): Promise<Array<{ query: string; searches: number; lastSearchedAt: Date }>> {
  checkScope(scope);
  const { rows } = await tx.execute(sql`
    select lower(btrim(query)) as query, count(*)::int as searches, max(occurred_at) as last_at from insights_events
    where kind = 'search' and result_count = 0 and query is not null and occurred_at >= ${scope.from.toISOString()} and occurred_at < ${until(scope).toISOString()}
    group by 1 order by 2 desc, 1 limit ${limit}`);
  return rows.map((r) => ({ query: String(r.query), searches: Number(r.searches), lastSearchedAt: new Date(r.last_at) }));
}
