import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { describeEachBackend } from '../../test/db.js';
import { auth, expectProblem, signInAs, testApp } from '../../test/http.js';
import { withTx } from '../db/tx.js';
import { demoId } from '../seed/demo-id.js';
import { sellableSku } from '../../test/commerce.js';
import { sql } from 'drizzle-orm';
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
    [skuA, skuB] = await withTx(use().db, async (tx) => [
      (await sellableSku(tx, { merchantId: aurelia, priceMinor: 2_000 })).skuId,
      (await sellableSku(tx, { merchantId: aurelia, priceMinor: 350 })).skuId,
    ]);
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
    expect(cart.lines).toEqual(expect.arrayContaining([
      expect.objectContaining({ skuId: skuA, quantity: 3, unitPriceMinor: 2_000, amountMinor: 6_000, problem: null }),
      expect.objectContaining({ skuId: skuB, quantity: 1, amountMinor: 350 }),
    ]));
    expect(cart).toMatchObject({ subtotalMinor: 6_350, checkoutReady: true });
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

  it('prices a business buyer from their wholesale list, refusing quantities under its MOQ', async () => {
    const giuliaId = demoId('account:giulia@mercato.test');
    await withTx(use().db, async (tx) => {
      const { rows: [list] } = await tx.execute(sql`insert into price_lists (merchant_id, code, name, kind, currency) values (${aurelia}, 'b2b-orders-test', 'Wholesale', 'wholesale', 'EUR') returning id`);
      await tx.execute(sql`insert into price_list_accounts (price_list_id, account_id) values (${list.id}, ${giuliaId})`);
      await tx.execute(sql`insert into price_list_items (price_list_id, sku_id, moq) values (${list.id}, ${skuB}, 10)`);
      await tx.execute(sql`insert into price_tiers (price_list_id, sku_id, min_quantity, unit_amount_minor) values (${list.id}, ${skuB}, 10, 250), (${list.id}, ${skuB}, 50, 200)`);
    });
    const { cartId } = (await app.inject({ method: 'POST', url: '/v1/carts', headers: auth(giulia), payload: { channel: 'web', currency: 'EUR' } })).json();
    expectProblem(await app.inject({ method: 'PUT', url: `/v1/carts/${cartId}/lines/${skuB}`, headers: auth(giulia), payload: { quantity: 5 } }), 422, 'catalog.below_moq');
    expect((await app.inject({ url: `/v1/carts/${cartId}`, headers: auth(giulia) })).json().lines).toEqual([]);
    await app.inject({ method: 'PUT', url: `/v1/carts/${cartId}/lines/${skuB}`, headers: auth(giulia), payload: { quantity: 12 } });
    expect((await app.inject({ url: `/v1/carts/${cartId}`, headers: auth(giulia) })).json().lines[0]).toMatchObject({ unitPriceMinor: 250, amountMinor: 3_000 });
    await app.inject({ method: 'PUT', url: `/v1/carts/${cartId}/lines/${skuB}`, headers: auth(giulia), payload: { quantity: 60 } });
    expect((await app.inject({ url: `/v1/carts/${cartId}`, headers: auth(giulia) })).json().lines[0]).toMatchObject({ unitPriceMinor: 200, amountMinor: 12_000 });
    // A retail shopper still pays the retail price for the same SKU.
    const { cartId: retail } = (await app.inject({ method: 'POST', url: '/v1/carts', headers: auth(carmen), payload: { channel: 'app', currency: 'EUR' } })).json();
    await app.inject({ method: 'PUT', url: `/v1/carts/${retail}/lines/${skuB}`, headers: auth(carmen), payload: { quantity: 2 } });
    expect((await app.inject({ url: `/v1/carts/${retail}`, headers: auth(carmen) })).json().lines.find((l: any) => l.skuId === skuB)).toMatchObject({ unitPriceMinor: 350 });
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
  it('never shows the pickup code to the store: not in the ready answer, not in the queue; the shopper sees it', async () => {
    const { orderId, fulfilmentId } = await withTx(use().db, async (tx) => {
      const [o] = await tx.insert(orders).values({ accountId: demoId('account:carmen@mercato.test'), channel: 'app', status: 'paid', currency: 'EUR', totalMinor: 1000, paymentStatus: 'paid' }).returning();
      const [l] = await tx.insert(orderLines).values({ orderId: o.id, merchantId: aurelia, skuId: skuA, quantity: 1, unitPriceMinor: 1000, amountMinor: 1000, currency: 'EUR' }).returning();
      const [f] = await tx.insert(fulfilments).values({ orderId: o.id, kind: 'store_pickup', sourceLocationId: SOL, pickupLocationId: SOL, slotStart: new Date() }).returning();
      await tx.insert(fulfilmentLines).values({ fulfilmentId: f.id, orderLineId: l.id, quantity: 1 });
      return { orderId: o.id, fulfilmentId: f.id };
    });
    let ready: Record<string, unknown> = {};
    for (const event of ['start_pick', 'pack', 'ready']) ready = (await app.inject({ method: 'POST', url: `/v1/fulfilments/${fulfilmentId}/steps`, headers: auth(solAssociate), payload: { event } })).json();
    expect(ready).toMatchObject({ status: 'ready_for_pickup', hasPickupCode: true });
    expect(ready).not.toHaveProperty('pickupCode');
    const code = (await app.inject({ url: `/v1/orders/${orderId}`, headers: auth(carmen) })).json().fulfilments[0].pickupCode;
    expect(code).toMatch(/^[0-9]{6}$/);
    const queue = (await app.inject({ url: `/v1/locations/${SOL}/fulfilments`, headers: auth(solAssociate) })).json();
    expect(JSON.stringify(queue)).not.toContain(code);
    expect(queue.items.find((q: any) => q.fulfilment.id === fulfilmentId).fulfilment).not.toHaveProperty('pickupCode');
    expect((await app.inject({ url: `/v1/orders/${orderId}`, headers: auth(solAssociate) })).json().fulfilments[0].pickupCode).toBeNull();
  });

  it('unlocks a locked parcel after an ID check by an associate of that store (audited), or by the shopper re-issuing the code', async () => {
    const locked = async () => {
      const fulfilmentId = await withTx(use().db, async (tx) => {
        const [o] = await tx.insert(orders).values({ accountId: demoId('account:carmen@mercato.test'), channel: 'web', status: 'fulfilling', currency: 'EUR', totalMinor: 0 }).returning();
        const [f] = await tx.insert(fulfilments).values({ orderId: o.id, kind: 'store_pickup', status: 'ready_for_pickup', sourceLocationId: SOL, pickupLocationId: SOL, pickupCode: '424242', failedCodeAttempts: MAX_CODE_ATTEMPTS }).returning();
        return f.id;
      });
      const [{ orderId }] = await use().db.select({ orderId: fulfilments.orderId }).from(fulfilments).where(sql`${fulfilments.id} = ${fulfilmentId}`);
      const problem = expectProblem(await app.inject({ method: 'POST', url: `/v1/locations/${SOL}/handovers`, headers: auth(solAssociate), payload: { fulfilmentId, code: '424242' } }), 429, 'orders.pickup_code_locked');
      expect(problem.unlock).toBe(`/v1/fulfilments/${fulfilmentId}/unlock`);
      return { fulfilmentId, orderId };
    };
    const idCheck = { idChecked: true, documentType: 'national_id', documentLast4: '123X' };

    const first = await locked();
    expectProblem(await app.inject({ method: 'POST', url: `/v1/fulfilments/${first.fulfilmentId}/unlock`, headers: auth(duomoAssociate), payload: idCheck }), 404, 'orders.fulfilment_not_found');
    expectProblem(await app.inject({ method: 'POST', url: `/v1/fulfilments/${first.fulfilmentId}/unlock`, headers: auth(carmen), payload: idCheck }), 403, 'http.forbidden');
    expectProblem(await app.inject({ method: 'POST', url: `/v1/fulfilments/${first.fulfilmentId}/unlock`, headers: auth(solAssociate), payload: { ...idCheck, idChecked: false } }), 400, 'http.validation');
    const unlocked = await app.inject({ method: 'POST', url: `/v1/fulfilments/${first.fulfilmentId}/unlock`, headers: auth(solAssociate), payload: idCheck });
    expect(unlocked.statusCode).toBe(200);
    expect(unlocked.json()).toMatchObject({ failedCodeAttempts: 0 });
    expect(unlocked.json()).not.toHaveProperty('pickupCode');
    const handed = await app.inject({ method: 'POST', url: `/v1/locations/${SOL}/handovers`, headers: auth(solAssociate), payload: { fulfilmentId: first.fulfilmentId, code: '424242' } });
    expect(handed.json().status).toBe('picked_up');
    const history = (await app.inject({ url: `/v1/orders/${first.orderId}/history`, headers: auth(carmen) })).json().items;
    expect(history.find((h: any) => h.action === 'fulfilment.unlock')).toMatchObject({ actorAccountId: demoId('account:associate.sol@mercato.test'), detail: { idCheck: { documentType: 'national_id', documentLast4: '123X' }, failedAttempts: MAX_CODE_ATTEMPTS } });

    const second = await locked();
    const url = `/v1/orders/${second.orderId}/fulfilments/${second.fulfilmentId}/pickup-code`;
    expectProblem(await app.inject({ method: 'POST', url, headers: auth(giulia) }), 404, 'orders.fulfilment_not_found');
    const reissued = await app.inject({ method: 'POST', url, headers: auth(carmen) });
    expect(reissued.statusCode).toBe(201);
    const { pickupCode } = reissued.json();
    expect(pickupCode).toMatch(/^[0-9]{6}$/);
    expect(pickupCode).not.toBe('424242');
    expectProblem(await app.inject({ method: 'POST', url: `/v1/locations/${SOL}/handovers`, headers: auth(solAssociate), payload: { fulfilmentId: second.fulfilmentId, code: '424242' } }), 422, 'orders.pickup_code_wrong');
    const collected = await app.inject({ method: 'POST', url: `/v1/locations/${SOL}/handovers`, headers: auth(solAssociate), payload: { fulfilmentId: second.fulfilmentId, code: pickupCode } });
    expect(collected.json().status).toBe('picked_up');
  });
});
