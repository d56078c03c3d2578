import { beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { signInAs, auth } from '../test/http.js';
import { signIn, useBrowserRig } from '../test/browser.js';
import type { Database } from '../src/db/client.js';
import { withTx } from '../src/db/tx.js';
import { demoId } from '../src/seed/demo-id.js';
import { products, skus } from '../src/catalog/schema.js';
import { fulfilmentLines, fulfilments, orderLines, orders } from '../src/orders/schema.js';

const SOL = demoId('location:MAD-SOL');

describe('store console in chromium', () => {
  const rig = useBrowserRig();
  let database: Database, app: FastifyInstance, browser: Browser, base: string;
  let orderId: string, fulfilmentId: string;

  beforeAll(async () => {
    ({ database, app, browser, base } = rig);
    ({ orderId, fulfilmentId } = await withTx(database.db, async (tx) => {
      const merchantId = demoId('merchant:casa-aurelia');
      const [p] = await tx.insert(products).values({ merchantId, status: 'active' }).returning();
      const [s] = await tx.insert(skus).values({ productId: p.id, merchantId, skuCode: 'UI-1' }).returning();
      const [o] = await tx.insert(orders).values({ accountId: demoId('account:carmen@mercato.test'), channel: 'web', status: 'paid', currency: 'EUR', totalMinor: 1500, paymentStatus: 'paid' }).returning();
      const [l] = await tx.insert(orderLines).values({ orderId: o.id, merchantId, skuId: s.id, quantity: 1, unitPriceMinor: 1500, amountMinor: 1500, currency: 'EUR' }).returning();
      const [f] = await tx.insert(fulfilments).values({ orderId: o.id, kind: 'store_pickup', sourceLocationId: SOL, pickupLocationId: SOL, slotStart: new Date() }).returning();
      await tx.insert(fulfilmentLines).values({ fulfilmentId: f.id, orderLineId: l.id, quantity: 1 });
      return { orderId: o.id, fulfilmentId: f.id };
    }));
  });

  it('lets an associate pick, pack, mark ready and hand over a click-and-collect order by code', async () => {
    const page = await browser.newPage();
    await signIn(page, base, 'associate.sol@mercato.test');
    await page.goto(`${base}/store`);
    const row = page.getByTestId(`fulfilment-${fulfilmentId}`);
    for (const [button, status] of [['start pick', 'picking'], ['pack', 'packed'], ['ready', 'ready for pickup']]) {
      await row.getByRole('button', { name: button }).click();
      await expect.poll(() => row.locator('td').nth(2).textContent()).toBe(status);
    }
    const carmen = await signInAs(app, 'carmen@mercato.test');
    const code = (await app.inject({ url: `/v1/orders/${orderId}`, headers: auth(carmen) })).json().fulfilments[0].pickupCode;
    const form = page.getByRole('form', { name: 'Hand over' });
    await form.getByLabel('Parcel').selectOption(fulfilmentId);
    await form.getByLabel('Code from the shopper').fill(code);
    await form.getByRole('button', { name: 'Hand over' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toBe('Handed over');
    const order = (await app.inject({ url: `/v1/orders/${orderId}`, headers: auth(carmen) })).json();
    expect(order.status).toBe('completed');
    await page.close();
  });
});
