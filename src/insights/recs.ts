import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { type Tx, withTx } from '../db/tx.js';
import { DomainError } from '../http/problem.js';
import { skuLabels, type SkuLabel } from '../catalog/index.js';
import {
  type HistoryLine, type Order, type RecsModel, type Weights, type ItemStats, type Scored, DEFAULT_WEIGHTS, boughtTogether, countHistory, modelFromCounts,
  ordersByCustomer, recommend, tuneWeights,
} from './recommender.js';
import { evaluateHoldout, type Evaluation } from './evaluation.js';
import './errors.js';

/** Paid order lines up to `asOf`, from every channel and the imported history. */
export async function loadHistory(db: Tx, asOf: Date): Promise<HistoryLine[]> {
  const { rows } = await db.execute(sql`
    select l.account_id, l.order_key, extract(epoch from l.placed_at) * 1000 as at, l.sku_id
    from insights_order_lines l join insights_orders o on o.order_key = l.order_key
    where o.status = 'paid' and l.account_id is not null and l.placed_at <= ${asOf.toISOString()}`);
  return rows.map((r) => ({ customer: String(r.account_id), order: String(r.order_key), at: Number(r.at), sku: String(r.sku_id) }));
}

export interface TrainingRun { asOf: string; orderLines: number; customers: number; skus: number; pairs: number; rebuyPropensity: number; weights: Weights; seconds: number }

/** `mercato recs train`: counts every paid order up to `asOf`, tunes the weights, replaces the stored model. */
export async function trainRecommender(db: Db, asOf = new Date()): Promise<TrainingRun> {
  const started = performance.now();
  const lines = await loadHistory(db, asOf);
  const history = ordersByCustomer(lines);
  const counts = countHistory(history);
  const weights = tuneWeights(history);
  const model = modelFromCounts(counts, weights);
  const pairRows: Array<[string, string, number]> = [];
  for (const [sku, row] of model.pairs) for (const [other, n] of row) pairRows.push([sku, other, n]);
  const nextRows: Array<[string, string, number]> = [];
  for (const [sku, row] of model.next) for (const [other, n] of row) nextRows.push([sku, other, n]);
  await withTx(db, async (tx) => {
    await tx.execute(sql`delete from insights_item_stats`);
    await tx.execute(sql`delete from insights_item_pairs`);
    await tx.execute(sql`delete from insights_item_next`);
    const stats = [...counts.stats.entries()].map(([sku, s]) => ({ s: sku, o: s.orders, c: s.customers, e: s.eligible, r: s.repeaters }));
    for (let i = 0; i < stats.length; i += 20_000) {
      await tx.execute(sql`insert into insights_item_stats (sku_id, orders, customers, eligible, repeaters)
        select s, o, c, e, r from jsonb_to_recordset(${JSON.stringify(stats.slice(i, i + 20_000))}::jsonb) as x(s uuid, o int, c int, e int, r int)`);
    }
    for (const [table, rows] of [['insights_item_pairs', pairRows], ['insights_item_next', nextRows]] as const) {
      const columns = table === 'insights_item_pairs' ? sql.raw('sku_id, other_sku_id, together') : sql.raw('sku_id, next_sku_id, followed');
      for (let i = 0; i < rows.length; i += 20_000) {
        await tx.execute(sql`insert into ${sql.raw(table)} (${columns})
          select (x->>0)::uuid, (x->>1)::uuid, (x->>2)::int from jsonb_array_elements(${JSON.stringify(rows.slice(i, i + 20_000))}::jsonb) as x`);
      }
    }
    await tx.execute(sql`insert into insights_model_runs (kind, as_of, order_lines, customers, rebuy, weights, seconds)
      values ('full', ${asOf.toISOString()}, ${lines.length}, ${counts.customers}, ${counts.rebuy}, ${JSON.stringify(weights)}::jsonb, ${(performance.now() - started) / 1000})`);
  });
  return {
    asOf: asOf.toISOString(), orderLines: lines.length, customers: counts.customers, skus: counts.stats.size, pairs: pairRows.length,
    rebuyPropensity: Math.round(counts.rebuy * 10_000) / 10_000, weights, seconds: Math.round(performance.now() - started) / 1000,
  };
}

/**
 * Incremental update: newly paid orders add to the stored counts (items, pairs within the
 * basket, succession from the customer's previous order) in a few set-based statements.
 * Repeat propensities and weights are refreshed by the next full training.
 */
export async function addOrdersToModel(tx: Tx, orderKeys: string[]): Promise<void> {
  if (orderKeys.length === 0) return;
  const keys = JSON.stringify(orderKeys);
  await tx.execute(sql`
    create temporary table if not exists model_items (order_key text, account_id uuid, placed_at timestamptz, sku_id uuid) on commit drop`);
  await tx.execute(sql`delete from model_items`);
  await tx.execute(sql`
    insert into model_items select distinct l.order_key, l.account_id, l.placed_at, l.sku_id
    from insights_order_lines l where l.order_key in (select k->>0 from jsonb_array_elements(${keys}::jsonb) as k)`);
  await tx.execute(sql`
    insert into insights_item_stats (sku_id, orders, customers)
    select i.sku_id, count(*), count(*) filter (where i.account_id is null or not exists (
      select 1 from insights_orders o join insights_order_lines p on p.order_key = o.order_key
      where o.account_id = i.account_id and o.status = 'paid' and o.order_key <> i.order_key and p.sku_id = i.sku_id))
    from model_items i group by i.sku_id
    on conflict (sku_id) do update set orders = insights_item_stats.orders + excluded.orders, customers = insights_item_stats.customers + excluded.customers`);
  await tx.execute(sql`
    insert into insights_item_pairs (sku_id, other_sku_id, together)
    select a.sku_id, b.sku_id, count(*) from model_items a join model_items b on a.order_key = b.order_key and a.sku_id <> b.sku_id
    group by a.sku_id, b.sku_id
    on conflict (sku_id, other_sku_id) do update set together = insights_item_pairs.together + excluded.together`);
  await tx.execute(sql`
    insert into insights_item_next (sku_id, next_sku_id, followed)
    select p.sku_id, i.sku_id, count(*)
    from (select distinct order_key, account_id, placed_at from model_items where account_id is not null) n
    cross join lateral (
      select o.order_key from insights_orders o
      where o.account_id = n.account_id and o.status = 'paid' and o.placed_at < n.placed_at order by o.placed_at desc limit 1
    ) prev
    join insights_order_lines p on p.order_key = prev.order_key
    join model_items i on i.order_key = n.order_key and i.sku_id <> p.sku_id
    group by p.sku_id, i.sku_id
    on conflict (sku_id, next_sku_id) do update set followed = insights_item_next.followed + excluded.followed`);
  await tx.execute(sql`insert into insights_model_runs (kind, as_of, order_lines, seconds) values ('incremental', now(), ${orderKeys.length}, 0)`);
}

/** The stored model, as serving needs it. */
export async function loadModel(db: Tx): Promise<RecsModel & { version: number }> {
  const { rows: runs } = await db.execute(sql`
    select (select max(id) from insights_model_runs) as version, customers, rebuy, weights
    from insights_model_runs where kind = 'full' order by id desc limit 1`);
  const { rows: stats } = await db.execute(sql`select sku_id, orders, customers, eligible, repeaters from insights_item_stats`);
  const { rows: pairs } = await db.execute(sql`select sku_id, other_sku_id, together from insights_item_pairs`);
  const { rows: next } = await db.execute(sql`select sku_id, next_sku_id, followed from insights_item_next`);
  const statMap = new Map<string, ItemStats>(stats.map((r) => [String(r.sku_id), { orders: Number(r.orders), customers: Number(r.customers), eligible: Number(r.eligible), repeaters: Number(r.repeaters) }]));
  const group = (rows: Array<Record<string, any>>, a: string, b: string, n: string) => {
    const m = new Map<string, Map<string, number>>();
    for (const r of rows) {
      let row = m.get(String(r[a]));
      if (!row) m.set(String(r[a]), (row = new Map()));
      row.set(String(r[b]), Number(r[n]));
    }
    return m;
  };
  const run = runs[0];
  const weights: Weights = { ...DEFAULT_WEIGHTS, ...(run?.weights ? (typeof run.weights === 'string' ? JSON.parse(run.weights) : run.weights) as Partial<Weights> : {}) };
  const model = modelFromCounts({
    stats: statMap, pairs: group(pairs, 'sku_id', 'other_sku_id', 'together'), next: group(next, 'sku_id', 'next_sku_id', 'followed'),
    customers: Number(run?.customers ?? 0), rebuy: Number(run?.rebuy ?? 0),
  }, weights);
  const { rows: [v] } = await db.execute(sql`select coalesce(max(id), 0) as version from insights_model_runs`);
  return { ...model, version: Number(v.version) };
}

/**
 * The model held in memory for serving (a request must not read 100k rows). It is reloaded
 * in the background when a newer training or incremental update is stored, at most every
 * `refreshMs`.
 */
export function modelCache(db: Db, refreshMs = 30_000) {
  let current: (RecsModel & { version: number }) | null = null;
  let loading: Promise<RecsModel & { version: number }> | null = null;
  let checkedAt = 0;
  const load = () => (loading ??= loadModel(db).then((m) => { current = m; checkedAt = Date.now(); return m; }).finally(() => { loading = null; }));
  return {
    async get(): Promise<RecsModel> {
      if (!current) return load();
      if (Date.now() - checkedAt > refreshMs) {
        checkedAt = Date.now();
        void db.execute(sql`select coalesce(max(id), 0) as version from insights_model_runs`).then(({ rows }) => {
          if (Number(rows[0].version) !== current?.version) void load();
        }).catch(() => {});
      }
      return current;
    },
    /** Loads the stored model now (after a training in this process, and in tests). */
    reload: () => load(),
  };
}
export type ModelCache = ReturnType<typeof modelCache>;

/** A shopper by internal id, or by the external customer reference an import brought in. */
export async function resolveShopper(db: Tx, who: { accountId?: string; externalRef?: string; merchantId?: string }): Promise<string> {
  if (who.accountId) return who.accountId;
  if (who.externalRef) {
    const { rows } = await db.execute(sql`
      select account_id from insights_customer_refs where external_ref = ${who.externalRef} ${who.merchantId ? sql`and merchant_id = ${who.merchantId}` : sql``} limit 2`);
    if (rows.length === 1) return String(rows[0].account_id);
    if (rows.length > 1) throw new DomainError('insights.customer_not_found', `Reference ${who.externalRef} is used by several merchants; name the merchant`);
  }
  throw new DomainError('insights.customer_not_found', 'No shopper with that id or reference');
}

/** The shopper's last orders (oldest first) up to `asOf`. */
export async function shopperOrders(db: Tx, accountId: string, asOf: Date, lastOrders = 30): Promise<Order[]> {
  const { rows } = await db.execute(sql`
    select o.order_key, extract(epoch from o.placed_at) * 1000 as at, l.sku_id
    from (select order_key, placed_at from insights_orders where account_id = ${accountId} and status = 'paid' and placed_at <= ${asOf.toISOString()}
          order by placed_at desc limit ${lastOrders}) o
    join insights_order_lines l on l.order_key = o.order_key`);
  return ordersByCustomer(rows.map((r) => ({ customer: accountId, order: String(r.order_key), at: Number(r.at), sku: String(r.sku_id) }))).get(accountId) ?? [];
}

export type RecommendationKind = 'for_you' | 'buy_again' | 'next';

export interface Recommendation { skuId: string; skuCode: string | null; productId: string | null; title: string | null; score: number; reasons: string[] }

/**
 * What to show for a SKU (code, title), kept in memory for five minutes: a recommendation
 * request must not pay a catalogue query for labels it showed a moment ago.
 */
const LABEL_TTL_MS = 5 * 60_000;
const labelCache = new Map<string, { label: SkuLabel | null; at: number }>();

async function labelled(db: Tx, items: Array<{ sku: string; score: number; reasons: string[] }>): Promise<Recommendation[]> {
  const now = Date.now();
  const missing = items.map((i) => i.sku).filter((sku) => !((labelCache.get(sku)?.at ?? -Infinity) > now - LABEL_TTL_MS));
  if (missing.length) {
    const found = new Map((await skuLabels(db, missing)).map((l) => [l.skuId, l]));
    if (labelCache.size > 200_000) labelCache.clear();
    for (const sku of missing) labelCache.set(sku, { label: found.get(sku) ?? null, at: now });
  }
  return items.map((i) => {
    const label = labelCache.get(i.sku)?.label;
    return { skuId: i.sku, skuCode: label?.skuCode ?? null, productId: label?.productId ?? null, title: label?.title ?? null, score: i.score, reasons: i.reasons };
  });
}

/**
 * For a shopper: `for_you` (the next basket: re-buys and what goes with them), `buy_again`
 * (only what they bought before, most likely first), `next` (nothing they own; what follows
 * their recent purchases).
 */
export async function recommendationsFor(db: Tx, cache: ModelCache, accountId: string, options: { kind: RecommendationKind; limit: number; asOf: Date }): Promise<Recommendation[]> {
  const [model, orders] = await Promise.all([cache.get(), shopperOrders(db, accountId, options.asOf)]);
  const owned = new Set(orders.flatMap((o) => o.skus));
  let items: Scored[];
  if (options.kind === 'buy_again') items = recommend(model, orders, { limit: options.limit, candidates: [...owned] });
  else if (options.kind === 'next') items = recommend(model, orders, { limit: options.limit, exclude: owned });
  else items = recommend(model, orders, { limit: options.limit });
  return labelled(db, items);
}

/** Ranks the caller's candidate SKUs for a shopper (e.g. a category page, a search result). */
export async function rankForShopper(db: Tx, cache: ModelCache, accountId: string, candidates: string[], asOf: Date): Promise<Recommendation[]> {
  const [model, orders] = await Promise.all([cache.get(), shopperOrders(db, accountId, asOf)]);
  const unique = [...new Set(candidates)];
  const ranked = recommend(model, orders, { limit: unique.length, candidates: unique });
  return labelled(db, ranked);
}

export async function boughtTogetherWith(db: Tx, cache: ModelCache, skuId: string, limit: number): Promise<Recommendation[]> {
  const model = await cache.get();
  return labelled(db, boughtTogether(model, skuId, limit).map((i) => ({ ...i, score: Math.round(i.score * 1e6) / 1e6, reasons: ['bought_together'] })));
}

/** `mercato recs evaluate`: the recommender next to the popularity and personal-frequency baselines. */
export async function evaluateRecommender(db: Db, asOf: Date, options: { maxCustomers?: number } = {}): Promise<Evaluation> {
  return evaluateHoldout(await loadHistory(db, asOf), asOf, options);
}
