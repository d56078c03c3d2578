/**
 * The recommender, pure: built from order lines, queried with a shopper's history. No I/O, so
 * the same code trains in `mercato recs train`, serves requests and runs the offline evaluation.
 *
 * Model: counts learned from every channel's paid orders —
 *   - item popularity (customers who bought it),
 *   - co-purchase ("bought together": two SKUs in one basket),
 *   - succession ("next": a SKU in a customer's order followed by another in their next order),
 *   - the shop's re-buy propensity R: the share of items in a customer's later orders that they
 *     had bought before (high for groceries, near 0 for books or electronics).
 * A shopper's score for a SKU mixes their recency-weighted re-buy share (weight R) with
 * what goes with their recent baskets and what tends to follow their last order (weight 1 − R),
 * plus a little popularity to break ties. R is learned, not set, so the same code serves a
 * grocer and a bookseller.
 */

export interface HistoryLine { customer: string; order: string; at: number; sku: string }
export interface Order { key: string; at: number; skus: string[] }

export interface RecsModel {
  customers: number;
  rebuy: number;
  popularity: string[];
  /** Position of each SKU in `popularity`. */
  rank: Map<string, number>;
  stats: Map<string, ItemStats>;
  pairs: Map<string, Array<[string, number]>>;
  next: Map<string, Array<[string, number]>>;
  weights: Weights;
}

/**
 * Per SKU: orders and customers that bought it; `eligible` customers bought it and ordered
 * again afterwards, `repeaters` of them bought it again (milk yes, a toaster no).
 */
export interface ItemStats { orders: number; customers: number; eligible: number; repeaters: number }

export interface RecsCounts {
  stats: Map<string, ItemStats>;
  pairs: Map<string, Map<string, number>>;
  next: Map<string, Map<string, number>>;
  customers: number;
  rebuy: number;
}

const MAX_BASKET = 40;
const NEIGHBOURS = 50;

/** Orders per customer, oldest first, from lines in any order. */
export function ordersByCustomer(lines: Iterable<HistoryLine>): Map<string, Order[]> {
  const orders = new Map<string, Map<string, Order>>();
  for (const l of lines) {
    let mine = orders.get(l.customer);
    if (!mine) orders.set(l.customer, (mine = new Map()));
    let order = mine.get(l.order);
    if (!order) mine.set(l.order, (order = { key: l.order, at: l.at, skus: [] }));
    if (!order.skus.includes(l.sku)) order.skus.push(l.sku);
  }
  const result = new Map<string, Order[]>();
  for (const [customer, mine] of orders) result.set(customer, [...mine.values()].sort((a, b) => a.at - b.at || (a.key < b.key ? -1 : 1)));
  return result;
}


/** Counts from every customer's orders (the full training). */
export function countHistory(history: Map<string, Order[]>): RecsCounts {
  const stats = new Map<string, ItemStats>();
  // SKUs as small integers and one small map per SKU: millions of pairs stay cheap to count
  // (one huge map, or string keys, made counting 30× slower at 500,000 lines).
  const ids = new Map<string, number>();
  const names: string[] = [];
  const pairCounts: Array<Map<number, number>> = [];
  const nextCounts: Array<Map<number, number>> = [];
  const idOf = (sku: string) => {
    let id = ids.get(sku);
    if (id === undefined) { id = names.length; ids.set(sku, id); names.push(sku); pairCounts.push(new Map()); nextCounts.push(new Map()); }
    return id;
  };
  const add = (m: Array<Map<number, number>>, a: number, b: number) => { const row = m[a]; row.set(b, (row.get(b) ?? 0) + 1); };
  let laterItems = 0, rebought = 0;
  for (const orders of history.values()) {
    const seen = new Set<string>();
    const firstAt = new Map<string, number>();
    const again = new Set<string>();
    orders.forEach((order, t) => {
      const basket = order.skus.slice(0, MAX_BASKET).map(idOf);
      for (const sku of order.skus) {
        let s = stats.get(sku);
        if (!s) stats.set(sku, (s = { orders: 0, customers: 0, eligible: 0, repeaters: 0 }));
        s.orders++;
        if (!seen.has(sku)) { s.customers++; firstAt.set(sku, t); } else again.add(sku);
      }
      for (const a of basket) for (const b of basket) if (a !== b) add(pairCounts, a, b);
      if (t > 0) {
        const previous = orders[t - 1].skus.slice(0, 20).map(idOf);
        for (const a of previous) for (const b of basket.slice(0, 20)) if (a !== b) add(nextCounts, a, b);
        for (const sku of order.skus) { laterItems++; if (seen.has(sku)) rebought++; }
      }
      for (const sku of order.skus) seen.add(sku);
    });
    for (const [sku, t] of firstAt) {
      if (t < orders.length - 1) {
        const s = stats.get(sku)!;
        s.eligible++;
        if (again.has(sku)) s.repeaters++;
      }
    }
  }
  const unpack = (m: Array<Map<number, number>>) => {
    const out = new Map<string, Map<string, number>>();
    // Only the strongest neighbours are ever used (and stored): keep those.
    m.forEach((row, a) => {
      if (row.size) out.set(names[a], new Map([...row].sort((x, y) => y[1] - x[1] || (names[x[0]] < names[y[0]] ? -1 : 1)).slice(0, NEIGHBOURS).map(([b, n]) => [names[b], n])));
    });
    return out;
  };
  const pairs = unpack(pairCounts), next = unpack(nextCounts);
  return { stats, pairs, next, customers: history.size, rebuy: laterItems ? rebought / laterItems : 0 };
}

/** Keeps the strongest neighbours of each SKU and ranks popularity: what serving needs. */
export function modelFromCounts(counts: RecsCounts, weights: Weights = DEFAULT_WEIGHTS): RecsModel {
  const top = (m: Map<string, Map<string, number>>) => {
    const out = new Map<string, Array<[string, number]>>();
    for (const [sku, row] of m) out.set(sku, [...row.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, NEIGHBOURS));
    return out;
  };
  const popularity = [...counts.stats.entries()].sort((a, b) => b[1].customers - a[1].customers || b[1].orders - a[1].orders || (a[0] < b[0] ? -1 : 1)).map(([sku]) => sku);
  return { customers: counts.customers, rebuy: counts.rebuy, popularity, rank: new Map(popularity.map((sku, i) => [sku, i])), stats: counts.stats, pairs: top(counts.pairs), next: top(counts.next), weights };
}

/** Counts, then mixing weights tuned on a validation split of the same history. */
export function trainModel(history: Map<string, Order[]>): RecsModel {
  return modelFromCounts(countHistory(history), tuneWeights(history));
}

export interface Scored { sku: string; score: number; reasons: Array<'buy_again' | 'bought_together' | 'next' | 'popular'> }

/** How the signals mix; learned per shop by `tuneWeights` on a validation split. */
export interface Weights {
  /** Each order back weighs this much less in the shopper's own history. */
  decay: number;
  together: number;
  follows: number;
  popular: number;
  /**
   * How many buyers' worth of the shop-wide re-buy rate a SKU's own rate is blended with: high
   * when per-SKU rates are noise, low when goods really differ (milk and toasters).
   */
  repeatPrior: number;
  /** 0: never recommend what the shopper already has (bookshop); 1: treat it like anything else. */
  owned: number;
}

export const DEFAULT_WEIGHTS: Weights = { decay: 0.75, together: 0.2, follows: 0.3, popular: 0.01, repeatPrior: 5, owned: 1 };

interface Signals { skus: string[]; personal: Float64Array; together: Float64Array; follows: Float64Array; popular: Float64Array; owned: Uint8Array }

/** The shopper's signals for every candidate SKU, each scaled to at most 1. */
function signals(model: RecsModel, orders: Order[], decay: number, candidates?: string[], prior = model.weights.repeatPrior): Signals {
  const personal = new Map<string, number>();
  const together = new Map<string, number>();
  const follows = new Map<string, number>();
  let weightSum = 0;
  const recent = orders.slice(-30);
  recent.forEach((order, index) => {
    const w = decay ** (recent.length - 1 - index);
    weightSum += w;
    for (const sku of order.skus) personal.set(sku, (personal.get(sku) ?? 0) + w);
  });
  // What goes with the shopper's recent baskets (cosine-normalised co-purchase).
  for (const [sku, w] of personal) {
    const nSku = model.stats.get(sku)?.orders ?? 1;
    for (const [other, count] of model.pairs.get(sku) ?? []) {
      const nOther = model.stats.get(other)?.orders ?? 1;
      together.set(other, (together.get(other) ?? 0) + (w / weightSum) * (count / Math.sqrt(nSku * nOther)));
    }
  }
  // What tends to follow the last order (conditional frequency).
  for (const sku of recent[recent.length - 1]?.skus ?? []) {
    const nSku = model.stats.get(sku)?.orders ?? 1;
    for (const [other, count] of model.next.get(sku) ?? []) follows.set(other, (follows.get(other) ?? 0) + count / nSku);
  }
  const skus = candidates ?? [...new Set([...personal.keys(), ...together.keys(), ...follows.keys(), ...model.popularity.slice(0, 100)])];
  const maxT = Math.max(1e-12, ...together.values()), maxF = Math.max(1e-12, ...follows.values());
  const n = skus.length;
  const out: Signals = { skus, personal: new Float64Array(n), together: new Float64Array(n), follows: new Float64Array(n), popular: new Float64Array(n), owned: new Uint8Array(n) };
  skus.forEach((sku, i) => {
    out.personal[i] = ((personal.get(sku) ?? 0) / (weightSum || 1)) * repeatPropensity(model, sku, prior);
    out.together[i] = (together.get(sku) ?? 0) / maxT;
    out.follows[i] = (follows.get(sku) ?? 0) / maxF;
    const rank = model.rank.get(sku) ?? Infinity;
    out.popular[i] = rank < 100 ? (100 - rank) / 100 : 0;
    out.owned[i] = personal.has(sku) ? 1 : 0;
  });
  return out;
}

/** Smoothed share of a SKU's buyers who bought it again (towards the shop-wide rate). */
export function repeatPropensity(model: RecsModel, sku: string, prior = model.weights.repeatPrior): number {
  const s = model.stats.get(sku);
  return ((s?.repeaters ?? 0) + prior * model.rebuy) / ((s?.eligible ?? 0) + prior);
}

function combine(s: Signals, w: Weights, i: number): number {
  const discovery = w.together * s.together[i] + w.follows * s.follows[i] + w.popular * s.popular[i];
  return s.personal[i] + (s.owned[i] ? w.owned * discovery : discovery);
}

/** The `limit` best candidates, best first (ties by SKU), kept in a small sorted array: no full sort. */
function topOf(s: Signals, w: Weights, limit: number, exclude?: Set<string>): number[] {
  const top: number[] = [];
  const scoreOf: number[] = [];
  const better = (score: number, i: number, j: number) => score > scoreOf[j] || (score === scoreOf[j] && s.skus[i] < s.skus[top[j]]);
  for (let i = 0; i < s.skus.length; i++) {
    if (s.owned[i] && w.owned === 0) continue;
    if (exclude?.has(s.skus[i])) continue;
    const score = combine(s, w, i);
    if (top.length === limit && !better(score, i, limit - 1)) continue;
    let at = Math.min(top.length, limit - 1);
    if (top.length < limit) { top.push(i); scoreOf.push(score); }
    while (at > 0 && better(score, i, at - 1)) { top[at] = top[at - 1]; scoreOf[at] = scoreOf[at - 1]; at--; }
    top[at] = i;
    scoreOf[at] = score;
  }
  return top;
}

/**
 * Ranks SKUs for a shopper from their orders (oldest first). With `candidates`, only those
 * are scored (the POST ranking); otherwise candidates come from the shopper's history, the
 * neighbours of what they bought and the popular items.
 */
export function recommend(model: RecsModel, orders: Order[], options: { limit: number; candidates?: string[]; exclude?: Set<string> }): Scored[] {
  const w = model.weights;
  const s = signals(model, orders, w.decay, options.candidates);
  const ranked = options.candidates ? topOf(s, { ...w, owned: Math.max(w.owned, 1e-6) }, options.limit, options.exclude) : topOf(s, w, options.limit, options.exclude);
  return ranked.map((i) => {
    const reasons: Scored['reasons'] = [];
    if (s.owned[i]) reasons.push('buy_again');
    if (s.together[i] > 0) reasons.push('bought_together');
    if (s.follows[i] > 0) reasons.push('next');
    if (reasons.length === 0) reasons.push('popular');
    return { sku: s.skus[i], score: Math.round(combine(s, w, i) * 1e6) / 1e6, reasons };
  });
}

const GRID = {
  decay: [0.6, 0.8, 0.95],
  repeatPrior: [5, 50, 500],
  together: [0, 0.05, 0.15, 0.4, 1],
  follows: [0, 0.2, 1],
  owned: [0, 1],
};

/**
 * Picks the mixing weights that give the best recall@10 on a validation split: each
 * customer's last order in `history` (at most `sample` customers with 3+ orders) is predicted
 * by a model counted without those orders. The shop's own data decides, not the generator.
 */
export function tuneWeights(history: Map<string, Order[]>, sample = 500): Weights {
  const fitting = new Map<string, Order[]>();
  const targets: Array<{ past: Order[]; relevant: Set<string> }> = [];
  for (const [customer, orders] of history) {
    if (orders.length >= 3 && targets.length < sample) {
      fitting.set(customer, orders.slice(0, -1));
      targets.push({ past: orders.slice(0, -1), relevant: new Set(orders[orders.length - 1].skus) });
    } else fitting.set(customer, orders);
  }
  if (targets.length < 20) return DEFAULT_WEIGHTS;
  const model = modelFromCounts(countHistory(fitting));
  let best = { weights: DEFAULT_WEIGHTS, recall: -1 };
  for (const decay of GRID.decay) for (const repeatPrior of GRID.repeatPrior) {
    const prepared = targets.map((t) => ({ s: signals(model, t.past, decay, undefined, repeatPrior), relevant: t.relevant }));
    for (const together of GRID.together) for (const follows of GRID.follows) for (const owned of GRID.owned) {
      const weights: Weights = { decay, together, follows, popular: 0.01, repeatPrior, owned };
      let recall = 0;
      for (const { s, relevant } of prepared) {
        let hits = 0;
        for (const i of topOf(s, weights, 10)) if (relevant.has(s.skus[i])) hits++;
        recall += hits / Math.min(10, relevant.size);
      }
      if (recall > best.recall + 1e-9) best = { weights, recall };
    }
  }
  return best.weights;
}

/** "Bought together" for one SKU: its strongest co-purchases, cosine-normalised. */
export function boughtTogether(model: RecsModel, sku: string, limit: number): Array<{ sku: string; score: number }> {
  const n = model.stats.get(sku)?.orders ?? 1;
  return (model.pairs.get(sku) ?? [])
    .map(([other, count]) => ({ sku: other, score: count / Math.sqrt(n * (model.stats.get(other)?.orders ?? 1)) }))
    .sort((a, b) => b.score - a.score || (a.sku < b.sku ? -1 : 1)).slice(0, limit);
}

/** Baseline: the most popular SKUs, for everyone. */
export function popularityBaseline(model: RecsModel, limit: number): string[] {
  return model.popularity.slice(0, limit);
}

/** Baseline: the shopper's own most-bought SKUs (orders containing them; latest first on ties), then popular ones. */
export function personalFrequencyBaseline(model: RecsModel, orders: Order[], limit: number): string[] {
  const counts = new Map<string, { n: number; last: number }>();
  orders.forEach((o, i) => { for (const sku of o.skus) counts.set(sku, { n: (counts.get(sku)?.n ?? 0) + 1, last: i }); });
  const own = [...counts.entries()].sort((a, b) => b[1].n - a[1].n || b[1].last - a[1].last || (a[0] < b[0] ? -1 : 1)).map(([sku]) => sku);
  const out = own.slice(0, limit);
  for (const sku of model.popularity) { if (out.length >= limit) break; if (!counts.has(sku)) out.push(sku); }
  return out;
}
