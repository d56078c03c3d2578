import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';
import { describeEachBackend } from '../../test/db.js';
import { auth, busOf, expectProblem, signInAs, testApp } from '../../test/http.js';
import { onHand, openStore, sellableSku, stock, topUp } from '../../test/commerce.js';
import { withTx } from '../db/tx.js';
import { demoId } from '../seed/demo-id.js';
import { makeLocation } from '../inventory/test-fixtures.js';
import { checkLedger, walletBalance } from '../payments/index.js';
import { registerMemberDevice, currentMemberCode } from '../payments/service/member-code.js';
import { dispatchPending } from '../events/service.js';
import type { Location } from '../locations/index.js';

const aurelia = demoId('merchant:casa-aurelia');
const lumen = demoId('merchant:lumen-tea');
const carmenId = demoId('account:carmen@mercato.test');
// A Valladolid neighbourhood: far from the demo stores, so only this file's stores serve it.
const HOME = { latitude: 41.65184, longitude: -4.72853, country: 'ES' };

describeEachBackend('order flows end to end', (use) => {
  let app: FastifyInstance;
  let carmen: string, operator: string;
  let near: Location, other: Location, warehouse: Location, desk: Location;
  let bag: { skuId: string; barcode: string }, scarf: { skuId: string; barcode: string }, tea: { skuId: string; barcode: string };
  let nearAssociate: string, otherAssociate: string, deskAssociate: string;

  beforeAll(async () => {
    app = await testApp(use(), { seed: true });
    ({ near, other, warehouse, desk, bag, scarf, tea } = await withTx(use().db, async (tx) => {
      const near = await openStore(tx, { latitude: HOME.latitude + 0.01, longitude: HOME.longitude, city: 'Valladolid' }); // ~1.1 km
      const other = await openStore(tx, { latitude: HOME.latitude - 0.02, longitude: HOME.longitude, city: 'Valladolid' }); // ~2.2 km
      const warehouse = await makeLocation(tx, { kind: 'warehouse', latitude: 41.60, longitude: -4.80, shipsOrders: true, city: 'Valladolid' });
      const desk = await makeLocation(tx, { kind: 'partner_pickup_point', latitude: HOME.latitude + 0.005, longitude: HOME.longitude + 0.005, city: 'Valladolid', partnerName: 'Galerías' });
      const bag = await sellableSku(tx, { merchantId: aurelia, priceMinor: 12_900 });
      const scarf = await sellableSku(tx, { merchantId: aurelia, priceMinor: 4_500 });
      const tea = await sellableSku(tx, { merchantId: lumen, priceMinor: 1_250 });
      await stock(tx, near.id, bag.skuId, 5);
      await stock(tx, near.id, tea.skuId, 20);
      await stock(tx, other.id, scarf.skuId, 5);
      await stock(tx, warehouse.id, bag.skuId, 50);
      await stock(tx, warehouse.id, tea.skuId, 50);
      await topUp(tx, carmenId, 100_000);
      return { near, other, warehouse, desk, bag, scarf, tea };
    }));
    const accounts = async (email: string, locationId: string) => {
      await app.inject({ method: 'POST', url: '/v1/admin/accounts', headers: auth(operator), payload: { email, password: 'long enough password', displayName: email, role: 'associate', locationId } });
      return signInAs(app, email, 'long enough password');
    };
    carmen = await signInAs(app, 'carmen@mercato.test');
    operator = await signInAs(app, 'operator@mercato.test');
    nearAssociate = await accounts(`near-${Date.now()}@mercato.test`, near.id);
    otherAssociate = await accounts(`other-${Date.now()}@mercato.test`, other.id);
    deskAssociate = await accounts(`desk-${Date.now()}@mercato.test`, desk.id);
  });
  afterAll(() => app.close());

  async function cartWith(lines: Array<[string, number]>): Promise<string> {
    const { cartId } = (await app.inject({ method: 'POST', url: '/v1/carts', headers: auth(carmen), payload: { channel: 'app', currency: 'EUR' } })).json();
    for (const [skuId, quantity] of lines) await app.inject({ method: 'PUT', url: `/v1/carts/${cartId}/lines/${skuId}`, headers: auth(carmen), payload: { quantity } });
    return cartId;
  }

  async function options(cartId: string) {
    const response = await app.inject({ url: `/v1/carts/${cartId}/fulfilment-options?lat=${HOME.latitude}&lon=${HOME.longitude}&country=ES`, headers: auth(carmen) });
    expect(response.statusCode).toBe(200);
    return response.json();
  }

  async function checkout(cartId: string, optionId: string, key?: string, provider = 'wallet') {
    return app.inject({
      method: 'POST', url: `/v1/carts/${cartId}/checkout`, headers: { ...auth(carmen), ...(key ? { 'idempotency-key': key } : {}) },
      payload: { optionId, destination: HOME, payment: { provider } },
    });
  }

  async function step(token: string, fulfilmentId: string, event: string) {
    const response = await app.inject({ method: 'POST', url: `/v1/fulfilments/${fulfilmentId}/steps`, headers: auth(token), payload: { event } });
    expect(response.statusCode, response.body).toBe(200);
  }

  it('flow 1: delivers from the nearest store within 3 km, paid from the wallet in the checkout transaction', async () => {
    const cartId = await cartWith([[bag.skuId, 1], [tea.skuId, 2]]);
    const offered = await options(cartId);
    const express = offered.options.find((o: any) => o.kind === 'express_delivery');
    expect(express.shipments[0].sourceLocationId).toBe(near.id);
    expect(express.feeMinor).toBe(0);
    const balanceBefore = await walletBalance(use().db, carmenId, 'EUR');

    const placed = await checkout(cartId, express.id, `flow1-${cartId}`);
    expect(placed.statusCode, placed.body).toBe(201);
    const { orderId, totalMinor, status } = placed.json();
    expect(status).toBe('paid');
    expect(totalMinor).toBe(12_900 + 2 * 1_250);
    expect(await walletBalance(use().db, carmenId, 'EUR')).toBe(balanceBefore - totalMinor);
    expect(await onHand(use().db, near.id, bag.skuId)).toEqual({ onHand: 4, reserved: 0 });

    const order = (await app.inject({ url: `/v1/orders/${orderId}`, headers: auth(carmen) })).json();
    expect(order.lines.map((l: any) => l.merchantId).sort()).toEqual([aurelia, lumen].sort());
    expect(order.fulfilments).toHaveLength(1);
    const f = order.fulfilments[0];
    expect(f).toMatchObject({ kind: 'express_delivery', sourceLocationId: near.id });
    expect(new Date(f.slotEnd).getTime() - new Date(f.slotStart).getTime()).toBe(30 * 60_000);

    for (const event of ['start_pick', 'pack', 'dispatch', 'deliver']) await step(nearAssociate, f.id, event);
    const done = (await app.inject({ url: `/v1/orders/${orderId}`, headers: auth(carmen) })).json();
    expect(done.status).toBe('completed');
    const { rows } = await use().db.execute(sql`select topic from outbox where aggregate_id = ${orderId} order by id`);
    expect(rows.map((r) => r.topic)).toEqual(expect.arrayContaining(['order.placed', 'order.paid', 'order.completed']));
    expect((await checkLedger(use().db)).ok).toBe(true);
  });

  it('runs a retried checkout once: same answer, one order, one payment', async () => {
    const cartId = await cartWith([[tea.skuId, 1]]);
    const option = (await options(cartId)).options[0];
    const first = await checkout(cartId, option.id, `retry-${cartId}`);
    const again = await checkout(cartId, option.id, `retry-${cartId}`);
    expect(again.statusCode).toBe(201);
    expect(again.json()).toEqual(first.json());
    const { rows } = await use().db.execute(sql`select count(*)::int as n from orders where cart_id = ${cartId}`);
    expect(rows[0].n).toBe(1);
    // Without the key, a second checkout of the same cart is refused, not duplicated.
    expectProblem(await checkout(cartId, option.id), 409, 'orders.cart_closed');
  });

  it('leaves nothing behind when the wallet cannot pay', async () => {
    const balance = await walletBalance(use().db, carmenId, 'EUR');
    const big = await withTx(use().db, (tx) => sellableSku(tx, { merchantId: aurelia, priceMinor: balance + 1 }));
    await withTx(use().db, (tx) => stock(tx, near.id, big.skuId, 1));
    const poorCart = await cartWith([[big.skuId, 1]]);
    const option = (await options(poorCart)).options.find((o: any) => o.kind === 'express_delivery');
    const before = await use().db.execute(sql`select (select count(*) from orders)::int as orders, (select coalesce(sum(booked), 0) from delivery_slots)::int as booked`);
    const refused = await checkout(poorCart, option.id);
    expect(refused.statusCode).toBeGreaterThanOrEqual(400);
    expect(refused.statusCode).toBeLessThan(500);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    const after = await use().db.execute(sql`select (select count(*) from orders)::int as orders, (select coalesce(sum(booked), 0) from delivery_slots)::int as booked`);
    expect(after.rows[0]).toEqual(before.rows[0]);
    expect(await onHand(use().db, near.id, big.skuId)).toEqual({ onHand: 1, reserved: 0 });
    expect(await walletBalance(use().db, carmenId, 'EUR')).toBe(balance);
    // The cart stays open with its line; take it out so the next tests start from an empty cart.
    await app.inject({ method: 'PUT', url: `/v1/carts/${poorCart}/lines/${big.skuId}`, headers: auth(carmen), payload: { quantity: 0 } });
  });

  it('flow 2: click and collect in a slot, handed over by code', async () => {
    const cartId = await cartWith([[scarf.skuId, 1]]);
    const pickup = (await options(cartId)).options.find((o: any) => o.kind === 'store_pickup' && o.shipments[0].sourceLocationId === other.id);
    const slot = pickup.shipments[0].slots[1];
    const placed = await app.inject({ method: 'POST', url: `/v1/carts/${cartId}/checkout`, headers: auth(carmen), payload: { optionId: pickup.id, slotStart: slot.start, destination: HOME, payment: { provider: 'wallet' } } });
    expect(placed.statusCode, placed.body).toBe(201);
    const order = (await app.inject({ url: `/v1/orders/${placed.json().orderId}`, headers: auth(carmen) })).json();
    const f = order.fulfilments[0];
    expect(new Date(f.slotStart).toISOString()).toBe(new Date(slot.start).toISOString());
    for (const event of ['start_pick', 'pack', 'ready']) await step(otherAssociate, f.id, event);
    const code = (await app.inject({ url: `/v1/orders/${order.id}`, headers: auth(carmen) })).json().fulfilments[0].pickupCode;
    const handed = await app.inject({ method: 'POST', url: `/v1/locations/${other.id}/handovers`, headers: auth(otherAssociate), payload: { fulfilmentId: f.id, code } });
    expect(handed.json().status).toBe('picked_up');
  });

  it('flow 4: a marketplace parcel goes to a partner desk and is handed over by code', async () => {
    const cartId = await cartWith([[tea.skuId, 3]]);
    const partner = (await options(cartId)).options.find((o: any) => o.kind === 'partner_pickup');
    expect(partner.shipments[0]).toMatchObject({ sourceLocationId: warehouse.id, pickupLocationId: desk.id });
    const { orderId } = (await checkout(cartId, partner.id)).json();
    const f = (await app.inject({ url: `/v1/orders/${orderId}`, headers: auth(carmen) })).json().fulfilments[0];
    for (const event of ['start_pick', 'pack', 'send_to_partner']) await step(operator, f.id, event);
    await step(deskAssociate, f.id, 'receive_at_partner');
    const code = (await app.inject({ url: `/v1/orders/${orderId}`, headers: auth(carmen) })).json().fulfilments[0].pickupCode;
    const handed = await app.inject({ method: 'POST', url: `/v1/locations/${desk.id}/handovers`, headers: auth(deskAssociate), payload: { fulfilmentId: f.id, code } });
    expect(handed.json().status).toBe('picked_up');
  });

  it('splits a cart across the two stores that together hold it', async () => {
    const cartId = await cartWith([[scarf.skuId, 1], [tea.skuId, 1]]);
    const split = (await options(cartId)).options.find((o: any) => o.kind === 'split');
    expect(split.shipments.map((s: any) => s.sourceLocationId).sort()).toEqual([near.id, other.id].sort());
    const placed = await checkout(cartId, split.id);
    expect(placed.statusCode, placed.body).toBe(201);
    const order = (await app.inject({ url: `/v1/orders/${placed.json().orderId}`, headers: auth(carmen) })).json();
    expect(order.fulfilments.map((f: any) => f.sourceLocationId).sort()).toEqual([near.id, other.id].sort());
  });

  it('cancels before picking: stock back where it came from, wallet refunded, settlement reversed', async () => {
    const cartId = await cartWith([[bag.skuId, 1]]);
    const express = (await options(cartId)).options.find((o: any) => o.kind === 'express_delivery');
    const stockBefore = await onHand(use().db, near.id, bag.skuId);
    const balance = await walletBalance(use().db, carmenId, 'EUR');
    const { orderId } = (await checkout(cartId, express.id)).json();
    expect(await onHand(use().db, near.id, bag.skuId)).toEqual({ onHand: stockBefore.onHand - 1, reserved: 0 });
    const cancelled = await app.inject({ method: 'POST', url: `/v1/orders/${orderId}/cancel`, headers: auth(carmen), payload: { reason: 'changed my mind' } });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect(await onHand(use().db, near.id, bag.skuId)).toEqual(stockBefore);
    expect(await walletBalance(use().db, carmenId, 'EUR')).toBe(balance);
    expect((await app.inject({ url: `/v1/orders/${orderId}`, headers: auth(carmen) })).json()).toMatchObject({ status: 'cancelled', paymentStatus: 'refunded' });
    expect((await checkLedger(use().db)).ok).toBe(true);
  });

  it('refuses to cancel once picking has started', async () => {
    const cartId = await cartWith([[tea.skuId, 1]]);
    const express = (await options(cartId)).options.find((o: any) => o.kind === 'express_delivery');
    const { orderId } = (await checkout(cartId, express.id)).json();
    const f = (await app.inject({ url: `/v1/orders/${orderId}`, headers: auth(carmen) })).json().fulfilments[0];
    await step(nearAssociate, f.id, 'start_pick');
    expectProblem(await app.inject({ method: 'POST', url: `/v1/orders/${orderId}/cancel`, headers: auth(carmen), payload: { reason: 'late' } }), 409, 'orders.not_cancellable');
  });

  it('takes a return at another store: stock into that store, refund to the wallet', async () => {
    const cartId = await cartWith([[bag.skuId, 2]]);
    const express = (await options(cartId)).options.find((o: any) => o.kind === 'express_delivery');
    const { orderId } = (await checkout(cartId, express.id)).json();
    const order = (await app.inject({ url: `/v1/orders/${orderId}`, headers: auth(carmen) })).json();
    // Only what the shopper received can come back.
    for (const event of ['start_pick', 'pack', 'dispatch', 'deliver']) await step(nearAssociate, order.fulfilments[0].id, event);
    const otherBefore = await onHand(use().db, other.id, bag.skuId);
    const balance = await walletBalance(use().db, carmenId, 'EUR');
    const returned = await app.inject({ method: 'POST', url: `/v1/locations/${other.id}/returns`, headers: auth(otherAssociate), payload: { orderId, refundTo: 'wallet', lines: [{ orderLineId: order.lines[0].id, quantity: 1 }] } });
    expect(returned.statusCode, returned.body).toBe(201);
    expect(returned.json().amountMinor).toBe(12_900);
    expect(await onHand(use().db, other.id, bag.skuId)).toEqual({ onHand: otherBefore.onHand + 1, reserved: 0 });
    expect(await walletBalance(use().db, carmenId, 'EUR')).toBe(balance + 12_900);
    // Only one unit is left to return.
    expectProblem(await app.inject({ method: 'POST', url: `/v1/locations/${other.id}/returns`, headers: auth(otherAssociate), payload: { orderId, refundTo: 'wallet', lines: [{ orderLineId: order.lines[0].id, quantity: 2 }] } }), 422, 'orders.return_exceeds');
    // An associate may only take returns at their own store.
    expectProblem(await app.inject({ method: 'POST', url: `/v1/locations/${near.id}/returns`, headers: auth(otherAssociate), payload: { orderId, refundTo: 'wallet', lines: [{ orderLineId: order.lines[0].id, quantity: 1 }] } }), 404, 'http.not_found');
    expect((await checkLedger(use().db)).ok).toBe(true);
  });

  it('flow 3: sells at the till to the shopper identified by member code, and delivers a second basket home', async () => {
    const phone = await withTx(use().db, (tx) => registerMemberDevice(tx, carmenId, 'phone'));
    const watch = await withTx(use().db, (tx) => registerMemberDevice(tx, carmenId, 'watch'));
    const till = async (device: { id: string }, deliverTo?: typeof HOME) => {
      const { basketId } = (await app.inject({ method: 'POST', url: '/v1/till/baskets', headers: auth(nearAssociate), payload: { currency: 'EUR' } })).json();
      const scanned = await app.inject({ method: 'POST', url: `/v1/till/baskets/${basketId}/items`, headers: auth(nearAssociate), payload: { barcode: tea.barcode, quantity: 2 } });
      expect(scanned.statusCode, scanned.body).toBe(200);
      const { code } = await currentMemberCode(use().db, carmenId, device.id);
      const identified = await app.inject({ method: 'POST', url: `/v1/till/baskets/${basketId}/member`, headers: auth(nearAssociate), payload: { memberCode: code } });
      expect(identified.json().accountId).toBe(carmenId);
      // The same code cannot be used twice.
      expectProblem(await app.inject({ method: 'POST', url: `/v1/till/baskets/${basketId}/member`, headers: auth(nearAssociate), payload: { memberCode: code } }), 422, 'payments.member_code_invalid');
      return app.inject({ method: 'POST', url: `/v1/till/baskets/${basketId}/payment`, headers: auth(nearAssociate), payload: { provider: 'wallet', ...(deliverTo ? { deliverTo } : {}) } });
    };
    const before = await onHand(use().db, near.id, tea.skuId);
    const receipt = (await till(phone)).json();
    expect(receipt).toMatchObject({ totalMinor: 2_500, currency: 'EUR', paymentStatus: 'paid', deliveryFulfilmentId: null });
    expect(await onHand(use().db, near.id, tea.skuId)).toEqual({ onHand: before.onHand - 2, reserved: 0 });
    // The till order lands on the same profile as the online ones.
    const history = (await app.inject({ url: '/v1/orders?limit=50', headers: auth(carmen) })).json();
    const tillOrder = history.items.find((o: any) => o.id === receipt.orderId);
    expect(tillOrder).toMatchObject({ channel: 'pos', status: 'completed', locationId: near.id });
    expect(new Set(history.items.map((o: any) => o.channel))).toEqual(new Set(['app', 'pos']));

    // Buy in store, deliver home: the goods leave this store now, and a delivery waits in its console.
    const home = (await till(watch, HOME)).json();
    expect(home.deliveryFulfilmentId).not.toBeNull();
    const queue = (await app.inject({ url: `/v1/locations/${near.id}/fulfilments`, headers: auth(nearAssociate) })).json();
    expect(queue.items.find((q: any) => q.fulfilment.id === home.deliveryFulfilmentId).fulfilment).toMatchObject({ kind: 'store_to_home', status: 'pending' });
    for (const event of ['start_pick', 'pack', 'dispatch', 'deliver']) await step(nearAssociate, home.deliveryFulfilmentId, event);
    expect((await app.inject({ url: `/v1/orders/${home.orderId}`, headers: auth(carmen) })).json().status).toBe('completed');
  });

  it('keeps an order awaiting an external payment until the card notification pays it', async () => {
    const cartId = await cartWith([[tea.skuId, 1]]);
    const express = (await options(cartId)).options.find((o: any) => o.kind === 'express_delivery');
    const placed = await checkout(cartId, express.id, undefined, 'card_sandbox');
    expect(placed.statusCode, placed.body).toBe(201);
    expect(placed.json().status).toBe('pending_payment');
    const { orderId, paymentIntentId } = placed.json();
    expect(await onHand(use().db, near.id, tea.skuId)).toMatchObject({ reserved: 1 });
    const authorised = await app.inject({ method: 'POST', url: `/v1/payment-intents/${paymentIntentId}/authorise`, headers: auth(carmen), payload: { cardNumber: '4242424242424242' } });
    expect(authorised.statusCode, authorised.body).toBeLessThan(300);
    const { deliverCardSandboxEvents } = await import('../payments/service/notifications.js');
    const { providerSettingsFromEnv } = await import('../payments/index.js');
    await use().db.execute(sql`update card_sandbox_events set deliver_after = now() - interval '1 second'`);
    await deliverCardSandboxEvents(use().db, providerSettingsFromEnv('mercato-development-secret-change-me'));
    // The dispatcher publishes payment.captured; the orders subscription pays the order. The app's own
    // sandbox loop may deliver the notification a moment later than ours, so keep draining while waiting.
    await expect.poll(async () => {
      while ((await dispatchPending(use().db, (events) => busOf(app).publish(events))) > 0) { /* drain the outbox */ }
      return (await app.inject({ url: `/v1/orders/${orderId}`, headers: auth(carmen) })).json().status;
    }, { timeout: 15_000, interval: 200 }).toBe('paid');
    expect(await onHand(use().db, near.id, tea.skuId)).toMatchObject({ reserved: 0 });
  });
});
