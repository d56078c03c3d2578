import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';
import { describeEachBackend } from '../../test/db.js';
import { auth, expectProblem, signInAs, testApp } from '../../test/http.js';
import { onHand, openStore, sellableSku, stock, topUp } from '../../test/commerce.js';
import { withTx } from '../db/tx.js';
import { demoId } from '../seed/demo-id.js';
import { makeLocation } from '../inventory/test-fixtures.js';
import { checkLedger, walletBalance } from '../payments/index.js';
import { sweepOrders } from './sweeper.js';
import { markOrderPaid } from './checkout.js';
import { applyProviderEvent } from '../payments/service/intents.js';
import { PARTNER_HOLD_DAYS } from '../orders/fulfilment.js';
import type { Location } from '../locations/index.js';

const aurelia = demoId('merchant:casa-aurelia');
const carmenId = demoId('account:carmen@mercato.test');
// A Burgos neighbourhood: only this file's stores serve it.
const HOME = { latitude: 42.34399, longitude: -3.69691, country: 'ES' };

/**
 * Issue 11, money and stock on the exception paths: a parcel sent back to the sender, a card
 * declined at the till, short picks and emptied parcels, operator refunds. Each test failed
 * before its fix.
 */
describeEachBackend('exception paths keep money, stock and settlement in step', (use) => {
  let app: FastifyInstance;
  let carmen: string, operator: string, storeAssociate: string, deskAssociate: string;
  let store: Location, warehouse: Location, desk: Location;
  let bag: { skuId: string; barcode: string }, tea: { skuId: string; barcode: string };

  beforeAll(async () => {
    app = await testApp(use(), { seed: true });
    ({ store, warehouse, desk, bag, tea } = await withTx(use().db, async (tx) => {
      const store = await openStore(tx, { latitude: HOME.latitude + 0.01, longitude: HOME.longitude, city: 'Burgos' });
      const warehouse = await makeLocation(tx, { kind: 'warehouse', latitude: 42.30, longitude: -3.75, shipsOrders: true, city: 'Burgos' });
      const desk = await makeLocation(tx, { kind: 'partner_pickup_point', latitude: HOME.latitude + 0.004, longitude: HOME.longitude + 0.004, city: 'Burgos', partnerName: 'Galerías' });
      const bag = await sellableSku(tx, { merchantId: aurelia, priceMinor: 12_900 });
      const tea = await sellableSku(tx, { merchantId: aurelia, priceMinor: 1_250 });
      await stock(tx, store.id, bag.skuId, 10);
      await stock(tx, store.id, tea.skuId, 40);
      await stock(tx, warehouse.id, tea.skuId, 40);
      await topUp(tx, carmenId, 200_000);
      return { store, warehouse, desk, bag, tea };
    }));
    carmen = await signInAs(app, 'carmen@mercato.test');
    operator = await signInAs(app, 'operator@mercato.test');
    const associate = async (email: string, locationId: string) => {
      await app.inject({ method: 'POST', url: '/v1/admin/accounts', headers: auth(operator), payload: { email, password: 'long enough password', displayName: email, role: 'associate', locationId } });
      return signInAs(app, email, 'long enough password');
    };
    storeAssociate = await associate(`burgos-${Date.now()}@mercato.test`, store.id);
    deskAssociate = await associate(`burgos-desk-${Date.now()}@mercato.test`, desk.id);
  });
  afterAll(() => app.close());

  async function order(lines: Array<[string, number]>, kind: string, provider = 'wallet') {
    const { cartId } = (await app.inject({ method: 'POST', url: '/v1/carts', headers: auth(carmen), payload: { channel: 'app', currency: 'EUR' } })).json();
    for (const [skuId, quantity] of lines) await app.inject({ method: 'PUT', url: `/v1/carts/${cartId}/lines/${skuId}`, headers: auth(carmen), payload: { quantity } });
    const offered = (await app.inject({ url: `/v1/carts/${cartId}/fulfilment-options?lat=${HOME.latitude}&lon=${HOME.longitude}&country=ES`, headers: auth(carmen) })).json();
    const option = offered.options.find((o: any) => o.kind === kind);
    expect(option, JSON.stringify(offered)).toBeDefined();
    const placed = await app.inject({ method: 'POST', url: `/v1/carts/${cartId}/checkout`, headers: auth(carmen), payload: { optionId: option.id, destination: HOME, payment: { provider } } });
    expect(placed.statusCode, placed.body).toBe(201);
    const view = (await app.inject({ url: `/v1/orders/${placed.json().orderId}`, headers: auth(carmen) })).json();
    return { ...placed.json(), order: view, fulfilmentId: view.fulfilments[0].id as string };
  }

  async function step(token: string, fulfilmentId: string, event: string) {
    const response = await app.inject({ method: 'POST', url: `/v1/fulfilments/${fulfilmentId}/steps`, headers: auth(token), payload: { event } });
    expect(response.statusCode, response.body).toBe(200);
  }

  async function orderView(orderId: string) {
    return (await app.inject({ url: `/v1/orders/${orderId}`, headers: auth(carmen) })).json();
  }

  async function settled(orderId: string): Promise<number> {
    const { rows } = await use().db.execute(sql`select coalesce(sum(order_amount_minor), 0)::bigint as settled from settlement_postings where order_id = ${orderId}`);
    return Number(rows[0].settled);
  }

  async function movements(reference: string) {
    const { rows } = await use().db.execute(sql`select kind, quantity, location_id from stock_movements where reference = ${reference} order by id`);
    return rows.map((r) => ({ kind: String(r.kind), quantity: Number(r.quantity), locationId: String(r.location_id) }));
  }

  async function atDesk(lines: Array<[string, number]>) {
    const placed = await order(lines, 'partner_pickup');
    for (const event of ['start_pick', 'pack', 'send_to_partner']) await step(operator, placed.fulfilmentId, event);
    await step(deskAssociate, placed.fulfilmentId, 'receive_at_partner');
    return placed;
  }

  it('sends an uncollected partner parcel back after the deadline: order returned, shopper refunded, stock back at the warehouse, settlement reversed', async () => {
    const balance = await walletBalance(use().db, carmenId, 'EUR');
    const stockBefore = await onHand(use().db, warehouse.id, tea.skuId);
    const { orderId, totalMinor } = await atDesk([[tea.skuId, 3]]);
    expect(await settled(orderId)).toBe(totalMinor);
    expect(await walletBalance(use().db, carmenId, 'EUR')).toBe(balance - totalMinor);

    const swept = await sweepOrders(use(), new Date(Date.now() + (PARTNER_HOLD_DAYS + 1) * 86_400_000));
    expect(swept.returnedParcels).toBeGreaterThanOrEqual(1);

    const view = await orderView(orderId);
    expect(view).toMatchObject({ status: 'returned', paymentStatus: 'refunded', refundedMinor: totalMinor });
    expect(view.fulfilments[0].status).toBe('returned_to_sender');
    expect(view.lines[0]).toMatchObject({ returnedQuantity: 3, refundedMinor: totalMinor });
    expect(await walletBalance(use().db, carmenId, 'EUR')).toBe(balance);
    expect(await onHand(use().db, warehouse.id, tea.skuId)).toEqual(stockBefore);
    expect(await settled(orderId)).toBe(0);
    const { rows: [back] } = await use().db.execute(sql`select id, kind, location_id, amount_minor::int as amount_minor from order_returns where order_id = ${orderId}`);
    expect(back).toMatchObject({ kind: 'return_to_sender', location_id: warehouse.id, amount_minor: totalMinor });
    expect(await movements(`return:${back.id}`)).toEqual([{ kind: 'return', quantity: 3, locationId: warehouse.id }]);
    expect((await checkLedger(use().db)).ok).toBe(true);
  });

  it('refuses to send a parcel back before its collection deadline, except by an operator who states why', async () => {
    const { orderId, fulfilmentId, totalMinor } = await atDesk([[tea.skuId, 1]]);
    const rts = (token: string, payload: object = {}) => app.inject({ method: 'POST', url: `/v1/fulfilments/${fulfilmentId}/return-to-sender`, headers: auth(token), payload });
    expectProblem(await rts(deskAssociate), 409, 'orders.parcel_not_due');
    expectProblem(await rts(deskAssociate, { reason: 'shopper asked' }), 409, 'orders.parcel_not_due');
    expectProblem(await rts(operator), 409, 'orders.parcel_not_due');
    // The old route for the step is closed: it sent the parcel back without refund or restock.
    const viaSteps = await app.inject({ method: 'POST', url: `/v1/fulfilments/${fulfilmentId}/steps`, headers: auth(deskAssociate), payload: { event: 'return_to_sender' } });
    expect(viaSteps.statusCode).toBe(400);
    expect((await orderView(orderId)).fulfilments[0].status).toBe('received_at_partner');

    const early = await rts(operator, { reason: 'parcel damaged at the desk, shopper agreed' });
    expect(early.statusCode, early.body).toBe(201);
    expect(early.json()).toMatchObject({ kind: 'return_to_sender', amountMinor: totalMinor });
    expect(await orderView(orderId)).toMatchObject({ status: 'returned', paymentStatus: 'refunded' });
    expectProblem(await rts(operator, { reason: 'again' }), 409, 'orders.illegal_transition');
  });

  it('lets the desk send a parcel back once the deadline has passed', async () => {
    const { orderId, fulfilmentId } = await atDesk([[tea.skuId, 2]]);
    await use().db.execute(sql`update fulfilments set collect_by = now() - interval '1 minute' where id = ${fulfilmentId}`);
    const back = await app.inject({ method: 'POST', url: `/v1/fulfilments/${fulfilmentId}/return-to-sender`, headers: auth(deskAssociate), payload: {} });
    expect(back.statusCode, back.body).toBe(201);
    expect((await orderView(orderId)).status).toBe('returned');
  });

  it('gives no receipt for a declined card at the till: no order, no sale movement, nothing held, the basket stays open', async () => {
    const { basketId } = (await app.inject({ method: 'POST', url: '/v1/till/baskets', headers: auth(storeAssociate), payload: { currency: 'EUR' } })).json();
    await app.inject({ method: 'POST', url: `/v1/till/baskets/${basketId}/items`, headers: auth(storeAssociate), payload: { barcode: bag.barcode, quantity: 1 } });
    const before = await onHand(use().db, store.id, bag.skuId);
    const { rows: [counts] } = await use().db.execute(sql`select (select count(*) from orders)::int as orders, (select count(*) from stock_movements where kind = 'sale')::int as sales`);
    const declined = await app.inject({ method: 'POST', url: `/v1/till/baskets/${basketId}/payment`, headers: auth(storeAssociate), payload: { provider: 'card_sandbox', cardNumber: '4000000000000002' } });
    const problem = expectProblem(declined, 402, 'payments.card_declined');
    expect(problem.declineCode).toBe('card_declined');
    expect(await onHand(use().db, store.id, bag.skuId)).toEqual(before);
    const { rows: [after] } = await use().db.execute(sql`select (select count(*) from orders)::int as orders, (select count(*) from stock_movements where kind = 'sale')::int as sales`);
    expect(after).toEqual(counts);

    const paid = await app.inject({ method: 'POST', url: `/v1/till/baskets/${basketId}/payment`, headers: auth(storeAssociate), payload: { provider: 'card_sandbox', cardNumber: '4242424242424242' } });
    expect(paid.statusCode, paid.body).toBe(201);
    expect(paid.json()).toMatchObject({ paymentStatus: 'paid', totalMinor: 12_900 });
    expect(await onHand(use().db, store.id, bag.skuId)).toEqual({ onHand: before.onHand - 1, reserved: 0 });
    const { rows: [tillOrder] } = await use().db.execute(sql`select status, payment_status from orders where id = ${paid.json().orderId}`);
    expect(tillOrder).toEqual({ status: 'completed', payment_status: 'paid' });
    expect(await settled(paid.json().orderId)).toBe(12_900);
    expect((await checkLedger(use().db)).ok).toBe(true);
  });

  it('writes a short pick off as a stock discrepancy and refuses to take back the unit that never left', async () => {
    const { orderId, fulfilmentId, order: view } = await order([[bag.skuId, 2]], 'express_delivery');
    const line = view.lines[0];
    const afterSale = await onHand(use().db, store.id, bag.skuId);
    await step(storeAssociate, fulfilmentId, 'start_pick');
    const picked = await app.inject({ method: 'POST', url: `/v1/fulfilments/${fulfilmentId}/pick`, headers: auth(storeAssociate), payload: { lines: [{ orderLineId: line.id, pickedQuantity: 1 }] } });
    expect(picked.statusCode, picked.body).toBe(200);
    expect(picked.json()).toMatchObject({ refundedMinor: 12_900, closed: false });
    // The sale of the missing unit is reversed and the unit written off: the journal shows the
    // shortfall, and on-hand stays where the sale left it.
    expect(await movements(`pick:${fulfilmentId}`)).toEqual([
      { kind: 'adjustment', quantity: 1, locationId: store.id },
      { kind: 'damage', quantity: -1, locationId: store.id },
    ]);
    expect(await onHand(use().db, store.id, bag.skuId)).toEqual(afterSale);
    expect(await settled(orderId)).toBe(12_900);

    // Nothing was delivered yet: nothing can be returned.
    const returnOf = (quantity: number) => app.inject({ method: 'POST', url: `/v1/locations/${store.id}/returns`, headers: auth(storeAssociate), payload: { orderId, refundTo: 'wallet', lines: [{ orderLineId: line.id, quantity }] } });
    expectProblem(await returnOf(1), 422, 'orders.return_exceeds');
    for (const event of ['pack', 'dispatch', 'deliver']) await step(storeAssociate, fulfilmentId, event);
    // One unit was handed over: the short-picked one cannot come back.
    expectProblem(await returnOf(2), 422, 'orders.return_exceeds');
    const returned = await returnOf(1);
    expect(returned.statusCode, returned.body).toBe(201);
    expect(returned.json().amountMinor).toBe(12_900);
    expectProblem(await returnOf(1), 422, 'orders.return_exceeds');
    expect(await onHand(use().db, store.id, bag.skuId)).toEqual({ onHand: afterSale.onHand + 1, reserved: 0 });
    expect(await orderView(orderId)).toMatchObject({ paymentStatus: 'refunded', refundedMinor: 25_800 });
    expect(await settled(orderId)).toBe(0);
    expect((await checkLedger(use().db)).ok).toBe(true);
  });

  it('closes a parcel emptied by short picks instead of packing it; the order is cancelled and refunded', async () => {
    const balance = await walletBalance(use().db, carmenId, 'EUR');
    const { orderId, fulfilmentId, order: view } = await order([[tea.skuId, 2]], 'express_delivery');
    await step(storeAssociate, fulfilmentId, 'start_pick');
    const picked = await app.inject({ method: 'POST', url: `/v1/fulfilments/${fulfilmentId}/pick`, headers: auth(storeAssociate), payload: { lines: [{ orderLineId: view.lines[0].id, pickedQuantity: 0 }] } });
    expect(picked.json()).toMatchObject({ refundedMinor: 2_500, closed: true });
    for (const event of ['pack', 'dispatch']) {
      expectProblem(await app.inject({ method: 'POST', url: `/v1/fulfilments/${fulfilmentId}/steps`, headers: auth(storeAssociate), payload: { event } }), 409, 'orders.illegal_transition');
    }
    const after = await orderView(orderId);
    expect(after).toMatchObject({ status: 'cancelled', paymentStatus: 'refunded' });
    expect(after.fulfilments[0].status).toBe('cancelled');
    expect(await walletBalance(use().db, carmenId, 'EUR')).toBe(balance);
    expect(await settled(orderId)).toBe(0);
  });

  it('does not let picking start on an order that is not paid', async () => {
    const { fulfilmentId } = await order([[tea.skuId, 1]], 'express_delivery', 'card_sandbox');
    expectProblem(await app.inject({ method: 'POST', url: `/v1/fulfilments/${fulfilmentId}/steps`, headers: auth(storeAssociate), payload: { event: 'start_pick' } }), 409, 'orders.illegal_transition');
  });

  it('refunds an order\'s payment only through the order: order, lines and merchant settlement follow', async () => {
    const { orderId, paymentIntentId, totalMinor } = await order([[bag.skuId, 1], [tea.skuId, 2]], 'express_delivery');
    const direct = await app.inject({ method: 'POST', url: `/v1/payment-intents/${paymentIntentId}/refund`, headers: auth(operator), payload: { amountMinor: 1_000 } });
    const problem = expectProblem(direct, 409, 'payments.refund_through_order');
    expect(problem.refundRoute).toBe(`/v1/orders/${orderId}/refunds`);
    const { rows: [intent] } = await use().db.execute(sql`select refunded_minor from payment_intents where id = ${paymentIntentId}`);
    expect(Number(intent.refunded_minor)).toBe(0);

    const balance = await walletBalance(use().db, carmenId, 'EUR');
    const refund = await app.inject({ method: 'POST', url: `/v1/orders/${orderId}/refunds`, headers: auth(operator), payload: { amountMinor: 1_540, reason: 'late delivery, goodwill' } });
    expect(refund.statusCode, refund.body).toBe(201);
    // 12,900 and 2,500 left on the lines: 1,540 splits 1,290 / 250.
    expect(refund.json()).toMatchObject({ amountMinor: 1_540, refundedMinor: 1_540, paymentStatus: 'partially_refunded' });
    expect(refund.json().lines.map((l: any) => l.amountMinor).sort((a: number, b: number) => b - a)).toEqual([1_290, 250]);
    expect(await walletBalance(use().db, carmenId, 'EUR')).toBe(balance + 1_540);
    expect(await settled(orderId)).toBe(totalMinor - 1_540);
    const { rows: [after] } = await use().db.execute(sql`select refunded_minor from payment_intents where id = ${paymentIntentId}`);
    expect(Number(after.refunded_minor)).toBe(1_540);
    // Never more than is left; shoppers and associates may not refund.
    expectProblem(await app.inject({ method: 'POST', url: `/v1/orders/${orderId}/refunds`, headers: auth(operator), payload: { amountMinor: totalMinor, reason: 'too much' } }), 422, 'orders.return_exceeds');
    expect((await app.inject({ method: 'POST', url: `/v1/orders/${orderId}/refunds`, headers: auth(carmen), payload: { amountMinor: 1, reason: 'mine' } })).statusCode).toBe(403);
    expect((await checkLedger(use().db)).ok).toBe(true);
  });

  it('does not count a capture of part of the total as paying the order; expiry refunds it', async () => {
    const { orderId, paymentIntentId, totalMinor } = await order([[tea.skuId, 2]], 'express_delivery', 'card_sandbox');
    expect((await app.inject({ method: 'POST', url: `/v1/payment-intents/${paymentIntentId}/cancel`, headers: auth(carmen) })).statusCode).toBe(200);
    const part = await app.inject({ method: 'POST', url: '/v1/payment-intents', headers: auth(carmen), payload: { orderId, provider: 'card_sandbox', amountMinor: 100, currency: 'EUR' } });
    expect(part.statusCode, part.body).toBe(201);
    await withTx(use().db, (tx) => applyProviderEvent(tx, { notificationId: `part-${orderId}`, intentId: part.json().id, outcome: 'paid', amountMinor: 100 }));
    expect(await withTx(use().db, (tx) => markOrderPaid(tx, orderId, null))).toBe('partly_paid');
    expect((await orderView(orderId)).status).toBe('pending_payment');
    expect(totalMinor).toBeGreaterThan(100);

    await sweepOrders(use(), new Date(Date.now() + 20 * 60_000));
    expect(await orderView(orderId)).toMatchObject({ status: 'cancelled', paymentStatus: 'refunded', refundedMinor: 100 });
    const { rows: [intent] } = await use().db.execute(sql`select status, refunded_minor::int as refunded from payment_intents where id = ${part.json().id}`);
    expect(intent).toEqual({ status: 'refunded', refunded: 100 });
    expect((await checkLedger(use().db)).ok).toBe(true);
  });
});
