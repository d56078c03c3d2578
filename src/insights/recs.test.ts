import { expect, it, beforeAll, afterAll } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { describeEachBackend } from '../../test/db.js';
import { auth, expectProblem, signInAs, testApp } from '../../test/http.js';
import { withTx } from '../db/tx.js';
import { demoId } from '../seed/demo-id.js';
import type { DomainEvent } from '../events/index.js';
import { importOrderHistory } from './import.js';
import { applyOrderEvents } from './capture.js';
import { generateHistory } from './cli.js';
import { insightsRuntime } from './routes.js';

const AURELIA = demoId('merchant:casa-aurelia');
const LUMEN = demoId('merchant:lumen-tea');
const CARMEN = demoId('account:carmen@mercato.test');
const GIULIA = demoId('account:giulia@mercato.test');
const DAY = 86_400_000;

let seq = 1;
function paidOrder(accountId: string, skuIds: string[], at: Date, merchantId = LUMEN): DomainEvent[] {
  const orderId = randomUUID();
  const base = { aggregateId: orderId, createdAt: at };
  return [
    { ...base, id: seq++, eventId: randomUUID(), topic: 'order.placed', payload: { orderId, accountId, channel: 'app', currency: 'EUR', totalMinor: 100 * skuIds.length, lines: skuIds.map((skuId) => ({ skuId, merchantId, quantity: 1, amountMinor: 100 })) } },
    { ...base, id: seq++, eventId: randomUUID(), topic: 'order.paid', payload: { orderId } },
  ];
}

describeEachBackend('insights: recommendations and offers', (use) => {
  let app: FastifyInstance;
  let operator: string, carmen: string, associate: string, aurelia: string, giulia: string;

  beforeAll(async () => {
    app = await testApp(use(), { seed: true });
    const file = join(mkdtempSync(join(tmpdir(), 'recs-')), 'grocery.csv');
    await generateHistory(file, 'grocery', 4000, 5);
    await importOrderHistory(use(), file, { merchantId: AURELIA });
    [operator, carmen, associate, aurelia, giulia] = await Promise.all(['operator@mercato.test', 'carmen@mercato.test', 'associate.sol@mercato.test', 'aurelia@mercato.test', 'giulia@mercato.test'].map((e) => signInAs(app, e)));
  }, 120_000);
  afterAll(async () => { await app?.close(); });

  it('trains on every paid order and serves "for you" by the import\'s customer reference', async () => {
    const trained = await app.inject({ method: 'POST', url: '/v1/insights/models/train', headers: auth(operator), payload: { asOf: '2030-01-01' } });
    expect(trained.statusCode).toBe(200);
    expect(trained.json().orderLines).toBeGreaterThanOrEqual(4000);
    const byRef = await app.inject({ url: '/v1/insights/recommendations?externalRef=C1&limit=5', headers: auth(operator) });
    expect(byRef.statusCode).toBe(200);
    const body = byRef.json();
    expect(body.items).toHaveLength(5);
    expect(body.items[0]).toMatchObject({ skuCode: expect.stringMatching(/^SKU-/), reasons: expect.arrayContaining(['buy_again']) });
    const byId = await app.inject({ url: `/v1/insights/recommendations?accountId=${body.accountId}&limit=5`, headers: auth(operator) });
    expect(byId.json().items).toEqual(body.items);
  });

  it('"buy again" lists only what the shopper bought; "next" nothing they own', async () => {
    const { rows } = await use().db.execute(sql`select distinct l.sku_id from insights_order_lines l join insights_customer_refs r on r.account_id = l.account_id where r.external_ref = 'C1'`);
    const owned = new Set(rows.map((r) => String(r.sku_id)));
    const again = (await app.inject({ url: '/v1/insights/recommendations?externalRef=C1&kind=buy_again&limit=50', headers: auth(operator) })).json();
    expect(again.items.length).toBe(owned.size);
    expect(again.items.every((i: any) => owned.has(i.skuId))).toBe(true);
    const next = (await app.inject({ url: '/v1/insights/recommendations?externalRef=C1&kind=next&limit=10', headers: auth(operator) })).json();
    expect(next.items.length).toBe(10);
    expect(next.items.some((i: any) => owned.has(i.skuId))).toBe(false);
  });

  it('uses only orders up to asOf', async () => {
    const early = (await app.inject({ url: '/v1/insights/recommendations?externalRef=C1&kind=buy_again&asOf=2021-12-31', headers: auth(operator) })).json();
    expect(early.items).toEqual([]);
  });

  it('shows bought-together to anyone, and ranks given candidates for a shopper', async () => {
    const { rows: [top] } = await use().db.execute(sql`select sku_id from insights_item_stats order by orders desc, sku_id limit 1`);
    const together = await app.inject({ url: `/v1/insights/products/${top.sku_id}/bought-together?limit=3` });
    expect(together.statusCode).toBe(200);
    expect(together.json().items).toHaveLength(3);
    const candidates = [String(top.sku_id), ...together.json().items.map((i: any) => i.skuId), randomUUID()];
    const ranked = await app.inject({ method: 'POST', url: '/v1/insights/recommendations/rank', headers: auth(operator), payload: { externalRef: 'C2', candidates } });
    expect(ranked.statusCode).toBe(200);
    expect(ranked.json().items.map((i: any) => i.skuId).sort()).toEqual([...candidates].sort());
  });

  it('lets a shopper ask only for their own recommendations', async () => {
    const own = await app.inject({ url: '/v1/insights/recommendations', headers: auth(carmen) });
    expect(own.statusCode).toBe(200);
    expect(own.json().accountId).toBe(CARMEN);
    expectProblem(await app.inject({ url: '/v1/insights/recommendations?externalRef=C1', headers: auth(carmen) }), 403, 'http.forbidden');
    expectProblem(await app.inject({ url: '/v1/insights/recommendations?externalRef=nobody', headers: auth(operator) }), 404, 'insights.customer_not_found');
    expectProblem(await app.inject({ url: '/v1/insights/recommendations', headers: auth(operator) }), 400, 'http.validation');
    expectProblem(await app.inject({ url: '/v1/insights/recommendations?externalRef=C1', headers: auth(aurelia) }), 403, 'http.forbidden');
  });

  it('adds a newly paid order to the model counts at once (incremental)', async () => {
    const [a, b] = [randomUUID(), randomUUID()];
    await withTx(use().db, (tx) => applyOrderEvents(tx, paidOrder(CARMEN, [a, b], new Date())));
    await withTx(use().db, (tx) => applyOrderEvents(tx, paidOrder(GIULIA, [a, b], new Date())));
    const { rows } = await use().db.execute(sql`select together from insights_item_pairs where sku_id = ${a} and other_sku_id = ${b}`);
    expect(Number(rows[0].together)).toBe(2);
    await insightsRuntime(app).models.reload();
    const together = (await app.inject({ url: `/v1/insights/products/${a}/bought-together` })).json();
    expect(together.items.map((i: any) => i.skuId)).toEqual([b]);
  });

  it('evaluates against both baselines on the loaded history', async () => {
    const { evaluateRecommender } = await import('./recs.js');
    const e = await evaluateRecommender(use().db, new Date('2030-01-01T00:00:00Z'));
    expect(e.customers).toBeGreaterThan(50);
    for (const m of [e.recommender, e.popularity, e.personalFrequency]) {
      expect(m.recallAt10).toBeGreaterThan(0);
      expect(m.hitRateAt10).toBeGreaterThanOrEqual(m.recallAt10 * 0);
    }
    expect(e.recommender.recallAt10).toBeGreaterThan(e.popularity.recallAt10);
  });

  it('sends an offer to a segment, shows it in the shopper\'s app, redeems it once at the till', async () => {
    // Carmen and Giulia last bought 400 days ago (lapsed); the imported shoppers bought before 2026.
    const old = new Date(Date.now() - 400 * DAY);
    await withTx(use().db, async (tx) => {
      await tx.execute(sql`update insights_orders set placed_at = ${old.toISOString()} where account_id in (${CARMEN}, ${GIULIA})`);
    });
    const now = Date.now();
    const created = await app.inject({ method: 'POST', url: '/v1/insights/offers', headers: auth(operator), payload: {
      code: 'COMEBACK-10', title: '10 % off your next basket', kind: 'percent', value: 10, segment: { type: 'lapsed', days: 180 }, controlPercent: 0,
      validFrom: new Date(now - 60_000).toISOString(), validTo: new Date(now + 7 * DAY).toISOString(),
    } });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ code: 'COMEBACK-10', control: 0 });
    expect(created.json().recipients).toBeGreaterThanOrEqual(2);
    const mine = (await app.inject({ url: '/v1/insights/me/offers', headers: auth(carmen) })).json();
    expect(mine.items.map((o: any) => o.code)).toEqual(['COMEBACK-10']);

    const redeemed = await app.inject({ method: 'POST', url: '/v1/insights/offers/redemptions', headers: auth(associate), payload: { code: 'COMEBACK-10', accountId: CARMEN } });
    expect(redeemed.statusCode).toBe(201);
    expect(redeemed.json()).toMatchObject({ kind: 'percent', value: 10 });
    expectProblem(await app.inject({ method: 'POST', url: '/v1/insights/offers/redemptions', headers: auth(associate), payload: { code: 'COMEBACK-10', accountId: CARMEN } }), 409, 'insights.offer_already_redeemed');
    expectProblem(await app.inject({ method: 'POST', url: '/v1/insights/offers/redemptions', headers: auth(associate), payload: { code: 'COMEBACK-10', accountId: demoId('account:wei@mercato.test') } }), 422, 'insights.offer_not_for_shopper');
    expectProblem(await app.inject({ method: 'POST', url: '/v1/insights/offers/redemptions', headers: auth(carmen), payload: { code: 'COMEBACK-10', accountId: CARMEN } }), 403, 'http.forbidden');
    expect((await app.inject({ url: '/v1/insights/me/offers', headers: auth(carmen) })).json().items).toEqual([]);
    expectProblem(await app.inject({ method: 'POST', url: '/v1/insights/offers', headers: auth(operator), payload: {
      code: 'COMEBACK-10', title: 'again', kind: 'percent', value: 10, segment: { type: 'lapsed', days: 180 }, controlPercent: 0, validFrom: new Date(now).toISOString(), validTo: new Date(now + DAY).toISOString(),
    } }), 409, 'insights.offer_code_taken');
  });

  it('holds out a control group and measures uplift against it', async () => {
    const now = Date.now();
    const created = await app.inject({ method: 'POST', url: '/v1/insights/offers', headers: auth(operator), payload: {
      code: 'GROCERY-5', title: '5 EUR off', kind: 'amount', value: 500, currency: 'EUR', segment: { type: 'channel', channel: 'import', withinDays: 3650 }, controlPercent: 50,
      validFrom: new Date(now - 60_000).toISOString(), validTo: new Date(now + 7 * DAY).toISOString(),
    } });
    expect(created.statusCode, created.body).toBe(201);
    const offer = created.json();
    expect(offer.control).toBeGreaterThan(offer.recipients * 0.3);
    expect(offer.control).toBeLessThan(offer.recipients * 0.7);
    const { rows } = await use().db.execute(sql`select account_id, control from insights_offer_recipients where offer_id = ${offer.id} order by account_id`);
    const treated = rows.filter((r) => !r.control).map((r) => String(r.account_id));
    const held = rows.filter((r) => r.control).map((r) => String(r.account_id));
    // Two treated shoppers and one held-out shopper buy during the offer.
    for (const accountId of [treated[0], treated[1], held[0]]) await withTx(use().db, (tx) => applyOrderEvents(tx, paidOrder(accountId, [randomUUID()], new Date(), AURELIA)));
    await withTx(use().db, (tx) => tx.execute(sql`update insights_offer_recipients set redeemed_at = now() where offer_id = ${offer.id} and account_id = ${treated[0]}`));
    const results = (await app.inject({ url: `/v1/insights/offers/${offer.id}`, headers: auth(operator) })).json().results;
    const tConv = 2 / treated.length, cConv = 1 / held.length;
    expect(results).toMatchObject({
      treatment: { shoppers: treated.length, redeemed: 1, buyers: 2, conversion: Math.round(tConv * 1e4) / 1e4 },
      control: { shoppers: held.length, buyers: 1, conversion: Math.round(cConv * 1e4) / 1e4 },
      uplift: Math.round((tConv - cConv) * 1e4) / 1e4,
    });
    expectProblem(await app.inject({ method: 'POST', url: '/v1/insights/offers/redemptions', headers: auth(associate), payload: { code: 'GROCERY-5', accountId: held[0] } }), 422, 'insights.offer_not_for_shopper');
    // A merchant sees its own offers only; this one is the marketplace's.
    expectProblem(await app.inject({ url: `/v1/insights/offers/${offer.id}`, headers: auth(aurelia) }), 404, 'insights.offer_not_found');
    expectProblem(await app.inject({ url: `/v1/insights/offers/${offer.id}`, headers: auth(giulia) }), 403, 'http.forbidden');
  });
});
