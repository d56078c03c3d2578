import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { describeEachBackend } from '../../test/db.js';
import { auth, busOf, expectProblem, signInAs, testApp } from '../../test/http.js';
import { openStore, sellableSku, stock, topUp } from '../../test/commerce.js';
import { startReceiver } from '../../test/receiver.js';
import { withTx } from '../db/tx.js';
import { demoId } from '../seed/demo-id.js';
import { dispatchPending, recordEvent } from '../events/index.js';
import { fanOutToWebhooks } from './service.js';
import { claimDueDeliveries } from './service.js';
import { deliverDue } from './worker.js';
import { verifySignature } from './signature.js';
import { envelopeSchema, topicDefinition } from './catalogue.js';
import type { DeliveryPolicy } from './model.js';

const aurelia = demoId('merchant:casa-aurelia');
const lumen = demoId('merchant:lumen-tea');
const carmenId = demoId('account:carmen@mercato.test');
const HOME = { latitude: 42.3439, longitude: -3.6969, country: 'ES' }; // Burgos: only this file's store serves it

// Fast retries so that a test sees the whole life of a delivery in milliseconds.
const ajv = addFormats.default(new Ajv.default({ allErrors: true }));

const POLICY: DeliveryPolicy = { maxAttempts: 4, baseDelayMs: 5, maxDelayMs: 20, leaseMs: 300, timeoutMs: 3000, disableAfterFailures: 1000 };

describeEachBackend('webhooks', (use, kind) => {
  let app: FastifyInstance;
  let operator: string, lumenStaff: string, carmen: string;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let orderId: string;
  let bag: { skuId: string }, tea: { skuId: string };
  let storeId: string;

  beforeAll(async () => {
    receiver = await startReceiver((path, nth) => {
      if (path.startsWith('/flaky')) return nth <= 3 ? 500 : 200;
      if (path.startsWith('/dead')) return 503;
      return 200;
    });
    app = await testApp(use(), { seed: true });
    ({ bag, tea, storeId } = await withTx(use().db, async (tx) => {
      const store = await openStore(tx, { latitude: HOME.latitude + 0.01, longitude: HOME.longitude, city: 'Burgos' });
      const bag = await sellableSku(tx, { merchantId: aurelia, priceMinor: 12_900 });
      const tea = await sellableSku(tx, { merchantId: lumen, priceMinor: 1_250 });
      await stock(tx, store.id, bag.skuId, 50);
      await stock(tx, store.id, tea.skuId, 50);
      await topUp(tx, carmenId, 1_000_000);
      return { bag, tea, storeId: store.id };
    }));
    operator = await signInAs(app, 'operator@mercato.test');
    lumenStaff = await signInAs(app, 'lumen@mercato.test');
    carmen = await signInAs(app, 'carmen@mercato.test');
  }, 60_000);
  afterAll(async () => {
    await app.close();
    await receiver.close();
  });

  /** What the server's two loops do: the dispatcher fans out, the worker delivers. */
  async function pump(policy = POLICY, until?: () => boolean | Promise<boolean>, timeoutMs = 10_000) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      await dispatchPending(use().db, (events) => busOf(app).publish(events), 200, fanOutToWebhooks);
      await deliverDue(use().db, policy);
      if (!until || (await until())) return;
      if (Date.now() > deadline) throw new Error('pump: condition not reached in time');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  async function subscribe(token: string, payload: Record<string, unknown>) {
    const response = await app.inject({ method: 'POST', url: '/v1/webhook-subscriptions', headers: auth(token), payload });
    expect(response.statusCode, response.body).toBe(201);
    return response.json() as { id: string; secret: string; merchantId: string | null };
  }

  async function placeOrder(): Promise<string> {
    const { cartId } = (await app.inject({ method: 'POST', url: '/v1/carts', headers: auth(carmen), payload: { channel: 'app', currency: 'EUR' } })).json();
    for (const skuId of [bag.skuId, tea.skuId]) await app.inject({ method: 'PUT', url: `/v1/carts/${cartId}/lines/${skuId}`, headers: auth(carmen), payload: { quantity: 1 } });
    const offered = (await app.inject({ url: `/v1/carts/${cartId}/fulfilment-options?lat=${HOME.latitude}&lon=${HOME.longitude}&country=ES`, headers: auth(carmen) })).json();
    const option = offered.options.find((o: any) => o.shipments?.[0]?.sourceLocationId === storeId) ?? offered.options[0];
    const placed = await app.inject({ method: 'POST', url: `/v1/carts/${cartId}/checkout`, headers: auth(carmen), payload: { optionId: option.id, destination: HOME, payment: { provider: 'wallet' } } });
    expect(placed.statusCode, placed.body).toBe(201);
    return placed.json().orderId;
  }

  /** A fresh event about the order, as a domain would record it. */
  async function orderEvent(topic = 'order.paid'): Promise<string> {
    await withTx(use().db, (tx) => recordEvent(tx, topic, orderId, { orderId, from: 'pending_payment', to: 'paid' }));
    const { rows } = await use().db.execute(`select event_id from outbox order by id desc limit 1` as never) as { rows: Array<{ event_id: string }> };
    return String(rows[0].event_id);
  }

  it('signs every delivery, and carries the order as the API returns it to each subscriber (a merchant sees its lines only)', async () => {
    const platform = await subscribe(operator, { url: receiver.url('/platform'), topics: ['order.placed', 'order.paid'] });
    const tenant = await subscribe(lumenStaff, { url: receiver.url('/lumen'), topics: ['order.paid'] });
    expect(platform.merchantId).toBeNull();
    expect(tenant.merchantId).toBe(lumen);
    expect(platform.secret).toMatch(/^whsec_/);

    orderId = await placeOrder();
    await pump(POLICY, () => receiver.accepted('/platform').length >= 2 && receiver.accepted('/lumen').length >= 1);

    const toPlatform = receiver.accepted('/platform').map((r) => ({ ...r, json: JSON.parse(r.body) }));
    expect(toPlatform.map((r) => r.json.type).sort()).toEqual(['order.paid', 'order.placed']);
    for (const r of toPlatform) {
      const header = String(r.headers['mercato-signature']);
      expect(verifySignature({ secret: platform.secret, body: r.body, header })).toEqual({ ok: true, timestamp: expect.any(Number) });
      expect(verifySignature({ secret: platform.secret, body: r.body.replace('"EUR"', '"USD"'), header }).ok).toBe(false);
      expect(verifySignature({ secret: tenant.secret, body: r.body, header }).ok).toBe(false);
      expect(r.headers['mercato-event-id']).toBe(r.json.id);
      expect(r.headers['mercato-event-type']).toBe(r.json.type);
      // The body obeys the topic's published schema.
      const schema = envelopeSchema(topicDefinition(r.json.type)!);
      const validate = ajv.getSchema(String(schema.$id)) ?? ajv.compile(schema);
      expect(validate(r.json) ? [] : validate.errors).toEqual([]);
    }
    const paid = toPlatform.find((r) => r.json.type === 'order.paid')!.json;
    const asOperator = (await app.inject({ url: `/v1/orders/${orderId}`, headers: auth(operator) })).json();
    expect(paid.data.object).toEqual(asOperator);
    expect(paid.data.change).toMatchObject({ from: 'pending_payment', to: 'paid' });
    expect(new Set(paid.data.object.lines.map((l: any) => l.merchantId))).toEqual(new Set([aurelia, lumen]));

    const [toLumen] = receiver.accepted('/lumen');
    const lumenBody = JSON.parse(toLumen.body);
    expect(verifySignature({ secret: tenant.secret, body: toLumen.body, header: String(toLumen.headers['mercato-signature']) }).ok).toBe(true);
    expect(lumenBody.merchantId).toBe(lumen);
    expect(lumenBody.data.object).toEqual((await app.inject({ url: `/v1/orders/${orderId}`, headers: auth(lumenStaff) })).json());
    expect(lumenBody.data.object.lines.map((l: any) => l.merchantId)).toEqual([lumen]);
    // The signing secret is shown once; listings leave it out.
    const listed = (await app.inject({ url: '/v1/webhook-subscriptions', headers: auth(operator) })).json();
    expect(listed.items.length).toBeGreaterThanOrEqual(2);
    expect(JSON.stringify(listed)).not.toContain('whsec_');
  }, 60_000);

  it('a receiver that fails 3 times then succeeds gets the event once, and the log shows every answer', async () => {
    const sub = await subscribe(operator, { url: receiver.url('/flaky'), topics: ['order.paid'] });
    const eventId = await orderEvent();
    await pump(POLICY, () => receiver.accepted('/flaky').length >= 1);
    await pump(POLICY); // one more pass: nothing further may arrive
    expect(receiver.accepted('/flaky').map((r) => r.headers['mercato-event-id'])).toEqual([eventId]);
    expect(receiver.received.filter((r) => r.path === '/flaky').map((r) => r.status)).toEqual([500, 500, 500, 200]);
    const log = (await app.inject({ url: `/v1/webhook-subscriptions/${sub.id}/deliveries`, headers: auth(operator) })).json();
    expect(log.items).toHaveLength(1);
    expect(log.items[0]).toMatchObject({ eventId, status: 'succeeded', attempts: 4, lastStatusCode: 200 });
    expect(log.items[0].attemptLog.map((a: any) => a.statusCode)).toEqual([500, 500, 500, 200]);
    expect(log.items[0].attemptLog[0].responseExcerpt).toBe('receiver says no');
    // Retry attempts are numbered for the receiver too.
    expect(receiver.received.filter((r) => r.path === '/flaky').map((r) => r.headers['mercato-delivery-attempt'])).toEqual(['1', '2', '3', '4']);
  }, 30_000);

  it('a dead receiver ends in the dead-letter state; replay delivers once it is fixed', async () => {
    const sub = await subscribe(operator, { url: receiver.url('/dead'), topics: ['order.paid'] });
    const eventId = await orderEvent();
    const deliveries = async () => (await app.inject({ url: `/v1/webhook-subscriptions/${sub.id}/deliveries`, headers: auth(operator) })).json().items;
    await pump(POLICY, async () => (await deliveries())[0]?.status === 'dead');
    const [dead] = await deliveries();
    expect(dead.attemptLog.map((a: any) => a.statusCode)).toEqual([503, 503, 503, 503]);
    expect((await app.inject({ url: `/v1/webhook-subscriptions/${sub.id}/deliveries?status=dead`, headers: auth(operator) })).json().items).toHaveLength(1);
    await pump(POLICY);
    expect(receiver.received.filter((r) => r.path === '/dead')).toHaveLength(4); // dead means no more tries

    // A merchant cannot replay the platform's delivery.
    expectProblem(await app.inject({ method: 'POST', url: `/v1/webhook-deliveries/${dead.id}/replay`, headers: auth(lumenStaff) }), 404, 'webhooks.delivery_not_found');
    receiver.setAnswer((path, nth) => (path.startsWith('/flaky') ? (nth <= 3 ? 500 : 200) : 200));
    const replay = await app.inject({ method: 'POST', url: `/v1/webhook-deliveries/${dead.id}/replay`, headers: auth(operator) });
    expect(replay.statusCode, replay.body).toBe(202);
    expect(replay.json()).toMatchObject({ status: 'pending', attempts: 0 });
    await pump(POLICY, () => receiver.accepted('/dead').length >= 1);
    expect(receiver.accepted('/dead').map((r) => r.headers['mercato-event-id'])).toEqual([eventId]);
    expect((await deliveries())[0]).toMatchObject({ status: 'succeeded', attempts: 1, lastStatusCode: 200 });
    receiver.setAnswer((path, nth) => (path.startsWith('/flaky') ? (nth <= 3 ? 500 : 200) : path.startsWith('/dead') ? 503 : 200));
  }, 30_000);

  it('disables a subscription after repeated failures, holds its deliveries, and sends them when re-enabled', async () => {
    const policy = { ...POLICY, maxAttempts: 100, disableAfterFailures: 3 };
    const sub = await subscribe(operator, { url: receiver.url('/dead-then-fixed'), topics: ['order.paid'] });
    const get = async () => (await app.inject({ url: `/v1/webhook-subscriptions/${sub.id}`, headers: auth(operator) })).json();
    await orderEvent();
    await pump(policy, async () => (await get()).status === 'disabled');
    expect(await get()).toMatchObject({ status: 'disabled', consecutiveFailures: 3, disabledReason: expect.stringContaining('3 failed attempts') });
    const tried = receiver.received.filter((r) => r.path === '/dead-then-fixed').length;
    await new Promise((resolve) => setTimeout(resolve, 50));
    await pump(policy);
    expect(receiver.received.filter((r) => r.path === '/dead-then-fixed')).toHaveLength(tried); // held while disabled

    receiver.setAnswer((path, nth) => (path.startsWith('/flaky') ? (nth <= 3 ? 500 : 200) : path === '/dead' ? 503 : 200));
    const enabled = await app.inject({ method: 'PATCH', url: `/v1/webhook-subscriptions/${sub.id}`, headers: auth(operator), payload: { status: 'active' } });
    expect(enabled.json()).toMatchObject({ status: 'active', consecutiveFailures: 0, disabledAt: null });
    await pump(policy, () => receiver.accepted('/dead-then-fixed').length === 1);
    receiver.setAnswer((path, nth) => (path.startsWith('/flaky') ? (nth <= 3 ? 500 : 200) : path.startsWith('/dead') ? 503 : 200));
  }, 30_000);

  it('takes over a delivery whose worker died mid-attempt once its lease lapses, and sends it once', async () => {
    const path = `/lease-${kind}`;
    await subscribe(operator, { url: receiver.url(path), topics: ['order.paid'] });
    const eventId = await orderEvent();
    await dispatchPending(use().db, (events) => busOf(app).publish(events), 200, fanOutToWebhooks);
    // A worker claims it and dies before sending (the claim is committed, nothing else happens).
    const claimed = await withTx(use().db, (tx) => claimDueDeliveries(tx, POLICY, 100));
    expect(claimed.map((c) => c.eventId)).toContain(eventId);
    expect(await deliverDue(use().db, POLICY)).toBe(0); // still leased: nobody else takes it
    await new Promise((resolve) => setTimeout(resolve, POLICY.leaseMs + 50));
    await pump(POLICY, () => receiver.accepted(path).length >= 1);
    expect(receiver.accepted(path).map((r) => r.headers['mercato-event-id'])).toEqual([eventId]);
  }, 30_000);

  it('lets N workers share the queue without sending anything twice (SKIP LOCKED)', async () => {
    const path = `/many-${kind}`;
    await subscribe(operator, { url: receiver.url(path), topics: ['order.paid'] });
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) ids.push(await orderEvent());
    await dispatchPending(use().db, (events) => busOf(app).publish(events), 200, fanOutToWebhooks);
    const workers = Array.from({ length: 4 }, async () => {
      // A lease longer than the test: a second send could only come from two claims of one row.
      while ((await deliverDue(use().db, { ...POLICY, leaseMs: 60_000 }, { limit: 3 })) > 0) { /* drain */ }
    });
    await Promise.all(workers);
    const got = receiver.accepted(path).map((r) => String(r.headers['mercato-event-id']));
    expect(got.sort()).toEqual([...ids].sort());
  }, 30_000);

  it('refuses unknown topics and keeps tenants apart', async () => {
    expectProblem(await app.inject({ method: 'POST', url: '/v1/webhook-subscriptions', headers: auth(operator), payload: { url: receiver.url('/x'), topics: ['order.teleported'] } }), 400, 'webhooks.unknown_topic');
    expectProblem(await app.inject({ method: 'POST', url: '/v1/webhook-subscriptions', headers: auth(operator), payload: { url: 'ftp://example.org/x', topics: ['order.paid'] } }), 400, 'http.validation');
    expectProblem(await app.inject({ method: 'POST', url: '/v1/webhook-subscriptions', headers: auth(carmen), payload: { url: receiver.url('/x'), topics: ['order.paid'] } }), 403, 'http.forbidden');
    // Merchant staff cannot subscribe for another merchant, nor see the platform's subscriptions.
    expectProblem(await app.inject({ method: 'POST', url: '/v1/webhook-subscriptions', headers: auth(lumenStaff), payload: { url: receiver.url('/x'), topics: ['order.paid'], merchantId: aurelia } }), 404, 'http.not_found');
    const platform = await subscribe(operator, { url: receiver.url('/x'), topics: ['order.paid'] });
    expectProblem(await app.inject({ url: `/v1/webhook-subscriptions/${platform.id}`, headers: auth(lumenStaff) }), 404, 'webhooks.subscription_not_found');
    const mine = (await app.inject({ url: '/v1/webhook-subscriptions', headers: auth(lumenStaff) })).json();
    expect(mine.items.every((s: any) => s.merchantId === lumen)).toBe(true);
    const deleted = await app.inject({ method: 'DELETE', url: `/v1/webhook-subscriptions/${platform.id}`, headers: auth(operator) });
    expect(deleted.statusCode).toBe(204);
    const topics = (await app.inject({ url: '/v1/webhook-topics' })).json();
    expect(topics.items.map((t: any) => t.topic)).toContain('fulfilment.ready_for_pickup');
  });
});
