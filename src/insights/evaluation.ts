import { rankingMetrics } from './model.js';
import { type HistoryLine, type Order, type Weights, ordersByCustomer, personalFrequencyBaseline, popularityBaseline, recommend, trainModel } from './recommender.js';

export interface MetricSet { recallAt10: number; ndcgAt10: number; hitRateAt10: number }
export interface Evaluation {
  asOf: string;
  customers: number;
  trainingOrders: number;
  heldOutOrders: number;
  rebuyPropensity: number;
  /** The mixing weights the training tuned for this history. */
  weights: Weights;
  recommender: MetricSet;
  popularity: MetricSet;
  personalFrequency: MetricSet;
  /** Recommender recall@10 relative to the better baseline's, in percent (+10 = 10 % above). */
  recallLiftPercent: number;
  seconds: number;
}

/**
 * Leave-last-out: each customer with at least two orders up to `asOf` keeps their last order
 * out; the model and both baselines learn from everything else and rank ten SKUs for that
 * customer; the held-out basket's SKUs are the relevant ones.
 */
export function evaluateHoldout(lines: HistoryLine[], asOf: Date, options: { k?: number; maxCustomers?: number } = {}): Evaluation {
  const started = performance.now();
  const k = options.k ?? 10;
  const cutoff = asOf.getTime();
  const history = ordersByCustomer(lines.filter((l) => l.at <= cutoff));
  const training = new Map<string, Order[]>();
  const heldOut = new Map<string, Order>();
  let trainingOrders = 0;
  for (const [customer, orders] of history) {
    if (orders.length >= 2) {
      heldOut.set(customer, orders[orders.length - 1]);
      training.set(customer, orders.slice(0, -1));
      trainingOrders += orders.length - 1;
    } else {
      training.set(customer, orders);
      trainingOrders += orders.length;
    }
  }
  const model = trainModel(training);
  const sums = { rec: zero(), pop: zero(), freq: zero() };
  const popular = popularityBaseline(model, k);
  let evaluated = 0;
  for (const [customer, order] of heldOut) {
    if (options.maxCustomers && evaluated >= options.maxCustomers) break;
    const past = training.get(customer)!;
    const relevant = new Set(order.skus);
    add(sums.rec, rankingMetrics(recommend(model, past, { limit: k }).map((s) => s.sku), relevant, k));
    add(sums.pop, rankingMetrics(popular, relevant, k));
    add(sums.freq, rankingMetrics(personalFrequencyBaseline(model, past, k), relevant, k));
    evaluated++;
  }
  const mean = (s: ReturnType<typeof zero>): MetricSet => ({
    recallAt10: round(s.recall / (evaluated || 1)), ndcgAt10: round(s.ndcg / (evaluated || 1)), hitRateAt10: round(s.hit / (evaluated || 1)),
  });
  const recommender = mean(sums.rec), popularity = mean(sums.pop), personalFrequency = mean(sums.freq);
  const best = Math.max(popularity.recallAt10, personalFrequency.recallAt10);
  return {
    asOf: asOf.toISOString(), customers: evaluated, trainingOrders, heldOutOrders: evaluated, rebuyPropensity: round(model.rebuy), weights: model.weights,
    recommender, popularity, personalFrequency,
    recallLiftPercent: best > 0 ? Math.round(((recommender.recallAt10 - best) / best) * 1000) / 10 : 0,
    seconds: Math.round(performance.now() - started) / 1000,
  };
}

function zero() { return { recall: 0, ndcg: 0, hit: 0 }; }
function add(sum: ReturnType<typeof zero>, m: { recall: number; ndcg: number; hit: number }) { sum.recall += m.recall; sum.ndcg += m.ndcg; sum.hit += m.hit; }
function round(x: number) { return Math.round(x * 10_000) / 10_000; }
