/**
 * Seeded synthetic order histories for benchmarks and the offline evaluation. Two shapes:
 *   - grocery: shoppers re-buy their staples (which drift over time), baskets of ~7, and add
 *     goods that go with what is in the basket;
 *   - catalogue: nothing is bought twice; shoppers follow sequences (series, course levels,
 *     upgrade paths) and browse within a category.
 * Rows use the import's columns, so a history is written to CSV and loaded with
 * `mercato import orders`.
 */
import { ORDER_IMPORT_COLUMNS } from './model.js';

export type HistoryShape = 'grocery' | 'catalogue';

export interface SyntheticRow { customerId: string; orderId: string; orderedAt: string; sku: string; qty: number; unitPriceMinor: number; currency: string }

/** mulberry32: small, fast, good enough for test data; the same seed gives the same history. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Index drawn with probability ∝ 1/(i+1)^s (Zipf-like popularity). */
function zipfSampler(n: number, s: number, random: () => number): () => number {
  const cumulative: number[] = [];
  let total = 0;
  for (let i = 0; i < n; i++) { total += 1 / (i + 1) ** s; cumulative.push(total); }
  return () => {
    const x = random() * total;
    let lo = 0, hi = n - 1;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (cumulative[mid] < x) lo = mid + 1; else hi = mid; }
    return lo;
  };
}

const START = Date.UTC(2022, 0, 1);
const DAY = 86_400_000;

export interface SyntheticOptions { shape: HistoryShape; seed?: number; targetLines: number }

/** Generates about `targetLines` order lines, whole orders only, oldest first per customer. */
export function* syntheticHistory(options: SyntheticOptions): Generator<SyntheticRow> {
  const random = seededRandom(options.seed ?? 42);
  if (options.shape === 'grocery') yield* grocery(random, options.targetLines);
  else yield* catalogue(random, options.targetLines);
}

function* grocery(random: () => number, targetLines: number): Generator<SyntheticRow> {
  const skuCount = Math.max(300, Math.round(targetLines / 250));
  const pick = zipfSampler(skuCount, 0.9, random);
  const price = Array.from({ length: skuCount }, () => 50 + Math.floor(random() * 950));
  // Each product has a few complements (pasta → sauce, cheese).
  const complements = Array.from({ length: skuCount }, () => Array.from({ length: 3 }, () => pick()));
  // Households differ (family with a baby, vegetarian, …): each kind prefers its own goods.
  const KINDS = 8;
  const preferred = Array.from({ length: KINDS }, () => Array.from({ length: skuCount }, (_, i) => i).sort(() => random() - 0.5));
  const pickFor = (kind: number) => (random() < 0.6 ? preferred[kind][pick()] : pick());
  let lines = 0, customer = 0, order = 0;
  while (lines < targetLines) {
    customer++;
    const kind = Math.floor(random() * KINDS);
    const staples = new Set<number>();
    const stapleCount = 6 + Math.floor(random() * 10);
    while (staples.size < stapleCount) staples.add(pickFor(kind));
    const orders = 2 + Math.floor(-Math.log(1 - random()) * 10);
    let day = Math.floor(random() * 300);
    const gap = 5 + Math.floor(random() * 20);
    for (let o = 0; o < orders && lines < targetLines; o++) {
      order++;
      // Tastes drift: now and then a staple is replaced by something that goes with another.
      for (let swap = 0; swap < 2; swap++) if (random() < 0.35) {
        const list = [...staples];
        const out = list[Math.floor(random() * list.length)];
        staples.delete(out);
        const base = list[Math.floor(random() * list.length)];
        staples.add(random() < 0.6 ? complements[base][Math.floor(random() * 3)] : pickFor(kind));
      }
      const basket = new Set<number>();
      for (const s of staples) if (random() < 0.45) basket.add(s);
      const extras = 1 + Math.floor(random() * 3);
      for (let e = 0; e < extras; e++) {
        const inBasket = [...basket];
        basket.add(inBasket.length && random() < 0.6 ? complements[inBasket[Math.floor(random() * inBasket.length)]][Math.floor(random() * 3)] : pickFor(kind));
      }
      const at = new Date(START + (day * DAY) + Math.floor(random() * DAY)).toISOString();
      for (const sku of basket) {
        lines++;
        yield { customerId: `C${customer}`, orderId: `G${order}`, orderedAt: at, sku: `SKU-${sku}`, qty: 1 + Math.floor(random() * 3), unitPriceMinor: price[sku], currency: 'EUR' };
      }
      day += Math.max(1, Math.round(gap * (0.5 + random())));
    }
  }
}

function* catalogue(random: () => number, targetLines: number): Generator<SyntheticRow> {
  const chainCount = Math.max(60, Math.round(targetLines / 60));
  const chains: number[][] = [];
  let sku = 0;
  for (let c = 0; c < chainCount; c++) chains.push(Array.from({ length: 4 + Math.floor(random() * 8) }, () => sku++));
  const categoryOf = (chain: number) => chain % 25;
  const pickChain = zipfSampler(chainCount, 0.8, random);
  const pickAny = zipfSampler(sku, 0.7, random);
  const price = Array.from({ length: sku }, () => 500 + Math.floor(random() * 9500));
  let lines = 0, customer = 0, order = 0;
  while (lines < targetLines) {
    customer++;
    const owned = new Set<number>();
    const following: Array<{ chain: number; pos: number }> = [{ chain: pickChain(), pos: 0 }];
    const orders = 2 + Math.floor(-Math.log(1 - random()) * 4);
    let day = Math.floor(random() * 500);
    for (let o = 0; o < orders && lines < targetLines; o++) {
      order++;
      const basket = new Set<number>();
      const size = 1 + Math.floor(random() * 2);
      for (let b = 0; b < size * 3 && basket.size < size; b++) {
        const x = random();
        let item: number;
        if (x < 0.6 && following.length) {
          const f = following[Math.floor(random() * following.length)];
          item = chains[f.chain][Math.min(f.pos, chains[f.chain].length - 1)];
          f.pos++;
        } else if (x < 0.85 && following.length) {
          // another series in the same category
          const cat = categoryOf(following[0].chain);
          const chain = cat + 25 * Math.floor(random() * Math.floor(chainCount / 25));
          following.push({ chain, pos: 1 });
          item = chains[chain][0];
        } else item = pickAny();
        if (!owned.has(item)) { owned.add(item); basket.add(item); }
      }
      if (basket.size === 0) continue;
      const at = new Date(START + day * DAY + Math.floor(random() * DAY)).toISOString();
      for (const s of basket) {
        lines++;
        yield { customerId: `K${customer}`, orderId: `B${order}`, orderedAt: at, sku: `ITEM-${s}`, qty: 1, unitPriceMinor: price[s], currency: 'EUR' };
      }
      day += 7 + Math.floor(random() * 60);
    }
  }
}

/** One CSV line (the import's columns). */
export function csvLine(r: SyntheticRow): string {
  return `${r.customerId},${r.orderId},${r.orderedAt},${r.sku},${r.qty},${r.unitPriceMinor},${r.currency}\n`;
}

export const CSV_HEADER = `${ORDER_IMPORT_COLUMNS.join(',')}\n`;
