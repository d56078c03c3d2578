import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { describeEachBackend } from '../../test/db.js';
import { auth, expectProblem, signInAs, testApp } from '../../test/http.js';
import { sellableSku, stock } from '../../test/commerce.js';
import { withTx } from '../db/tx.js';
import { demoId } from '../seed/demo-id.js';
import { makeLocation, makeSkus } from '../inventory/test-fixtures.js';
import { getLocation, setOpeningHours } from '../locations/index.js';
import { registerMemberDevice, currentMemberCode } from '../payments/service/member-code.js';
import { setFxRate } from '../payments/service/fx.js';
import { fulfilmentOptions } from '../orders/sourcing.js';
import { SHIPPING_FEES_BY_CURRENCY } from '../orders/model.js';
import { checkLedger } from '../payments/index.js';
import { checkInvariants } from '../check/invariants.js';
import { sql } from 'drizzle-orm';

const EVERY_DAY = Array.from({ length: 7 }, (_, i) => ({ weekday: i + 1, opens: '08:00', closes: '22:00' }));
const aurelia = demoId('merchant:casa-aurelia');
const carmenId = demoId('account:carmen@mercato.test');
const SOL = demoId('location:MAD-SOL');

describeEachBackend('money in every currency, delivery within reach', (use) => {
  let app: FastifyInstance;
  let carmen: string, wei: string, solAssociate: string;
  beforeAll(async () => {
    app = await testApp(use(), { seed: true });
    [carmen, wei, solAssociate] = await Promise.all(['carmen', 'wei', 'associate.sol'].map((n) => signInAs(app, `${n}@mercato.test`)));
  });
  afterAll(() => app.close());

  it('charges shipping from the cart currency\'s own table, converts the EUR table for others, and offers none without a rate', async () => {
    const zaragoza = { lat: 41.6488, lon: -0.8891 };
    const sku = await withTx(use().db, async (tx) => {
      const [sku] = await makeSkus(tx, 1);
      const warehouse = await makeLocation(tx, { kind: 'warehouse', latitude: 41.60, longitude: -0.95, shipsOrders: true, city: 'Zaragoza' });
      await stock(tx, warehouse.id, sku, 10);
      await setFxRate(tx, { base: 'EUR', quote: 'GBP', rate: '0.85', effectiveAt: new Date('2026-01-01T00:00:00Z') });
      return sku;
    });
    const feeIn = async (currency: string) => {
      const result = await fulfilmentOptions(use().db, [{ skuId: sku, quantity: 1 }], { latitude: zaragoza.lat, longitude: zaragoza.lon, country: 'ES' }, currency);
      return { fee: result.options.find((o) => o.kind === 'standard_shipping')?.feeMinor ?? null, why: result.notOffered.find((n) => n.kind === 'standard_shipping')?.reason };
    };
    expect((await feeIn('EUR')).fee).toBe(395);
    expect((await feeIn('CNY')).fee).toBe(SHIPPING_FEES_BY_CURRENCY.CNY.domestic[0].feeMinor);
    expect((await feeIn('CNY')).fee).toBe(1200); // ¥12.00, not ¥3.95
    expect((await feeIn('GBP')).fee).toBe(336); // 3.95 EUR × 0.85 = 3.3575 → 3.36 GBP
    const none = await feeIn('CHF');
    expect(none.fee).toBeNull();
    expect(none.why).toContain('rate');
  });

  it('refuses a made-up currency and a top-up above the documented maximum', async () => {
    expectProblem(await app.inject({ method: 'POST', url: '/v1/wallet/top-ups', headers: auth(wei), payload: { amountMinor: 1_000, currency: 'ZZZ', provider: 'card_sandbox', cardNumber: '4242424242424242' } }), 400, 'payments.currency_unknown');
    const tooMuch = expectProblem(await app.inject({ method: 'POST', url: '/v1/wallet/top-ups', headers: auth(carmen), payload: { amountMinor: 9_999_999_999_900, currency: 'EUR', provider: 'card_sandbox', cardNumber: '4242424242424242' } }), 422, 'payments.top_up_too_large');
    expect(tooMuch.maxMinor).toBe(500_000);
    expect((await app.inject({ method: 'POST', url: '/v1/wallet/top-ups', headers: auth(carmen), payload: { amountMinor: 500_000, currency: 'EUR', provider: 'card_sandbox', cardNumber: '4000000000003220' } })).statusCode).toBe(201);
    expectProblem(await app.inject({ method: 'POST', url: '/v1/carts', headers: auth(carmen), payload: { channel: 'web', currency: 'ZZZ' } }), 400, 'payments.currency_unknown');
    expectProblem(await app.inject({ method: 'POST', url: '/v1/till/baskets', headers: auth(solAssociate), payload: { currency: 'ZZZ' } }), 400, 'payments.currency_unknown');
    expectProblem(await app.inject({ method: 'POST', url: '/v1/fx-rates', headers: auth(await signInAs(app, 'operator@mercato.test')), payload: { base: 'EUR', quote: 'ZZZ', rate: '2' } }), 400, 'payments.currency_unknown');
  });

  it('opens a cart per currency instead of answering the open EUR cart for CNY', async () => {
    const open = async (currency: string) => (await app.inject({ method: 'POST', url: '/v1/carts', headers: auth(wei), payload: { channel: 'app', currency } })).json().cartId as string;
    const eur = await open('EUR');
    const cny = await open('CNY');
    expect(cny).not.toBe(eur);
    expect((await app.inject({ url: `/v1/carts/${cny}`, headers: auth(wei) })).json().currency).toBe('CNY');
    expect(await open('EUR')).toBe(eur);
    expect(await open('CNY')).toBe(cny);
  });

  it('refuses till home delivery to an address outside the store\'s delivery radius', async () => {
    const { barcode } = await withTx(use().db, async (tx) => {
      const item = await sellableSku(tx, { merchantId: aurelia, priceMinor: 900 });
      await stock(tx, SOL, item.skuId, 5);
      return item;
    });
    const store = await getLocation(use().db, SOL);
    const device = await withTx(use().db, (tx) => registerMemberDevice(tx, carmenId, 'till test'));
    const basket = async () => {
      const { basketId } = (await app.inject({ method: 'POST', url: '/v1/till/baskets', headers: auth(solAssociate), payload: { currency: 'EUR' } })).json();
      expect((await app.inject({ method: 'POST', url: `/v1/till/baskets/${basketId}/items`, headers: auth(solAssociate), payload: { barcode } })).statusCode).toBe(200);
      const { code } = await currentMemberCode(use().db, carmenId, device.id);
      expect((await app.inject({ method: 'POST', url: `/v1/till/baskets/${basketId}/member`, headers: auth(solAssociate), payload: { memberCode: code } })).statusCode).toBe(200);
      return basketId as string;
    };
    const first = await basket();
    const barcelona = { latitude: 41.3874, longitude: 2.1686, country: 'ES', address: 'Plaça de Catalunya 1' }; // ~500 km from Sol
    const far = expectProblem(await app.inject({ method: 'POST', url: `/v1/till/baskets/${first}/payment`, headers: auth(solAssociate), payload: { provider: 'wallet', deliverTo: barcelona } }), 422, 'orders.delivery_out_of_range');
    expect(far.distanceMetres).toBeGreaterThan(480_000);
    // Nothing was sold: the basket is still open and can go home to an address nearby.
    const near = { latitude: store.latitude + 0.01, longitude: store.longitude, country: 'ES', address: 'Calle Mayor 40' };
    const delivered = await app.inject({ method: 'POST', url: `/v1/till/baskets/${first}/payment`, headers: auth(solAssociate), payload: { provider: 'wallet', deliverTo: near } });
    expect(delivered.statusCode, delivered.body).toBe(201);
    expect(delivered.json().deliveryFulfilmentId).not.toBeNull();
  });

  it('offers free split express from two stores that together hold the cart, before paid warehouse shipping', async () => {
    const here = { lat: 40.4500, lon: -3.6900 };
    const { a, b, skus } = await withTx(use().db, async (tx) => {
      const skus = await makeSkus(tx, 2);
      const a = await makeLocation(tx, { latitude: here.lat + 0.005, longitude: here.lon, localDelivery: true, deliveryRadiusM: 3000, offersPickup: false });
      const b = await makeLocation(tx, { latitude: here.lat - 0.005, longitude: here.lon, localDelivery: true, deliveryRadiusM: 3000, offersPickup: false });
      for (const store of [a, b]) await setOpeningHours(tx, store.id, { weekly: EVERY_DAY, exceptions: [] });
      const warehouse = await makeLocation(tx, { kind: 'warehouse', latitude: 40.30, longitude: -3.60, shipsOrders: true });
      await stock(tx, a.id, skus[0], 3);
      await stock(tx, b.id, skus[1], 3);
      await stock(tx, warehouse.id, skus[0], 10);
      await stock(tx, warehouse.id, skus[1], 10);
      return { a, b, skus };
    });
    const now = new Date('2026-11-25T09:00:00Z');
    const result = await fulfilmentOptions(use().db, skus.map((skuId) => ({ skuId, quantity: 1 })), { latitude: here.lat, longitude: here.lon, country: 'ES' }, 'EUR', now);
    const split = result.options.find((o) => o.kind === 'split')!;
    expect(split).toMatchObject({ feeMinor: 0 });
    expect(split.shipments.map((s) => s.sourceLocationId).sort()).toEqual([a.id, b.id].sort());
    expect(split.shipments.every((s) => s.kind === 'express_delivery' && s.feeMinor === 0)).toBe(true);
    const kinds = result.options.map((o) => o.kind);
    expect(kinds.indexOf('split')).toBeLessThan(kinds.indexOf('standard_shipping'));
  });
  it('lets a CNY-wallet shopper pay a EUR basket: converted at checkout, the rate recorded, refunded to the same wallet at the same rate', async () => {
    const { skuId, store } = await withTx(use().db, async (tx) => {
      const item = await sellableSku(tx, { merchantId: aurelia, priceMinor: 12_345 });
      const store = await makeLocation(tx, { latitude: 40.4300, longitude: -3.7000, localDelivery: true, deliveryRadiusM: 3000, offersPickup: true });
      await setOpeningHours(tx, store.id, { weekly: EVERY_DAY, exceptions: [] });
      await stock(tx, store.id, item.skuId, 5);
      return { skuId: item.skuId, store };
    });
    const cnyBefore = async () => (await app.inject({ url: '/v1/wallet', headers: auth(wei) })).json().wallets.find((w: any) => w.currency === 'CNY')?.balanceMinor ?? 0;
    const before = await cnyBefore();
    const { cartId } = (await app.inject({ method: 'POST', url: '/v1/carts', headers: auth(wei), payload: { channel: 'web', currency: 'EUR' } })).json();
    expect((await app.inject({ method: 'POST', url: `/v1/carts/${cartId}/lines`, headers: auth(wei), payload: { skuId, quantity: 1 } })).statusCode).toBe(204);
    const options = (await app.inject({ url: `/v1/carts/${cartId}/fulfilment-options?lat=${store.latitude}&lon=${store.longitude}&country=ES`, headers: auth(wei) })).json();
    const pickup = options.options.find((o: any) => o.kind === 'store_pickup' && o.shipments[0].sourceLocationId === store.id);
    const destination = { latitude: store.latitude, longitude: store.longitude, country: 'ES' };
    // Without walletCurrency the EUR wallet is used, and Wei has none.
    expectProblem(await app.inject({ method: 'POST', url: `/v1/carts/${cartId}/checkout`, headers: auth(wei), payload: { optionId: pickup.id, destination, payment: { provider: 'wallet' } } }), 409, 'payments.insufficient_funds');
    const paid = await app.inject({ method: 'POST', url: `/v1/carts/${cartId}/checkout`, headers: auth(wei), payload: { optionId: pickup.id, destination, payment: { provider: 'wallet', walletCurrency: 'CNY' } } });
    expect(paid.statusCode, paid.body).toBe(201);
    // 123.45 EUR × 7.8231 = 965.761695 CNY → 965.76 (half to even).
    expect(paid.json()).toMatchObject({ status: 'paid', totalMinor: 12_345, currency: 'EUR', walletPayment: { currency: 'CNY', amountMinor: 96_576, rate: '7.8231' } });
    expect(await cnyBefore()).toBe(before - 96_576);
    const intent = (await app.inject({ url: `/v1/payment-intents/${paid.json().paymentIntentId}`, headers: auth(wei) })).json();
    expect(intent).toMatchObject({ currency: 'EUR', amountMinor: 12_345, capturedMinor: 12_345, walletCurrency: 'CNY', walletAmountMinor: 96_576 });
    const { rows } = await use().db.execute(sql`select c.from_currency, c.to_currency, c.from_minor, c.to_minor, r.rate::text as rate from fx_conversions c join fx_rates r on r.id = c.rate_id where c.id = ${intent.fxConversionId}`);
    expect(rows[0]).toMatchObject({ from_currency: 'EUR', to_currency: 'CNY' });
    expect([Number(rows[0].from_minor), Number(rows[0].to_minor)]).toEqual([12_345, 96_576]);

    const cancelled = await app.inject({ method: 'POST', url: `/v1/orders/${paid.json().orderId}/cancel`, headers: auth(wei), payload: { reason: 'changed my mind' } });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect(await cnyBefore()).toBe(before);
    expect((await checkLedger(use().db)).violations).toEqual([]);
    const report = await checkInvariants(use().db);
    const mine = report.sections.flatMap((section) => section.violations).filter((v) => v.detail.includes(paid.json().orderId) || v.detail.includes(paid.json().paymentIntentId));
    expect(mine).toEqual([]);
  });
});
