import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { describeEachBackend } from '../../test/db.js';
import { auth, expectProblem, signInAs, testApp } from '../../test/http.js';
import { withTx } from '../db/tx.js';
import { demoId } from '../seed/demo-id.js';
import { products, skus } from '../catalog/schema.js';
import { fulfilmentLines, fulfilments, orderLines, orders } from './schema.js';
import { MAX_CODE_ATTEMPTS } from './fulfilment.js';

const SOL = demoId('location:MAD-SOL');
const DUOMO = demoId('location:MIL-DUO');
const aurelia = demoId('merchant:casa-aurelia');

describeEachBackend('orders HTTP', (use) => {
  let app: FastifyInstance;
  let carmen: string, giulia: string, solAssociate: string, duomoAssociate: string;
  let skuA: string, skuB: string;

  beforeAll(async () => {
    app = await testApp(use(), { seed: true });
    [carmen, giulia, solAssociate, duomoAssociate] = await Promise.all(['carmen', 'giulia', 'associate.sol', 'associate.duomo'].map((n) => signInAs(app, `${n}@mercato.test`)));
    [skuA, skuB] = await withTx(use().db, async (tx) => {
      const [p] = await tx.insert(products).values({ merchantId: aurelia, status: 'active' }).returning();
      const rows = await tx.insert(skus).values([
        { productId: p.id, merchantId: aurelia, skuCode: 'HTTP-A' }, { productId: p.id, merchantId: aurelia, skuCode: 'HTTP-B' },
      ]).returning();
      return rows.map((r) => r.id);
    });
  });
  afterAll(() => app.close());

  it('keeps a guest cart behind its token and merges it into the shopper\'s cart on sign-in', async () => {
    const opened = await app.inject({ method: 'POST', url: '/v1/carts', payload: { channel: 'web', currency: 'EUR' } });
    expect(opened.statusCode).toBe(201);
    const { cartId, guestToken } = opened.json();
    expect(guestToken).toMatch(/^cart_/);
    const guest = { 'x-cart-token': guestToken };
    expect((await app.inject({ method: 'POST', url: `/v1/carts/${cartId}/lines`, headers: guest, payload: { skuId: skuA, quantity: 2 } })).statusCode).toBe(204);
    expectProblem(await app.inject({ url: `/v1/carts/${cartId}` }), 404, 'orders.cart_not_found');
    expectProblem(await app.inject({ url: `/v1/carts/${cartId}`, headers: { 'x-cart-token': 'cart_wrong-token-of-someone' } }), 404, 'orders.cart_not_found');

    const own = (await app.inject({ method: 'POST', url: '/v1/carts', headers: auth(carmen), payload: { channel: 'web', currency: 'EUR' } })).json();
    await app.inject({ method: 'POST', url: `/v1/carts/${own.cartId}/lines`, headers: auth(carmen), payload: { skuId: skuA, quantity: 1 } });
    await app.inject({ method: 'POST', url: `/v1/carts/${own.cartId}/lines`, headers: auth(carmen), payload: { skuId: skuB, quantity: 1 } });
    const merged = await app.inject({ method: 'POST', url: `/v1/carts/${cartId}/merge`, headers: auth(carmen), payload: { guestToken } });
    expect(merged.json().cartId).toBe(own.cartId);
    const cart = (await app.inject({ url: `/v1/carts/${own.cartId}`, headers: auth(carmen) })).json();
    expect(cart.lines).toEqual(expect.arrayContaining([{ skuId: skuA, quantity: 3 }, { skuId: skuB, quantity: 1 }]));
    expect(cart).not.toHaveProperty('guestTokenHash');
    // The guest cart is closed; another shopper cannot see Carmen's cart.
    expectProblem(await app.inject({ method: 'POST', url: `/v1/carts/${cartId}/lines`, headers: guest, payload: { skuId: skuA, quantity: 1 } }), 409, 'orders.cart_closed');
    expectProblem(await app.inject({ url: `/v1/carts/${own.cartId}`, headers: auth(giulia) }), 404, 'orders.cart_not_found');
  });

  it('refuses an unknown SKU and a zero quantity with clear problems', async () => {
    const { cartId } = (await app.inject({ method: 'POST', url: '/v1/carts', headers: auth(giulia), payload: { channel: 'app', currency: 'EUR' } })).json();
    expectProblem(await app.inject({ method: 'POST', url: `/v1/carts/${cartId}/lines`, headers: auth(giulia), payload: { skuId: '00000000-0000-4000-8000-000000000000', quantity: 1 } }), 422, 'orders.sku_not_found');
    const zero = expectProblem(await app.inject({ method: 'POST', url: `/v1/carts/${cartId}/lines`, headers: auth(giulia), payload: { skuId: skuA, quantity: 0 } }), 400, 'http.validation');
    expect(zero.errors[0].field).toBe('/quantity');
  });

  it('runs click and collect in the store console, handing over only with the right code', async () => {
    const { orderId, fulfilmentId } = await withTx(use().db, async (tx) => {
      const [o] = await tx.insert(orders).values({ accountId: demoId('account:carmen@mercato.test'), channel: 'app', status: 'paid', currency: 'EUR', totalMinor: 1000, paymentStatus: 'paid' }).returning();
      const [l] = await tx.insert(orderLines).values({ orderId: o.id, merchantId: aurelia, skuId: skuA, quantity: 1, unitPriceMinor: 1000, amountMinor: 1000, currency: 'EUR' }).returning();
      const [f] = await tx.insert(fulfilments).values({ orderId: o.id, kind: 'store_pickup', sourceLocationId: SOL, pickupLocationId: SOL, slotStart: new Date() }).returning();
      await tx.insert(fulfilmentLines).values({ fulfilmentId: f.id, orderLineId: l.id, quantity: 1 });
      return { orderId: o.id, fulfilmentId: f.id };
    });
    const queue = (await app.inject({ url: `/v1/locations/${SOL}/fulfilments`, headers: auth(solAssociate) })).json();
    expect(queue.items.map((q: any) => q.fulfilment.id)).toContain(fulfilmentId);
    expectProblem(await app.inject({ url: `/v1/locations/${SOL}/fulfilments`, headers: auth(duomoAssociate) }), 404, 'http.not_found');
    expectProblem(await app.inject({ method: 'POST', url: `/v1/fulfilments/${fulfilmentId}/steps`, headers: auth(duomoAssociate), payload: { event: 'start_pick' } }), 404, 'orders.fulfilment_not_found');
    expectProblem(await app.inject({ method: 'POST', url: `/v1/fulfilments/${fulfilmentId}/steps`, headers: auth(carmen), payload: { event: 'start_pick' } }), 403, 'http.forbidden');

    for (const event of ['start_pick', 'pack', 'ready']) {
      const step = await app.inject({ method: 'POST', url: `/v1/fulfilments/${fulfilmentId}/steps`, headers: auth(solAssociate), payload: { event } });
      expect(step.statusCode).toBe(200);
    }
    expectProblem(await app.inject({ method: 'POST', url: `/v1/fulfilments/${fulfilmentId}/steps`, headers: auth(solAssociate), payload: { event: 'pack' } }), 409, 'orders.illegal_transition');

    const mine = (await app.inject({ url: `/v1/orders/${orderId}`, headers: auth(carmen) })).json();
    const { pickupCode, pickupQr } = mine.fulfilments[0];
    const wrongCode = pickupCode === '000000' ? '000001' : '000000';
    const wrong = expectProblem(await app.inject({ method: 'POST', url: `/v1/locations/${SOL}/handovers`, headers: auth(solAssociate), payload: { fulfilmentId, code: wrongCode } }), 422, 'orders.pickup_code_wrong');
    expect(wrong.attemptsLeft).toBe(MAX_CODE_ATTEMPTS - 1);
    expectProblem(await app.inject({ method: 'POST', url: `/v1/locations/${DUOMO}/handovers`, headers: auth(duomoAssociate), payload: { qr: pickupQr } }), 404, 'orders.fulfilment_not_found');
    const handed = await app.inject({ method: 'POST', url: `/v1/locations/${SOL}/handovers`, headers: auth(solAssociate), payload: { qr: pickupQr } });
    expect(handed.json().status).toBe('picked_up');

    const history = (await app.inject({ url: `/v1/orders/${orderId}/history`, headers: auth(carmen) })).json();
    expect(history.items.at(-1)).toMatchObject({ action: 'order.complete', toStatus: 'completed' });
    expectProblem(await app.inject({ url: `/v1/orders/${orderId}`, headers: auth(giulia) }), 404, 'orders.not_found');
    const list = (await app.inject({ url: '/v1/orders', headers: auth(carmen) })).json();
    expect(list.items.map((o: any) => o.id)).toContain(orderId);
  });

  it('locks the parcel after repeated wrong codes, even for the right code afterwards', async () => {
    const { fulfilmentId, code } = await withTx(use().db, async (tx) => {
      const [o] = await tx.insert(orders).values({ accountId: demoId('account:carmen@mercato.test'), channel: 'web', status: 'fulfilling', currency: 'EUR', totalMinor: 0 }).returning();
      const [f] = await tx.insert(fulfilments).values({ orderId: o.id, kind: 'store_pickup', status: 'ready_for_pickup', sourceLocationId: SOL, pickupLocationId: SOL, pickupCode: '424242' }).returning();
      return { fulfilmentId: f.id, code: '424242' };
    });
    for (let i = 0; i < MAX_CODE_ATTEMPTS; i++) {
      expectProblem(await app.inject({ method: 'POST', url: `/v1/locations/${SOL}/handovers`, headers: auth(solAssociate), payload: { fulfilmentId, code: '111111' } }), 422, 'orders.pickup_code_wrong');
    }
    expectProblem(await app.inject({ method: 'POST', url: `/v1/locations/${SOL}/handovers`, headers: auth(solAssociate), payload: { fulfilmentId, code } }), 429, 'orders.pickup_code_locked');
  });
});
