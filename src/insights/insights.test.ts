import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { describeEachBackend } from '../../test/db.js';
import { auth, expectProblem, signInAs, testApp, busOf } from '../../test/http.js';
import { withTx } from '../db/tx.js';
import { demoId } from '../seed/demo-id.js';
import { createAccount } from '../identity/service.js';
import { setFxRate } from '../payments/service/fx.js';
import type { DomainEvent } from '../events/index.js';
import { importOrderHistory } from './import.js';
import { applyOrderEvents } from './capture.js';
import { summary, breakdown, cohorts, rfm } from './analytics.js';
import { insightsRuntime } from './routes.js';

const AURELIA = demoId('merchant:casa-aurelia');
const LUMEN = demoId('merchant:lumen-tea');
const SOL = demoId('location:MAD-SOL');
const DUOMO_NERO = demoId('sku:AUR-DUOMO-NERO');
const CARMEN = demoId('account:carmen@mercato.test');

/**
 * The fixture history, with every figure below computed by hand:
 *   o1 c1 2024-01-10  A 2×500 + B 1×250      = 1250 EUR, 3 units
 *   o2 c1 2024-02-15  A 1×500                =  500 EUR, 1 unit
 *   o3 c2 2024-02-20  C 3×(unknown)          =    0 EUR, 3 units (price unknown)
 *   o4 c3 2024-03-05  A 1×10000 CNY fen      = 1282 EUR at EUR/CNY 7.8 (the rate in effect then;
 *                                              8.0 takes effect an hour later)
 * and five rejected rows. A = the catalogue's AUR-DUOMO-NERO (category bolsos); B, C are new.
 */
const FIXTURE = [
  'customer_id,order_id,ordered_at,sku,qty,unit_price_minor,currency',
  'c1,o1,2024-01-10,AUR-DUOMO-NERO,2,500,EUR',
  'c1,o1,2024-01-10,OLD-B,1,250,EUR',
  'c1,o2,2024-02-15T10:00:00Z,AUR-DUOMO-NERO,1,500,EUR',
  'c2,o3,2024-02-20,OLD-C,3,0,EUR',
  'c3,o4,2024-03-05T12:00:00+01:00,AUR-DUOMO-NERO,1,10000,CNY',
  'c4,o5,2024-02-30,AUR-DUOMO-NERO,1,100,EUR',
  'c4,o6,2024-03-01,,1,100,EUR',
  'c5,o7,2024-03-01,AUR-DUOMO-NERO,0,100,EUR',
  'c1,o2,2024-02-16,OLD-B,1,250,EUR',
  'c6,o9,2024-03-01,AUR-DUOMO-NERO,1,100',
].join('\n') + '\n';

function writeFixture(content: string, gz = false): string {
  const dir = mkdtempSync(join(tmpdir(), 'insights-'));
  const path = join(dir, gz ? 'orders.csv.gz' : 'orders.csv');
  writeFileSync(path, gz ? gzipSync(content) : content);
  return path;
}

let eventSeq = 1;
function event(topic: string, payload: Record<string, unknown>, at: string): DomainEvent {
  return { id: eventSeq++, eventId: randomUUID(), topic, aggregateId: String(payload.orderId), payload, createdAt: new Date(at) };
}

const scope = (over: Partial<Parameters<typeof summary>[1]> = {}) => ({
  from: new Date('2024-01-01T00:00:00Z'), to: new Date('2024-04-01T00:00:00Z'), asOf: new Date('2024-06-01T00:00:00Z'), currency: 'EUR', ...over,
});

describeEachBackend('insights: import, capture, analytics', (use) => {
  let app: FastifyInstance;
  let liveOrder: string;

  beforeAll(async () => {
    app = await testApp(use(), { seed: true });
    await withTx(use().db, async (tx) => {
      await setFxRate(tx, { base: 'EUR', quote: 'CNY', rate: '7.8', effectiveAt: new Date('2024-01-01T00:00:00Z') });
      await setFxRate(tx, { base: 'EUR', quote: 'CNY', rate: '8.0', effectiveAt: new Date('2024-03-05T12:00:00Z') });
    });
  });
  afterAll(async () => { await app?.close(); });

  it('imports the history, reporting each rejected row with its line and reason', async () => {
    const report = await importOrderHistory(use(), writeFixture(FIXTURE), { merchantId: AURELIA, locationId: SOL });
    expect(report.rows).toBe(10);
    expect(report.rejected.map((r) => r.line)).toEqual([7, 8, 9, 10, 11]);
    expect(report.rejected[0].reasons[0]).toMatch(/ordered_at 2024-02-30 is not a real date/);
    expect(report.rejected[1].reasons[0]).toMatch(/sku is missing/);
    expect(report.rejected[2].reasons[0]).toMatch(/qty 0/);
    expect(report.rejected[3].reasons).toEqual(['ordered_at differs from the order\'s first line']);
    expect(report.rejected[4].reasons[0]).toMatch(/expected 7 columns/);
    expect(report).toMatchObject({ accepted: 5, ordersImported: 4, linesImported: 5, customersCreated: 3, skusCreated: 2, ordersAlreadyImported: 0 });
    const { rows } = await use().db.execute(sql`select order_key, total_minor, currency, placed_at from insights_orders order by placed_at`);
    expect(rows.map((r) => [String(r.order_key).split(':')[2], Number(r.total_minor), String(r.currency)])).toEqual([['o1', 1250, 'EUR'], ['o2', 500, 'EUR'], ['o3', 0, 'EUR'], ['o4', 10000, 'CNY']]);
    expect(new Date(rows[0].placed_at).toISOString()).toBe('2024-01-10T00:00:00.000Z');
    expect(new Date(rows[3].placed_at).toISOString()).toBe('2024-03-05T11:00:00.000Z');
  });

  it('changes nothing when the same file (gzipped) is imported again', async () => {
    const report = await importOrderHistory(use(), writeFixture(FIXTURE, true), { merchantId: AURELIA });
    expect(report).toMatchObject({ ordersImported: 0, linesImported: 0, customersCreated: 0, skusCreated: 0, ordersAlreadyImported: 4 });
    const { rows: [n] } = await use().db.execute(sql`select count(*)::int as orders, (select count(*)::int from insights_order_lines) as lines from insights_orders`);
    expect(n).toMatchObject({ orders: 4, lines: 5 });
  });

  it('refuses a file whose header is not the import columns', async () => {
    await expect(importOrderHistory(use(), writeFixture('customer,order\nc1,o1\n'), { merchantId: AURELIA })).rejects.toMatchObject({ code: 'insights.import_header_invalid' });
  });

  it('captures live orders, payments and returns from outbox events once, even when redelivered', async () => {
    liveOrder = randomUUID();
    const placed = event('order.placed', {
      orderId: liveOrder, accountId: CARMEN, channel: 'web', currency: 'EUR', totalMinor: 2000,
      lines: [{ skuId: demoId('sku:LUMEN-LONGJING-50G'), merchantId: LUMEN, quantity: 2, amountMinor: 2000 }],
    }, '2024-03-10T09:00:00Z');
    const paid = event('order.paid', { orderId: liveOrder, from: 'pending_payment', to: 'paid' }, '2024-03-10T09:00:01Z');
    const returned = event('order.returned', { orderId: `import:${AURELIA}:o1`, amountMinor: 250, currency: 'EUR' }, '2024-02-01T00:00:00Z');
    const applied = await withTx(use().db, (tx) => applyOrderEvents(tx, [placed, paid, returned]));
    expect(applied).toBe(3);
    expect(await withTx(use().db, (tx) => applyOrderEvents(tx, [placed, paid, returned]))).toBe(0);
    const { rows } = await use().db.execute(sql`select status, channel from insights_orders where order_key = ${liveOrder}`);
    expect(rows[0]).toMatchObject({ status: 'paid', channel: 'web' });
  });

  it('computes GMV, AOV, customers, repeat rate, refunds and the channel mix exactly, in one currency', async () => {
    const s = await summary(use().db, scope({ merchantId: AURELIA }));
    expect(s).toMatchObject({
      gmvMinor: 1250 + 500 + 0 + 1282, orders: 4, units: 8, customers: 3, aovMinor: 758, refundsMinor: 250, netSalesMinor: 3032 - 250,
      newCustomers: 3, returningCustomers: 0, repeatRate: 0.3333, ordersPerCustomer: 1.3333, unpricedLines: 1,
    });
    const all = await summary(use().db, scope());
    expect(all).toMatchObject({ gmvMinor: 3032 + 2000, orders: 5, customers: 4 });
    expect(all.channels).toEqual([{ channel: 'import', orders: 4, gmvMinor: 3032, share: 0.6025 }, { channel: 'web', orders: 1, gmvMinor: 2000, share: 0.3975 }]);
  });

  it('counts a customer as returning when they bought before the range, and nothing after the as-of date', async () => {
    const fromFeb = await summary(use().db, scope({ from: new Date('2024-02-01T00:00:00Z'), merchantId: AURELIA }));
    expect(fromFeb).toMatchObject({ orders: 3, gmvMinor: 1782, customers: 3, newCustomers: 2, returningCustomers: 1, repeatRate: 0 });
    const asOfMarch = await summary(use().db, scope({ asOf: new Date('2024-03-01T00:00:00Z'), merchantId: AURELIA }));
    expect(asOfMarch).toMatchObject({ orders: 3, gmvMinor: 1750, customers: 2 });
  });

  it('reports in the order currency without any rate, and refuses a currency with no recorded rate', async () => {
    const cny = await summary(use().db, scope({ currency: 'CNY', from: new Date('2024-03-01T00:00:00Z'), merchantId: AURELIA }));
    expect(cny.gmvMinor).toBe(10000);
    await expect(summary(use().db, scope({ currency: 'USD', merchantId: AURELIA }))).rejects.toMatchObject({ code: 'insights.fx_rate_missing' });
  });

  it('breaks GMV down per merchant and per category', async () => {
    const merchants = await breakdown(use().db, scope(), 'merchant');
    expect(merchants.map((m) => [m.key, m.gmvMinor, m.orders])).toEqual([[AURELIA, 3032, 4], [LUMEN, 2000, 1]]);
    const categories = await breakdown(use().db, scope({ merchantId: AURELIA }), 'category');
    // bolsos: o1's A 1000 + o2 500 + o4 1282; unknown category: B 250 + C 0
    expect(categories.map((c) => [c.label, c.gmvMinor, c.units])).toEqual([['bolsos', 2782, 4], [null, 250, 4]]);
  });

  it('builds cohorts by first-purchase month with retention up to the as-of date', async () => {
    const rows = await cohorts(use().db, scope({ merchantId: AURELIA }));
    expect(rows.map((r) => [r.cohort, r.customers, r.retained])).toEqual([
      ['2024-01', 1, [1, 1, 0, 0, 0, 0]], ['2024-02', 1, [1, 0, 0, 0, 0]], ['2024-03', 1, [1, 0, 0, 0]],
    ]);
  });

  it('scores RFM: recency in whole days to the as-of date, orders, total spend', async () => {
    const report = await rfm(use().db, { asOf: new Date('2024-06-01T00:00:00Z'), currency: 'EUR', merchantId: AURELIA });
    expect(report.rows.map((r) => [r.recencyDays, r.frequency, r.monetaryMinor])).toEqual([[106, 2, 1750], [87, 1, 1282], [102, 1, 0]]);
    expect(report.segments.reduce((s, g) => s + g.customers, 0)).toBe(3);
  });

  describe('over HTTP', () => {
    let operator: string, aurelia: string, lumen: string, carmen: string, analyst: string;
    beforeAll(async () => {
      await withTx(use().db, (tx) => createAccount(tx, { email: 'ana@mercato.test', password: 'sirius-granite-77', displayName: 'Ana Analyst', role: 'analyst' }));
      [operator, aurelia, lumen, carmen, analyst] = await Promise.all(['operator@mercato.test', 'aurelia@mercato.test', 'lumen@mercato.test', 'carmen@mercato.test'].map((e) => signInAs(app, e)).concat(signInAs(app, 'ana@mercato.test', 'sirius-granite-77')));
    });
    const q = 'from=2024-01-01&to=2024-04-01&asOf=2024-06-01';

    it('shows a merchant only its own figures, and 404s another merchant', async () => {
      const own = await app.inject({ url: `/v1/insights/summary?${q}`, headers: auth(aurelia) });
      expect(own.statusCode).toBe(200);
      expect(own.json()).toMatchObject({ gmvMinor: 3032, orders: 4 });
      const theirs = await app.inject({ url: `/v1/insights/summary?${q}`, headers: auth(lumen) });
      expect(theirs.json()).toMatchObject({ gmvMinor: 2000, orders: 1, customers: 1 });
      expectProblem(await app.inject({ url: `/v1/insights/summary?${q}&merchantId=${LUMEN}`, headers: auth(aurelia) }), 404, 'http.not_found');
      const analystView = await app.inject({ url: `/v1/insights/summary?${q}`, headers: auth(analyst) });
      expect(analystView.json()).toMatchObject({ gmvMinor: 5032, orders: 5 });
      const operatorView = await app.inject({ url: `/v1/insights/summary?${q}&merchantId=${LUMEN}`, headers: auth(operator) });
      expect(operatorView.json()).toMatchObject({ gmvMinor: 2000 });
    });

    it('refuses shoppers and anonymous callers, and bad ranges, as problem+json', async () => {
      expectProblem(await app.inject({ url: `/v1/insights/summary?${q}`, headers: auth(carmen) }), 403, 'http.forbidden');
      expectProblem(await app.inject({ url: `/v1/insights/summary?${q}` }), 401, 'http.unauthenticated');
      expectProblem(await app.inject({ url: '/v1/insights/summary?from=2024-05-01&to=2024-04-01', headers: auth(analyst) }), 400, 'insights.range_invalid');
      expectProblem(await app.inject({ url: '/v1/insights/summary?from=yesterday', headers: auth(analyst) }), 400, 'http.validation');
      expectProblem(await app.inject({ url: `/v1/insights/summary?${q}&currency=USD`, headers: auth(analyst) }), 422, 'insights.fx_rate_missing');
    });

    it('downloads each report as CSV', async () => {
      const response = await app.inject({ url: `/v1/insights/breakdown?${q}&by=merchant&format=csv`, headers: auth(analyst) });
      expect(response.headers['content-type']).toMatch(/^text\/csv/);
      expect(response.body.split('\r\n').slice(0, 3)).toEqual(['key,label,orders,gmvMinor,units,share', `${AURELIA},,4,3032,8,0.6025`, `${LUMEN},,1,2000,2,0.3975`]);
      const cohortsCsv = await app.inject({ url: `/v1/insights/cohorts?${q}&format=csv`, headers: auth(aurelia) });
      expect(cohortsCsv.body.split('\r\n')[1]).toBe('2024-01,1,1,1,0,0,0,0');
    });

    it('takes beacons at once, writes them in a batch, and counts the funnel and zero-result searches', async () => {
      const now = new Date();
      const visitor = 'visitor-0001';
      const beacon = await app.inject({ method: 'POST', url: '/v1/insights/events', payload: { events: [
        { kind: 'product_view', channel: 'web', visitorKey: visitor, merchantId: LUMEN },
        { kind: 'search', channel: 'app', visitorKey: visitor, query: 'Oolong  ', resultCount: 0 },
        { kind: 'search', channel: 'web', visitorKey: visitor, query: 'oolong', resultCount: 0 },
        { kind: 'search', channel: 'web', visitorKey: visitor, query: 'longjing', resultCount: 3 },
      ] } });
      expect(beacon.statusCode).toBe(202);
      await app.inject({ method: 'POST', url: '/v1/insights/events', headers: auth(carmen), payload: { events: [
        { kind: 'product_view', channel: 'app', merchantId: LUMEN }, { kind: 'cart_add', channel: 'app', merchantId: LUMEN, quantity: 1 },
      ] } });
      expect(await insightsRuntime(app).behaviour.flush()).toBe(6);
      const window = `from=${new Date(now.getTime() - 3_600_000).toISOString()}&to=${new Date(now.getTime() + 3_600_000).toISOString()}`.replace(/\+/g, '%2B');
      const searches = await app.inject({ url: `/v1/insights/zero-result-searches?${window}`, headers: auth(analyst) });
      expect(searches.json().items).toEqual([expect.objectContaining({ query: 'oolong', searches: 2 })]);
      const f = await app.inject({ url: `/v1/insights/funnel?${window}`, headers: auth(lumen) });
      expect(f.json()).toMatchObject({ viewers: 2, cartAdders: 1, buyers: 0, viewToCart: 0.5 });
      expectProblem(await app.inject({ method: 'POST', url: '/v1/insights/events', payload: { events: [{ kind: 'purchase', channel: 'web' }] } }), 400, 'http.validation');
    });

    it('applies order events published on the bus (the app\'s own subscriber)', async () => {
      const orderId = randomUUID();
      await busOf(app).publish([
        event('order.placed', { orderId, accountId: CARMEN, channel: 'pos', locationId: SOL, currency: 'EUR', totalMinor: 700, lines: [{ skuId: DUOMO_NERO, merchantId: AURELIA, quantity: 1, amountMinor: 700 }] }, '2024-03-20T10:00:00Z'),
        event('order.paid', { orderId }, '2024-03-20T10:00:01Z'),
      ]);
      await insightsRuntime(app).orders.flush();
      const mix = await app.inject({ url: `/v1/insights/breakdown?${q}&by=channel`, headers: auth(aurelia) });
      expect(mix.json().rows.map((r: any) => [r.key, r.orders, r.gmvMinor])).toEqual([['import', 4, 3032], ['till', 1, 700]]);
      const stores = await app.inject({ url: `/v1/insights/breakdown?${q}&by=store`, headers: auth(aurelia) });
      expect(stores.json().rows).toEqual([expect.objectContaining({ key: SOL, orders: 5, gmvMinor: 3732 })]);
    });
  });
});
