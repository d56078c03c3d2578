import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';
import { describeEachBackend } from '../../test/db.js';
import { testApp } from '../../test/http.js';
import { withTx } from '../db/tx.js';
import { demoId } from '../seed/demo-id.js';
import { sellableSku } from '../../test/commerce.js';

describeEachBackend('idempotency keys of anonymous callers', (use) => {
  let app: FastifyInstance;
  let skuId: string;
  beforeAll(async () => {
    app = await testApp(use(), { seed: true });
    ({ skuId } = await withTx(use().db, (tx) => sellableSku(tx, { merchantId: demoId('merchant:casa-aurelia'), priceMinor: 1_000 })));
  });
  afterAll(() => app.close());

  const nat = { remoteAddress: '198.51.100.200' };

  it('gives two guests behind one address, sending the same key, their own carts and tokens', async () => {
    const open = () => app.inject({ method: 'POST', url: '/v1/carts', headers: { 'idempotency-key': 'open-cart-1' }, payload: { channel: 'web', currency: 'EUR' }, ...nat });
    const [first, second] = [await open(), await open()];
    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(201);
    expect(second.json().cartId).not.toBe(first.json().cartId);
    expect(second.json().guestToken).not.toBe(first.json().guestToken);
    expect(second.headers['idempotent-replayed']).toBeUndefined();
    expect(first.headers['idempotency-key-ignored']).toBe('true');
  });

  it('scopes a guest\'s keys by its cart token: a retry replays, another guest with the same key runs its own request', async () => {
    const guests = await Promise.all([1, 2].map(async () => (await app.inject({ method: 'POST', url: '/v1/carts', payload: { channel: 'web', currency: 'EUR' }, ...nat })).json() as { cartId: string; guestToken: string }));
    const add = (guest: { cartId: string; guestToken: string }) => app.inject({
      method: 'POST', url: `/v1/carts/${guest.cartId}/lines`, headers: { 'x-cart-token': guest.guestToken, 'idempotency-key': 'add-1' }, payload: { skuId, quantity: 1 }, ...nat,
    });
    const [a] = guests;
    expect((await add(a)).statusCode).toBe(204);
    const retry = await add(a);
    expect(retry.statusCode).toBe(204);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    // The second guest's request is not the first guest's retry (and its cart is another one).
    const other = await add(guests[1]);
    expect(other.statusCode).toBe(204);
    expect(other.headers['idempotent-replayed']).toBeUndefined();
    const { rows } = await use().db.execute(sql`select cart_id, quantity from cart_lines where cart_id in (${guests[0].cartId}, ${guests[1].cartId})`);
    expect(rows.map((r) => Number(r.quantity))).toEqual([1, 1]);
  });
});
