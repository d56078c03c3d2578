import { Type, type TSchema } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { RoutesPlugin } from '../http/context.js';
import { OPTIONAL_AUTH, PUBLIC, allow, principalOf } from '../http/auth.js';
import { CurrencyCode, MAX_MINOR_UNITS, Strict, Timestamp, Uuid, problems } from '../http/schemas.js';
import { DomainError } from '../http/problem.js';
import { withTx } from '../db/tx.js';
import type { Principal } from '../identity/index.js';
import { type BatchedWriter, type BehaviourEvent, batchedWriter, captureOrderEvents, writeBehaviour } from './capture.js';
import { type BreakdownBy, type Scope, breakdown, cohorts, funnel, rfm, summary, topProducts, zeroResultSearches } from './analytics.js';
import { type ModelCache, boughtTogetherWith, modelCache, rankForShopper, recommendationsFor, resolveShopper, trainRecommender, type RecommendationKind } from './recs.js';
import { type Segment, createOffer, offerResults, offersForShopper, redeemOffer, getOffer } from './offers.js';
import { BEHAVIOUR_KINDS, CHANNELS, RFM_SEGMENTS, toCsv } from './model.js';
import './errors.js';

/** What a running app holds for insights: the batched writers and the served model. */
export interface InsightsRuntime {
  behaviour: BatchedWriter<BehaviourEvent>;
  orders: BatchedWriter<unknown> & { unsubscribe(): void };
  models: ModelCache;
}
const runtimes = new WeakMap<object, InsightsRuntime>();
/** The insights runtime of an app (tests flush its writers). */
export function insightsRuntime(app: FastifyInstance): InsightsRuntime {
  const runtime = runtimes.get(app.server);
  if (!runtime) throw new Error('insights routes are not registered on this app');
  return runtime;
}

const DAY = 86_400_000;
const DateOrTime = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}([T ]\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:?\\d{2})?)?$', description: 'ISO date (read as 00:00 UTC) or timestamp' });
const Lit = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));
const Format = Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('csv')], { description: '`csv` answers text/csv (the rows of the report) for download' }));
const ReportQuery = {
  from: Type.Optional(DateOrTime), to: Type.Optional(DateOrTime),
  asOf: Type.Optional({ ...DateOrTime, description: 'Figures as they stood at this time (default now); nothing later is counted' }),
  currency: Type.Optional({ ...CurrencyCode, description: 'Report currency (default EUR); other currencies convert at the rate recorded for each order\'s time' }),
  merchantId: Type.Optional({ ...Uuid, description: 'Only this merchant\'s lines; merchant staff always see only their own' }),
  format: Format,
};
const Open = <T extends Record<string, TSchema>>(properties: T) => Type.Object(properties);
const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const REPORT_ROLES = allow('analyst', 'operator', 'merchant');
const security = [{ bearer: [] }];
const tags = ['insights'];

function instant(text: string | undefined): Date | undefined {
  if (!text) return undefined;
  const iso = /^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T00:00:00Z` : text.replace(' ', 'T');
  const d = new Date(/(Z|[+-]\d{2}:?\d{2})$/i.test(iso) ? iso : `${iso}Z`);
  if (Number.isNaN(d.getTime())) throw new DomainError('insights.range_invalid', `${text} is not a date`);
  return d;
}

/** Merchant staff see their merchant's figures only; naming another merchant is a 404. */
function merchantScope(principal: Principal, requested?: string): string | null {
  if (principal.role === 'merchant') {
    if (requested && requested !== principal.merchantId) throw new DomainError('http.not_found', 'No such merchant resource');
    return principal.merchantId;
  }
  return requested ?? null;
}

function scopeOf(principal: Principal, q: { from?: string; to?: string; asOf?: string; currency?: string; merchantId?: string }): Scope {
  const asOf = instant(q.asOf) ?? new Date();
  const to = instant(q.to) ?? asOf;
  const from = instant(q.from) ?? new Date(to.getTime() - 30 * DAY);
  return { from, to, asOf, currency: q.currency ?? 'EUR', merchantId: merchantScope(principal, q.merchantId) };
}

function csv(reply: FastifyReply, name: string, rows: readonly object[], columns?: string[]) {
  return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${name}.csv"`).send(toCsv(rows, columns));
}

const Recommendation = Open({ skuId: Uuid, skuCode: Nullable(Type.String()), productId: Nullable(Uuid), title: Nullable(Type.String()), score: Type.Number(), reasons: Type.Array(Type.String()) });
const SegmentSchema = Type.Union([
  Strict({ type: Type.Literal('rfm'), segments: Type.Array(Lit(RFM_SEGMENTS), { minItems: 1 }) }),
  Strict({ type: Type.Literal('lapsed'), days: Type.Integer({ minimum: 1, maximum: 3650 }) }),
  Strict({ type: Type.Literal('category_affinity'), categoryId: Uuid, withinDays: Type.Integer({ minimum: 1, maximum: 3650 }) }),
  Strict({ type: Type.Literal('channel'), channel: Lit([...CHANNELS, 'import'] as const), withinDays: Type.Integer({ minimum: 1, maximum: 3650 }) }),
]);
const OfferSchema = Open({
  id: Uuid, code: Type.String(), title: Type.String(), kind: Type.String(), value: Type.Integer(), currency: Nullable(Type.String()), merchantId: Nullable(Uuid),
  segment: Type.Object({ type: Type.String() }, { additionalProperties: true }), controlPercent: Type.Integer(), validFrom: Timestamp, validTo: Timestamp, createdAt: Timestamp,
  recipients: Type.Integer({ description: 'shoppers in the segment when the offer was created, control group included' }), control: Type.Integer(),
});
const GroupFigures = Open({ shoppers: Type.Integer(), buyers: Type.Integer(), conversion: Type.Number() });

export const insightsRoutes: RoutesPlugin = (app, { database, bus }) => {
  const { db } = database;
  const behaviour = batchedWriter<BehaviourEvent>((events) => withTx(db, (tx) => writeBehaviour(tx, events)), { intervalMs: 500, maxBatch: 1000, onError: (e) => app.log.warn({ err: e }, 'insights: behaviour batch not written; will retry') });
  const orders = captureOrderEvents(db, bus, (e) => app.log.warn({ err: e }, 'insights: order events not applied; will retry'));
  const models = modelCache(db);
  runtimes.set(app.server, { behaviour, orders: orders as InsightsRuntime['orders'], models });
  app.addHook('onClose', async () => {
    orders.unsubscribe();
    await Promise.allSettled([behaviour.stop(), orders.stop()]);
  });

  // --- capture -------------------------------------------------------------------------------
  app.post('/v1/insights/events', {
    config: { access: OPTIONAL_AUTH },
    schema: {
      tags, operationId: 'captureInsightEvents', summary: 'Record product views, searches, cart adds and checkouts started (beacons)',
      description: 'Anyone may send (storefront, app, till). Events are queued in memory and written in batches, so this answers at once and never slows the shop. A signed-in shopper\'s events land on their profile; anonymous ones carry a visitor key.',
      body: Strict({ events: Type.Array(Strict({
        kind: Lit(BEHAVIOUR_KINDS), channel: Lit(CHANNELS), occurredAt: Type.Optional(Type.String({ format: 'date-time' })),
        visitorKey: Type.Optional(Type.String({ minLength: 8, maxLength: 100 })), merchantId: Type.Optional(Uuid), locationId: Type.Optional(Uuid),
        productId: Type.Optional(Uuid), skuId: Type.Optional(Uuid), query: Type.Optional(Type.String({ maxLength: 200 })),
        resultCount: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000_000 })), quantity: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })),
      }), { minItems: 1, maxItems: 100 }) }),
      response: { 202: Strict({ accepted: Type.Integer() }), ...problems(400, 401, 413, 415) },
    },
  }, async (request, reply) => {
    const now = Date.now();
    const accountId = request.principal?.role === 'shopper' ? request.principal.accountId : null;
    const events: BehaviourEvent[] = request.body.events.map((e) => {
      const at = e.occurredAt ? Date.parse(e.occurredAt) : now;
      // A client clock may be off; an event is never later than its arrival nor older than a day.
      return { ...e, accountId, occurredAt: new Date(Math.min(now, Math.max(now - DAY, at))) };
    });
    behaviour.push(events);
    return reply.status(202).send({ accepted: events.length });
  });

  // --- analytics ------------------------------------------------------------------------------
  const Money = Type.Integer({ description: 'minor units of the report currency' });
  app.get('/v1/insights/summary', {
    config: { access: REPORT_ROLES },
    schema: {
      tags, security, operationId: 'getInsightsSummary', summary: 'GMV, orders, customers, AOV, units, refunds, new vs returning, repeat rate, channel mix',
      description: 'For analysts and operators (every merchant, or one with merchantId) and merchant staff (their own lines only). Paid orders from every channel and the imported history, in [from, to) capped at asOf (default: the 30 days before asOf).',
      querystring: Strict(ReportQuery),
      response: { 200: Open({
        currency: Type.String(), from: Timestamp, to: Timestamp, asOf: Timestamp, gmvMinor: Money, refundsMinor: Money, netSalesMinor: Money, orders: Type.Integer(), customers: Type.Integer(),
        aovMinor: Money, units: Type.Integer(), newCustomers: Type.Integer(), returningCustomers: Type.Integer(), repeatRate: Type.Number(), ordersPerCustomer: Type.Number(),
        unpricedLines: Type.Integer({ description: 'imported lines whose price was unknown (0): counted in units, not in GMV' }),
        channels: Type.Array(Open({ channel: Type.String(), orders: Type.Integer(), gmvMinor: Money, share: Type.Number() })),
      }), ...problems(400, 401, 403, 404, 422) },
    },
  }, async (request, reply) => {
    const result = await summary(db, scopeOf(principalOf(request), request.query));
    if (request.query.format === 'csv') {
      const { channels, ...figures } = result;
      return csv(reply, 'summary', [{ ...figures, channel: 'all' }, ...channels.map((c) => ({ ...figures, ...c }))],
        ['from', 'to', 'asOf', 'currency', 'channel', 'orders', 'gmvMinor', 'share', 'refundsMinor', 'netSalesMinor', 'customers', 'aovMinor', 'units', 'newCustomers', 'returningCustomers', 'repeatRate', 'ordersPerCustomer']);
    }
    return result;
  });

  app.get('/v1/insights/breakdown', {
    config: { access: REPORT_ROLES },
    schema: {
      tags, security, operationId: 'getInsightsBreakdown', summary: 'GMV, orders and units per merchant, store, category or channel',
      description: 'Same callers and scope as the summary. A merchant sees its own merchant row, and its stores and categories.',
      querystring: Strict({ ...ReportQuery, by: Lit(['merchant', 'store', 'category', 'channel'] as const) }),
      response: { 200: Open({ by: Type.String(), currency: Type.String(), rows: Type.Array(Open({ key: Nullable(Type.String()), label: Nullable(Type.String()), orders: Type.Integer(), gmvMinor: Money, units: Type.Integer(), share: Type.Number() })) }), ...problems(400, 401, 403, 404, 422) },
    },
  }, async (request, reply) => {
    const scope = scopeOf(principalOf(request), request.query);
    const rows = await breakdown(db, scope, request.query.by as BreakdownBy);
    if (request.query.format === 'csv') return csv(reply, `breakdown-${request.query.by}`, rows, ['key', 'label', 'orders', 'gmvMinor', 'units', 'share']);
    return { by: request.query.by, currency: scope.currency, rows };
  });

  app.get('/v1/insights/funnel', {
    config: { access: REPORT_ROLES },
    schema: {
      tags, security, operationId: 'getInsightsFunnel', summary: 'Conversion funnel: product view → cart add → order, in shoppers',
      description: 'Same callers and scope as the summary; a merchant counts views and cart adds of its products and orders of its lines.',
      querystring: Strict(ReportQuery),
      response: { 200: Open({ from: Timestamp, to: Timestamp, viewers: Type.Integer(), cartAdders: Type.Integer(), checkoutStarters: Type.Integer(), buyers: Type.Integer(), viewToCart: Type.Number(), cartToOrder: Type.Number(), viewToOrder: Type.Number() }), ...problems(400, 401, 403, 404) },
    },
  }, async (request, reply) => {
    const result = await funnel(db, scopeOf(principalOf(request), request.query));
    if (request.query.format === 'csv') return csv(reply, 'funnel', [result]);
    return result;
  });

  app.get('/v1/insights/cohorts', {
    config: { access: REPORT_ROLES },
    schema: {
      tags, security, operationId: 'getInsightsCohorts', summary: 'Cohorts by first-purchase month with a retention matrix',
      description: 'Customers whose first purchase (up to asOf) fell in or after the month of `from`; retained[k] is how many bought again k months later.',
      querystring: Strict(ReportQuery),
      response: { 200: Open({ asOf: Timestamp, cohorts: Type.Array(Open({ cohort: Type.String(), customers: Type.Integer(), retained: Type.Array(Type.Integer()), retention: Type.Array(Type.Number()) })) }), ...problems(400, 401, 403, 404) },
    },
  }, async (request, reply) => {
    const scope = scopeOf(principalOf(request), request.query);
    const rows = await cohorts(db, scope);
    if (request.query.format === 'csv') {
      const width = Math.max(0, ...rows.map((r) => r.retained.length));
      const cols = Array.from({ length: width }, (_, k) => `m${k}`);
      return csv(reply, 'cohorts', rows.map((r) => ({ cohort: r.cohort, customers: r.customers, ...Object.fromEntries(r.retained.map((n, k) => [`m${k}`, n])) })), ['cohort', 'customers', ...cols]);
    }
    return { asOf: scope.asOf, cohorts: rows };
  });

  app.get('/v1/insights/rfm', {
    config: { access: REPORT_ROLES },
    schema: {
      tags, security, operationId: 'getInsightsRfm', summary: 'RFM per customer (recency in days to asOf, orders, total spend) with segments',
      description: 'All paid orders up to asOf. Scores 1–5 by quintile; segments from recency and frequency. Same callers as the summary.',
      querystring: Strict({ asOf: ReportQuery.asOf, currency: ReportQuery.currency, merchantId: ReportQuery.merchantId, format: Format, segment: Type.Optional(Lit(RFM_SEGMENTS)), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })) }),
      response: { 200: Open({
        asOf: Timestamp, currency: Type.String(), customers: Type.Integer(),
        segments: Type.Array(Open({ segment: Type.String(), customers: Type.Integer(), monetaryMinor: Money })),
        rows: Type.Array(Open({ accountId: Uuid, recencyDays: Type.Integer(), frequency: Type.Integer(), monetaryMinor: Money, r: Type.Integer(), f: Type.Integer(), m: Type.Integer(), segment: Type.String() })),
      }), ...problems(400, 401, 403, 404, 422) },
    },
  }, async (request, reply) => {
    const q = request.query;
    const report = await rfm(db, { asOf: instant(q.asOf) ?? new Date(), currency: q.currency ?? 'EUR', merchantId: merchantScope(principalOf(request), q.merchantId), segment: q.segment, limit: q.format === 'csv' ? undefined : (q.limit ?? 1000) });
    if (q.format === 'csv') return csv(reply, 'rfm', report.rows);
    return report;
  });

  app.get('/v1/insights/top-products', {
    config: { access: REPORT_ROLES },
    schema: {
      tags, security, operationId: 'getInsightsTopProducts', summary: 'Best-selling SKUs by units, with orders and GMV',
      description: 'Same callers and scope as the summary.',
      querystring: Strict({ ...ReportQuery, limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })) }),
      response: { 200: Open({ items: Type.Array(Open({ skuId: Uuid, skuCode: Nullable(Type.String()), title: Nullable(Type.String()), orders: Type.Integer(), units: Type.Integer(), gmvMinor: Money })) }), ...problems(400, 401, 403, 404, 422) },
    },
  }, async (request, reply) => {
    const items = await topProducts(db, scopeOf(principalOf(request), request.query), request.query.limit ?? 20);
    if (request.query.format === 'csv') return csv(reply, 'top-products', items);
    return { items };
  });

  app.get('/v1/insights/zero-result-searches', {
    config: { access: allow('analyst', 'operator') },
    schema: {
      tags, security, operationId: 'getZeroResultSearches', summary: 'Searches that found nothing, most frequent first',
      description: 'Analysts and operators only: search terms are not a merchant\'s data.',
      querystring: Strict({ from: ReportQuery.from, to: ReportQuery.to, asOf: ReportQuery.asOf, format: Format, limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })) }),
      response: { 200: Open({ items: Type.Array(Open({ query: Type.String(), searches: Type.Integer(), lastSearchedAt: Timestamp })) }), ...problems(400, 401, 403) },
    },
  }, async (request, reply) => {
    const items = await zeroResultSearches(db, scopeOf(principalOf(request), request.query), request.query.limit ?? 50);
    if (request.query.format === 'csv') return csv(reply, 'zero-result-searches', items);
    return { items };
  });

  // --- recommendations ------------------------------------------------------------------------
  const shopperOf = async (principal: Principal, q: { accountId?: string; externalRef?: string; merchantId?: string }) => {
    if (principal.role === 'shopper') {
      if ((q.accountId && q.accountId !== principal.accountId) || q.externalRef) throw new DomainError('http.forbidden', 'A shopper may only ask for their own recommendations');
      return principal.accountId;
    }
    if (!q.accountId && !q.externalRef) throw new DomainError('http.validation', 'Name the shopper: accountId or externalRef', {}, [{ field: 'querystring', message: 'needs accountId or externalRef' }]);
    return resolveShopper(db, q);
  };
  const Who = {
    accountId: Type.Optional({ ...Uuid, description: 'The shopper (a shopper may omit it: themselves)' }),
    externalRef: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'The customer reference from the order-history import' })),
    merchantId: Type.Optional({ ...Uuid, description: 'Whose import the reference belongs to, when several merchants imported' }),
    asOf: Type.Optional({ ...DateOrTime, description: 'Use only the shopper\'s orders up to this time (default now)' }),
  };

  app.get('/v1/insights/recommendations', {
    config: { access: allow('shopper', 'analyst', 'operator') },
    schema: {
      tags, security, operationId: 'getRecommendations', summary: 'Recommendations for a shopper: for you (next basket), buy again, or next in their sequence',
      description: 'A shopper gets their own; analysts and operators name one by internal id or by the import\'s external customer reference.',
      querystring: Strict({ ...Who, kind: Type.Optional(Lit(['for_you', 'buy_again', 'next'] as const)), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })) }),
      response: { 200: Open({ accountId: Uuid, kind: Type.String(), items: Type.Array(Recommendation) }), ...problems(400, 401, 403, 404) },
    },
  }, async (request) => {
    const accountId = await shopperOf(principalOf(request), request.query);
    const kind = (request.query.kind ?? 'for_you') as RecommendationKind;
    const items = await recommendationsFor(db, models, accountId, { kind, limit: request.query.limit ?? 10, asOf: instant(request.query.asOf) ?? new Date() });
    return { accountId, kind, items };
  });

  app.post('/v1/insights/recommendations/rank', {
    config: { access: allow('shopper', 'analyst', 'operator') },
    schema: {
      tags, security, operationId: 'rankCandidates', summary: 'Rank given candidate SKUs for a shopper',
      description: 'Same callers as GET recommendations. Every candidate comes back once, best first (unknown SKUs score 0).',
      body: Strict({ ...Who, candidates: Type.Array(Uuid, { minItems: 1, maxItems: 500 }) }),
      response: { 200: Open({ accountId: Uuid, items: Type.Array(Recommendation) }), ...problems(400, 401, 403, 404) },
    },
  }, async (request) => {
    const accountId = await shopperOf(principalOf(request), request.body);
    return { accountId, items: await rankForShopper(db, models, accountId, request.body.candidates, instant(request.body.asOf) ?? new Date()) };
  });

  app.get('/v1/insights/products/:skuId/bought-together', {
    config: { access: PUBLIC },
    schema: {
      tags, operationId: 'getBoughtTogether', summary: 'SKUs most often bought together with this one (any channel)',
      description: 'Public: product and cart pages show it to everyone. Learned from co-purchases across web, app, till and imported history.',
      params: Strict({ skuId: Uuid }), querystring: Strict({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50 })) }),
      response: { 200: Open({ skuId: Uuid, items: Type.Array(Recommendation) }), ...problems(400) },
    },
  }, async (request) => ({ skuId: request.params.skuId, items: await boughtTogetherWith(db, models, request.params.skuId, request.query.limit ?? 10) }));

  app.post('/v1/insights/models/train', {
    config: { access: allow('operator') },
    schema: {
      tags, security, operationId: 'trainRecommender', summary: 'Retrain the recommender on every paid order up to asOf (operator)',
      description: 'What `mercato recs train` does. Orders paid later are added incrementally as they happen.',
      body: Strict({ asOf: Type.Optional(DateOrTime) }),
      response: { 200: Open({ asOf: Type.String(), orderLines: Type.Integer(), customers: Type.Integer(), skus: Type.Integer(), pairs: Type.Integer(), rebuyPropensity: Type.Number(), seconds: Type.Number() }), ...problems(400, 401, 403) },
    },
  }, async (request) => {
    const run = await trainRecommender(db, instant(request.body.asOf) ?? new Date());
    await models.reload();
    return run;
  });

  // --- offers -------------------------------------------------------------------------------
  app.post('/v1/insights/offers', {
    config: { access: allow('operator', 'merchant') },
    schema: {
      tags, security, operationId: 'createTargetedOffer', summary: 'Send an offer (a code) to a segment, holding out a control group',
      description: 'Operators, for any merchant or the marketplace; merchant staff for their own customers only (merchantId is theirs). The segment is evaluated now; controlPercent of it is held out (not sent) to measure uplift.',
      body: Strict({
        code: Type.String({ pattern: '^[A-Z0-9-]{4,32}$' }), title: Type.String({ minLength: 1, maxLength: 200 }), kind: Lit(['percent', 'amount'] as const),
        value: Type.Integer({ minimum: 1, maximum: MAX_MINOR_UNITS, description: 'percent (1–100) or minor units of `currency`' }), currency: Type.Optional(CurrencyCode), merchantId: Type.Optional(Uuid),
        segment: SegmentSchema, controlPercent: Type.Integer({ minimum: 0, maximum: 90 }), validFrom: Type.String({ format: 'date-time' }), validTo: Type.String({ format: 'date-time' }),
      }),
      response: { 201: OfferSchema, ...problems(400, 401, 403, 404, 409, 422) },
    },
  }, async (request, reply) => {
    const principal = principalOf(request);
    const b = request.body;
    if (b.kind === 'amount' && !b.currency) throw new DomainError('http.validation', 'An amount offer needs a currency', {}, [{ field: '/currency', message: 'is required for kind amount' }]);
    if (b.kind === 'percent' && b.value > 100) throw new DomainError('http.validation', 'A percent offer is at most 100', {}, [{ field: '/value', message: 'must be ≤ 100' }]);
    const validFrom = new Date(b.validFrom), validTo = new Date(b.validTo);
    if (!(validTo > validFrom)) throw new DomainError('insights.range_invalid', 'validTo must be after validFrom');
    const offer = await withTx(db, (tx) => createOffer(tx, { ...b, segment: b.segment as Segment, validFrom, validTo, merchantId: merchantScope(principal, b.merchantId) }, principal.accountId));
    return reply.status(201).send(offer);
  });

  app.get('/v1/insights/offers/:offerId', {
    config: { access: REPORT_ROLES },
    schema: {
      tags, security, operationId: 'getTargetedOffer', summary: 'An offer with its redemptions and uplift against the control group',
      description: 'Analysts and operators see any offer; merchant staff their own merchant\'s. Conversion = a paid order (any channel) in the offer\'s window.',
      params: Strict({ offerId: Uuid }),
      response: { 200: Open({ offer: OfferSchema, results: Open({ measuredUntil: Timestamp, treatment: Open({ shoppers: Type.Integer(), redeemed: Type.Integer(), buyers: Type.Integer(), conversion: Type.Number() }), control: GroupFigures, redemptionRate: Type.Number(), uplift: Type.Number(), incrementalBuyers: Type.Number() }) }), ...problems(400, 401, 403, 404) },
    },
  }, async (request) => {
    const principal = principalOf(request);
    const merchantId = principal.role === 'merchant' ? principal.merchantId : null;
    const offer = await getOffer(db, request.params.offerId, merchantId);
    return { offer, results: await offerResults(db, offer.id, new Date(), merchantId) };
  });

  app.get('/v1/insights/me/offers', {
    config: { access: allow('shopper') },
    schema: {
      tags, security, operationId: 'listMyOffers', summary: 'Offers for the signed-in shopper (shown in the app)',
      description: 'Only offers sent to this shopper (never the control group), valid now and not yet used.',
      response: { 200: Open({ items: Type.Array(Open({ id: Uuid, code: Type.String(), title: Type.String(), kind: Type.String(), value: Type.Integer(), currency: Nullable(Type.String()), merchantId: Nullable(Uuid), validTo: Timestamp })) }), ...problems(401, 403) },
    },
  }, async (request) => ({ items: await offersForShopper(db, principalOf(request).accountId) }));

  app.post('/v1/insights/offers/redemptions', {
    config: { access: allow('associate', 'operator') },
    schema: {
      tags, security, operationId: 'redeemTargetedOffer', summary: 'Redeem an offer code for the identified shopper (at the till)',
      description: 'Store associates (at their own store) and operators. Once per shopper; only shoppers the offer was sent to; inside its window.',
      body: Strict({ code: Type.String({ pattern: '^[A-Z0-9-]{4,32}$' }), accountId: Uuid, orderId: Type.Optional(Uuid) }),
      response: { 201: Open({ offerId: Uuid, code: Type.String(), accountId: Uuid, kind: Type.String(), value: Type.Integer(), currency: Nullable(Type.String()), redeemedAt: Timestamp }), ...problems(400, 401, 403, 404, 409, 422) },
    },
  }, async (request, reply) => {
    const principal = principalOf(request);
    const redemption = await withTx(db, (tx) => redeemOffer(tx, { ...request.body, locationId: principal.locationId }));
    return reply.status(201).send(redemption);
  });
};
