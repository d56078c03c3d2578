import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { generateKeyPairSync } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { describeEachBackend } from '../../test/db.js';
import { auth, expectProblem, signInAs, testApp } from '../../test/http.js';
import { demoId } from '../seed/demo-id.js';
import { withTx } from '../db/tx.js';
import { alipaySignContent, rsa2Verify, signAlipayNotification } from './providers/alipay.js';
import { newOrder } from './testing.js';

const lumen = demoId('merchant:lumen-tea');
const aurelia = demoId('merchant:casa-aurelia');
const carmen = demoId('account:carmen@mercato.test');

// Two key pairs, as in real life: ours signs requests, the provider's signs notifications.
const pem = { type: 'spki', format: 'pem' } as const;
const pkcs8 = { type: 'pkcs8', format: 'pem' } as const;
const appKeys = generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: pem, privateKeyEncoding: pkcs8 });
const alipayKeys = generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: pem, privateKeyEncoding: pkcs8 });
const strangerKeys = generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: pem, privateKeyEncoding: pkcs8 });

const form = (params: Record<string, string>) => ({ 'content-type': 'application/x-www-form-urlencoded' as const, body: new URLSearchParams(params).toString() });

describeEachBackend('payments API', (use) => {
  let app: FastifyInstance;
  let operator: string, carmenToken: string, weiToken: string, associateSol: string, associateDuomo: string, lumenStaff: string, aureliaStaff: string;

  beforeAll(async () => {
    process.env.MERCATO_ALIPAY_APP_ID = '2021000000000001';
    process.env.MERCATO_ALIPAY_PRIVATE_KEY = appKeys.privateKey;
    process.env.MERCATO_ALIPAY_PUBLIC_KEY = alipayKeys.publicKey;
    app = await testApp(use(), { seed: true });
    [operator, carmenToken, weiToken, associateSol, associateDuomo, lumenStaff, aureliaStaff] = await Promise.all([
      'operator@mercato.test', 'carmen@mercato.test', 'wei@mercato.test', 'associate.sol@mercato.test', 'associate.duomo@mercato.test', 'lumen@mercato.test', 'aurelia@mercato.test',
    ].map((email) => signInAs(app, email)));
  });
  afterAll(async () => {
    await app.close();
    for (const name of ['MERCATO_ALIPAY_APP_ID', 'MERCATO_ALIPAY_PRIVATE_KEY', 'MERCATO_ALIPAY_PUBLIC_KEY']) delete process.env[name];
  });

  const balanceOf = async (token: string, currency: string) => {
    const wallets = (await app.inject({ url: '/v1/wallet', headers: auth(token) })).json().wallets as Array<{ currency: string; balanceMinor: number }>;
    return wallets.find((w) => w.currency === currency)?.balanceMinor ?? 0;
  };

  it('shows the shopper the seeded wallet, and refuses the wallet to staff', async () => {
    const response = await app.inject({ url: '/v1/wallet', headers: auth(carmenToken) });
    expect(response.statusCode).toBe(200);
    expect(response.json().wallets).toEqual([{ currency: 'EUR', balanceMinor: 25_000, exponent: 2 }]);
    expectProblem(await app.inject({ url: '/v1/wallet', headers: auth(operator) }), 403, 'http.forbidden');
    expectProblem(await app.inject({ url: '/v1/wallet' }), 401, 'http.unauthenticated');
  });

  it('pays once per Idempotency-Key and pages through the statement with a cursor', async () => {
    const pay = (key: string) => app.inject({ method: 'POST', url: '/v1/wallet/payments', headers: { ...auth(carmenToken), 'idempotency-key': key }, payload: { amountMinor: 1_000, currency: 'EUR' } });
    const first = await pay('coffee-1');
    expect(first.statusCode).toBe(201);
    expect(first.json().balanceMinor).toBe(24_000);
    const retry = await pay('coffee-1');
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.json().intent.id).toBe(first.json().intent.id);
    expect((await pay('coffee-2')).json().balanceMinor).toBe(23_000);
    expect(await balanceOf(carmenToken, 'EUR')).toBe(23_000);

    const page1 = (await app.inject({ url: '/v1/wallet/statement?currency=EUR&limit=2', headers: auth(carmenToken) })).json();
    expect(page1.items.map((l: { amountMinor: number }) => l.amountMinor)).toEqual([-1000, -1000]);
    const page2 = (await app.inject({ url: `/v1/wallet/statement?currency=EUR&limit=2&cursor=${page1.nextCursor}`, headers: auth(carmenToken) })).json();
    expect(page2.items).toMatchObject([{ amountMinor: 25_000, kind: 'top_up', memo: 'welcome credit' }]);
    expect(page2.nextCursor).toBeNull();
    expectProblem(await app.inject({ url: '/v1/wallet/statement?currency=EUR&cursor=forged', headers: auth(carmenToken) }), 400, 'payments.cursor_invalid');
    expectProblem(await app.inject({ method: 'POST', url: '/v1/wallet/payments', headers: auth(carmenToken), payload: { amountMinor: 1_000_000, currency: 'EUR' } }), 409, 'payments.insufficient_funds');
  });

  it('tops up with the card sandbox: the provider answers asynchronously, then the wallet is credited', async () => {
    const response = await app.inject({ method: 'POST', url: '/v1/wallet/top-ups', headers: auth(weiToken), payload: { amountMinor: 50_000, currency: 'CNY', provider: 'card_sandbox', cardNumber: '4242 4242 4242 4242' } });
    expect(response.statusCode).toBe(201);
    const { intent, nextAction } = response.json();
    expect(intent.status).toBe('processing');
    expect(nextAction).toEqual({ type: 'await_notification', provider: 'card_sandbox' });
    await expect.poll(async () => (await app.inject({ url: `/v1/payment-intents/${intent.id}`, headers: auth(weiToken) })).json().status, { timeout: 10_000 }).toBe('captured');
    expect(await balanceOf(weiToken, 'CNY')).toBe(250_000);
    // Another shopper does not learn it exists.
    expectProblem(await app.inject({ url: `/v1/payment-intents/${intent.id}`, headers: auth(carmenToken) }), 404, 'payments.intent_not_found');
    expectProblem(await app.inject({ method: 'POST', url: '/v1/wallet/top-ups', headers: auth(weiToken), payload: { amountMinor: 100, currency: 'CNY', provider: 'card_sandbox', cardNumber: '1234' } }), 400, 'payments.card_unknown');
  });

  it('refuses a card sandbox notification with a forged signature', async () => {
    const body = { id: 'evt_forged', intentId: '00000000-0000-4000-8000-000000000001', type: 'authorised', amountMinor: 1, currency: 'EUR', providerReference: 'x' };
    const response = await app.inject({ method: 'POST', url: '/v1/payments/notifications/card_sandbox', headers: { 'x-sandbox-signature': 'ab'.repeat(32) }, payload: body });
    expectProblem(response, 400, 'payments.bad_signature');
  });

  it('pays an order with Alipay: the request is RSA2-signed with our key, the notification verified with the provider\'s', async () => {
    const order = await withTx(use().db, (tx) => newOrder(tx, { accountId: carmen, currency: 'EUR', lines: [{ merchantId: lumen, amountMinor: 12_345 }], paidAt: null }));
    const mismatched = await app.inject({ method: 'POST', url: '/v1/payment-intents', headers: auth(carmenToken), payload: { orderId: order.orderId, provider: 'alipay', amountMinor: 12_345, currency: 'CNY' } });
    expectProblem(mismatched, 409, 'payments.amount_mismatch');
    const created = await app.inject({ method: 'POST', url: '/v1/payment-intents', headers: auth(carmenToken), payload: { orderId: order.orderId, provider: 'alipay', amountMinor: 12_345, currency: 'EUR' } });
    expect(created.statusCode).toBe(201);
    const intentId = created.json().id;
    const authorised = (await app.inject({ method: 'POST', url: `/v1/payment-intents/${intentId}/authorise`, headers: auth(carmenToken), payload: {} })).json();
    expect(authorised.intent.status).toBe('processing');
    expectProblem(await app.inject({ method: 'POST', url: `/v1/payment-intents/${intentId}/authorise`, headers: auth(carmenToken), payload: {} }), 409, 'payments.invalid_transition');
    const params = authorised.nextAction.params as Record<string, string>;
    expect(params).toMatchObject({ method: 'alipay.trade.precreate', sign_type: 'RSA2', app_id: '2021000000000001' });
    expect(JSON.parse(params.biz_content)).toMatchObject({ out_trade_no: intentId, total_amount: '123.45' });
    // The provider's side: our request verifies with our public key, and not once tampered.
    expect(rsa2Verify(alipaySignContent(params), params.sign, appKeys.publicKey)).toBe(true);
    expect(rsa2Verify(alipaySignContent({ ...params, biz_content: params.biz_content.replace('123.45', '1.00') }), params.sign, appKeys.publicKey)).toBe(false);

    const notification = signAlipayNotification({
      notify_id: `n-${intentId}`, notify_time: '2026-11-11 20:11:11', app_id: '2021000000000001', out_trade_no: intentId, trade_no: '2026111122001400000000000001',
      trade_status: 'TRADE_SUCCESS', total_amount: '123.45', subject: '茶',
    }, alipayKeys.privateKey);
    const notify = () => app.inject({ method: 'POST', url: '/v1/payments/notifications/alipay', headers: { 'content-type': form(notification)['content-type'] }, payload: form(notification).body });

    const tampered = { ...notification, total_amount: '1.00' };
    expectProblem(await app.inject({ method: 'POST', url: '/v1/payments/notifications/alipay', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: form(tampered).body }), 400, 'payments.bad_signature');
    const stranger = signAlipayNotification({ ...notification, notify_id: `s-${intentId}` }, strangerKeys.privateKey);
    expectProblem(await app.inject({ method: 'POST', url: '/v1/payments/notifications/alipay', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: form(stranger).body }), 400, 'payments.bad_signature');
    expect((await app.inject({ url: `/v1/payment-intents/${intentId}`, headers: auth(carmenToken) })).json().status).toBe('processing');

    const accepted = await notify();
    expect(accepted.statusCode).toBe(200);
    expect(accepted.body).toBe('success');
    expect((await notify()).body).toBe('success');
    // Late and out of order: the trade closing after it was paid changes nothing.
    const closed = signAlipayNotification({ ...notification, notify_id: `c-${intentId}`, trade_status: 'TRADE_CLOSED' }, alipayKeys.privateKey);
    expect((await app.inject({ method: 'POST', url: '/v1/payments/notifications/alipay', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: form(closed).body })).body).toBe('success');

    const intent = (await app.inject({ url: `/v1/payment-intents/${intentId}`, headers: auth(operator) })).json();
    expect(intent).toMatchObject({ status: 'captured', capturedMinor: 12_345, providerReference: '2026111122001400000000000001' });
    const { rows } = await use().db.execute(sql`select outcome, signature_valid from provider_notifications where provider = 'alipay' and (intent_id = ${intentId} or notification_id like ${`%-${intentId}`}) order by id`);
    expect(rows.map((r) => `${r.outcome}:${r.signature_valid}`)).toEqual(['rejected:false', 'rejected:false', 'applied:true', 'duplicate:true', 'stale:true']);

    // Refunds: operators only, and an order's payment only through the order (so the order and
    // the merchant's settlement follow; src/flows/exceptions.test.ts).
    expectProblem(await app.inject({ method: 'POST', url: `/v1/payment-intents/${intentId}/refund`, headers: auth(carmenToken), payload: { amountMinor: 1 } }), 403, 'http.forbidden');
    const refused = expectProblem(await app.inject({ method: 'POST', url: `/v1/payment-intents/${intentId}/refund`, headers: auth(operator), payload: { amountMinor: 2_345 } }), 409, 'payments.refund_through_order');
    expect(refused.refundRoute).toBe(`/v1/orders/${order.orderId}/refunds`);
    expect((await app.inject({ url: `/v1/payment-intents/${intentId}`, headers: auth(operator) })).json().refundedMinor).toBe(0);
  });

  it('charges the wallet at the till by member code once, and refuses the same code again', async () => {
    const device = (await app.inject({ method: 'POST', url: '/v1/member-devices', headers: auth(carmenToken), payload: { label: 'Carmen\'s phone' } })).json();
    const shown = await app.inject({ url: `/v1/member-devices/${device.id}/code`, headers: auth(carmenToken) });
    expect(shown.statusCode).toBe(200);
    const { code, qr, periodSeconds } = shown.json();
    expect(code).toMatch(/^28[0-9]{16}$/);
    expect(qr).toMatch(/^data:image\/png;base64,/);
    expect(periodSeconds).toBe(30);
    expect(shown.headers['cache-control']).toBe('no-store');
    expectProblem(await app.inject({ url: `/v1/member-devices/${device.id}/code`, headers: auth(weiToken) }), 404, 'payments.device_not_found');

    const sol = demoId('location:MAD-SOL');
    const before = await balanceOf(carmenToken, 'EUR');
    expectProblem(await app.inject({ method: 'POST', url: `/v1/locations/${sol}/till/charges`, headers: auth(associateDuomo), payload: { memberCode: code, amountMinor: 450, currency: 'EUR' } }), 404, 'http.not_found');
    const charged = await app.inject({ method: 'POST', url: `/v1/locations/${sol}/till/charges`, headers: auth(associateSol), payload: { memberCode: code, amountMinor: 450, currency: 'EUR' } });
    expect(charged.statusCode).toBe(201);
    expect(charged.json()).toMatchObject({ shopper: { accountId: carmen, displayName: 'Carmen García' }, balanceMinor: before - 450 });
    expectProblem(await app.inject({ method: 'POST', url: `/v1/locations/${sol}/till/charges`, headers: auth(associateSol), payload: { memberCode: code, amountMinor: 450, currency: 'EUR' } }), 422, 'payments.member_code_invalid');
    expect(await balanceOf(carmenToken, 'EUR')).toBe(before - 450);

    // A lost phone: once revoked, its codes no longer pay.
    expectProblem(await app.inject({ method: 'DELETE', url: `/v1/member-devices/${device.id}`, headers: auth(weiToken) }), 404, 'payments.device_not_found');
    expect((await app.inject({ method: 'DELETE', url: `/v1/member-devices/${device.id}`, headers: auth(carmenToken) })).statusCode).toBe(204);
    expectProblem(await app.inject({ url: `/v1/member-devices/${device.id}/code`, headers: auth(carmenToken) }), 404, 'payments.device_not_found');
  });

  it('answers 404 to a shopper paying another shopper\'s order (intent or wallet), and never blocks the owner', async () => {
    const order = await withTx(use().db, (tx) => newOrder(tx, { accountId: carmen, currency: 'EUR', lines: [{ merchantId: lumen, amountMinor: 4_000 }], paidAt: null }));
    const missing = await app.inject({ method: 'POST', url: '/v1/payment-intents', headers: auth(weiToken), payload: { orderId: '00000000-0000-4000-8000-00000000abcd', provider: 'alipay', amountMinor: 4_000, currency: 'EUR' } });
    const stranger = await app.inject({ method: 'POST', url: '/v1/payment-intents', headers: auth(weiToken), payload: { orderId: order.orderId, provider: 'alipay', amountMinor: 4_000, currency: 'EUR' } });
    // Same answer as a missing order, whatever the amount or currency: nothing about it leaks.
    expect(expectProblem(stranger, 404, 'payments.order_not_found').detail).toBe(expectProblem(missing, 404, 'payments.order_not_found').detail.replace('00000000-0000-4000-8000-00000000abcd', order.orderId));
    expectProblem(await app.inject({ method: 'POST', url: '/v1/payment-intents', headers: auth(weiToken), payload: { orderId: order.orderId, provider: 'alipay', amountMinor: 1, currency: 'CNY' } }), 404, 'payments.order_not_found');
    expectProblem(await app.inject({ method: 'POST', url: '/v1/wallet/payments', headers: auth(weiToken), payload: { orderId: order.orderId, amountMinor: 4_000, currency: 'EUR' } }), 404, 'payments.order_not_found');
    expectProblem(await app.inject({ method: 'POST', url: '/v1/wallet/payments', headers: auth(weiToken), payload: { orderId: order.orderId, amountMinor: 1, currency: 'CNY' } }), 404, 'payments.order_not_found');
    const { rows } = await use().db.execute(sql`select count(*)::int as n from payment_intents where order_id = ${order.orderId}`);
    expect(rows[0].n).toBe(0);
    // The owner still pays the full amount.
    const paid = await app.inject({ method: 'POST', url: '/v1/wallet/payments', headers: auth(carmenToken), payload: { orderId: order.orderId, amountMinor: 4_000, currency: 'EUR' } });
    expect(paid.statusCode).toBe(201);
  });

  it('lets only operators set FX rates, and quotes in the shopper\'s currency', async () => {
    expectProblem(await app.inject({ method: 'POST', url: '/v1/fx-rates', headers: auth(carmenToken), payload: { base: 'EUR', quote: 'GBP', rate: '0.85' } }), 403, 'http.forbidden');
    const set = await app.inject({ method: 'POST', url: '/v1/fx-rates', headers: auth(operator), payload: { base: 'EUR', quote: 'GBP', rate: '0.8512', effectiveAt: '2026-06-01T00:00:00Z' } });
    expect(set.statusCode).toBe(201);
    expect(set.json()).toMatchObject({ base: 'EUR', quote: 'GBP', rate: '0.8512' });
    const quote = (await app.inject({ url: '/v1/fx-quote?amountMinor=10000&from=EUR&to=JPY' })).json();
    expect(quote).toMatchObject({ amountMinor: 16_235, rate: '162.35', inverse: false });
    const back = (await app.inject({ url: '/v1/fx-quote?amountMinor=16235&from=JPY&to=EUR' })).json();
    expect(back).toMatchObject({ amountMinor: 10_000, inverse: true });
    expectProblem(await app.inject({ url: '/v1/fx-quote?amountMinor=1&from=EUR&to=CHF' }), 422, 'payments.fx_rate_missing');
  });

  it('settles an order, closes the period, and gives each merchant only its own CSV statement', async () => {
    const order = await withTx(use().db, (tx) => newOrder(tx, { accountId: carmen, currency: 'EUR', lines: [{ merchantId: lumen, amountMinor: 10_000 }, { merchantId: aurelia, amountMinor: 5_000 }] }));
    const paid = await app.inject({ method: 'POST', url: '/v1/wallet/payments', headers: auth(carmenToken), payload: { amountMinor: 15_000, currency: 'EUR', orderId: order.orderId } });
    expect(paid.statusCode).toBe(201);
    const settled = await app.inject({ method: 'POST', url: `/v1/payments/order-settlements/${order.orderId}`, headers: auth(operator) });
    // 100.00 EUR at 7.8231 = 782.31 CNY, 8 % = 62.58 CNY (62.5848 rounded).
    expect(settled.json().postings.find((p: { merchantId: string }) => p.merchantId === lumen)).toMatchObject({ currency: 'CNY', grossMinor: 78_231, commissionMinor: 6258, netMinor: 71_973 });
    const periodStart = new Date(Date.now() - 3600_000).toISOString();
    const periodEnd = new Date(Date.now() + 60_000).toISOString();
    const run = await app.inject({ method: 'POST', url: '/v1/settlement-runs', headers: auth(operator), payload: { periodStart, periodEnd } });
    expect(run.statusCode).toBe(201);
    const lumenRun = run.json().items.find((r: { merchantId: string }) => r.merchantId === lumen);
    expect(lumenRun).toMatchObject({ currency: 'CNY', netMinor: 71_973 });

    expect((await app.inject({ url: `/v1/merchants/${lumen}/settlement-runs`, headers: auth(lumenStaff) })).json().items.map((r: { id: string }) => r.id)).toContain(lumenRun.id);
    expectProblem(await app.inject({ url: `/v1/merchants/${lumen}/settlement-runs`, headers: auth(aureliaStaff) }), 404, 'http.not_found');
    expectProblem(await app.inject({ url: `/v1/merchants/${aurelia}/settlement-runs/${lumenRun.id}/statement.csv`, headers: auth(aureliaStaff) }), 404, 'payments.settlement_run_not_found');
    const csv = await app.inject({ url: `/v1/merchants/${lumen}/settlement-runs/${lumenRun.id}/statement.csv`, headers: auth(lumenStaff) });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.headers['content-disposition']).toMatch(/attachment; filename="settlement-.*-CNY\.csv"/);
    expect(csv.body.trim().split('\r\n').at(-1)).toBe('total,,,,,CNY,78231,6258,71973,719.73,');
    const balances = (await app.inject({ url: `/v1/merchants/${lumen}/balances`, headers: auth(lumenStaff) })).json().items;
    expect(balances.find((b: { currency: string }) => b.currency === 'CNY')).toMatchObject({ payableMinor: 0 });
    expect(balances.find((b: { currency: string }) => b.currency === 'CNY').paidOutMinor).toBeGreaterThanOrEqual(71_973);
    expectProblem(await app.inject({ url: `/v1/merchants/${lumen}/balances`, headers: auth(aureliaStaff) }), 404, 'http.not_found');
  });

  it('documents its routes in the OpenAPI document', async () => {
    const doc = (await app.inject('/openapi.json')).json();
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining([
      '/v1/wallet', '/v1/wallet/statement', '/v1/wallet/top-ups', '/v1/payment-intents/{intentId}/refund', '/v1/payments/notifications/alipay',
      '/v1/fx-rates', '/v1/settlement-runs', '/v1/merchants/{merchantId}/settlement-runs/{runId}/statement.csv', '/v1/member-devices/{deviceId}/code',
      '/v1/locations/{locationId}/till/charges', '/v1/ledger/check',
    ]));
  });

  it('reports the ledger sound to operators after all of the above', async () => {
    expectProblem(await app.inject({ url: '/v1/ledger/check', headers: auth(carmenToken) }), 403, 'http.forbidden');
    const report = (await app.inject({ url: '/v1/ledger/check', headers: auth(operator) })).json();
    expect(report.violations).toEqual([]);
    expect(report.ok).toBe(true);
  });
});
