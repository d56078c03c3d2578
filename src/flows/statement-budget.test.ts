import { AsyncLocalStorage } from 'node:async_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { backends, freshDatabase } from '../../test/db.js';
import { auth, signInAs } from '../../test/http.js';
import { sellableSku, stock, topUp } from '../../test/commerce.js';
import { makeLocation } from '../inventory/test-fixtures.js';
import type { Database } from '../db/client.js';
import { withTx } from '../db/tx.js';
import { demoId } from '../seed/demo-id.js';
import { seedDemo } from '../seed/demo.js';
import { buildApp } from '../app.js';
import { loadConfig } from '../config.js';
import { inProcessBus } from '../events/bus.js';

/**
 * The statement budget of the shopper's hot requests (docs/performance.md): every statement the
 * server sends to PostgreSQL while serving one request, BEGIN and COMMIT included, counted at the
 * driver. A checkout's count must not grow with its lines, and must stay within the budget.
 */
export const BUDGET = { checkout: 24, addLine: 8, setLine: 8, options: 12, viewCart: 6 } as const;

const aurelia = demoId('merchant:casa-aurelia');
const carmenId = demoId('account:carmen@mercato.test');
// Granada: far from the demo stores, so only this file's warehouse serves it (standard shipping).
const HOME = { latitude: 37.17734, longitude: -3.59856, country: 'ES' };

describe.skipIf(!backends().includes('postgres'))('statement budget of the shopper path [postgres]', () => {
  // Statements are counted per request through the async context of the request that sent them
  // (entered in an onRequest hook, named by a test header), so the app's background loops
  // (sandbox delivery, sweepers) are not counted.
  const request = new AsyncLocalStorage<string[]>();
  const counters = new Map<string, string[]>();
  let database: Database;
  let app: FastifyInstance;
  let carmen: string;
  let skuIds: string[];
  let warehouseId: string;

  beforeAll(async () => {
    database = await freshDatabase('postgres', 8, { onStatement: (text) => request.getStore()?.push(text) });
    await withTx(database.db, (tx) => seedDemo(tx));
    app = await buildApp({ config: loadConfig({}), database, bus: inProcessBus(), logger: false });
    app.addHook('onRequest', (incoming, _reply, done) => {
      const statements = counters.get(String(incoming.headers['x-count-statements']));
      if (statements) request.enterWith(statements);
      done();
    });
    await app.ready();
    ({ skuIds, warehouseId } = await withTx(database.db, async (tx) => {
      const warehouse = await makeLocation(tx, { kind: 'warehouse', latitude: 37.2, longitude: -3.6, shipsOrders: true, city: 'Granada' });
      const skus: string[] = [];
      for (let i = 0; i < 5; i++) {
        const { skuId } = await sellableSku(tx, { merchantId: aurelia, priceMinor: 1_000 + i * 100 });
        await stock(tx, warehouse.id, skuId, 100);
        skus.push(skuId);
      }
      await topUp(tx, carmenId, 1_000_000);
      return { skuIds: skus, warehouseId: warehouse.id };
    }));
    carmen = await signInAs(app, 'carmen@mercato.test');
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  async function counted(inject: (headers: Record<string, string>) => Promise<LightMyRequestResponse>) {
    const statements: string[] = [];
    const id = String(counters.size);
    counters.set(id, statements);
    const result = await inject({ ...auth(carmen), 'x-count-statements': id });
    return { result, statements };
  }

  /** One shopper's path through HTTP: open a cart, add the lines, read it, ask the options, check out. */
  async function shop(lines: number) {
    const opened = await counted((headers) => app.inject({ method: 'POST', url: '/v1/carts', headers, payload: { channel: 'app', currency: 'EUR' } }));
    const cartId = opened.result.json().cartId as string;
    const added: number[] = [];
    for (const skuId of skuIds.slice(0, lines)) {
      const add = await counted((headers) => app.inject({ method: 'POST', url: `/v1/carts/${cartId}/lines`, headers, payload: { skuId, quantity: 1 } }));
      expect(add.result.statusCode, add.result.body).toBe(204);
      added.push(add.statements.length);
    }
    const set = await counted((headers) => app.inject({ method: 'PUT', url: `/v1/carts/${cartId}/lines/${skuIds[0]}`, headers, payload: { quantity: 2 } }));
    expect(set.result.statusCode, set.result.body).toBe(204);
    const view = await counted((headers) => app.inject({ url: `/v1/carts/${cartId}`, headers }));
    expect(view.result.statusCode).toBe(200);
    const options = await counted((headers) => app.inject({ url: `/v1/carts/${cartId}/fulfilment-options?lat=${HOME.latitude}&lon=${HOME.longitude}&country=ES`, headers }));
    expect(options.result.statusCode, options.result.body).toBe(200);
    const optionId = `standard_shipping:${warehouseId}`;
    expect(options.result.json().options.map((o: { id: string }) => o.id)).toContain(optionId);
    const placed = await counted((headers) => app.inject({
      method: 'POST', url: `/v1/carts/${cartId}/checkout`, headers: { ...headers, 'idempotency-key': `budget-${cartId}` },
      payload: { optionId, destination: HOME, payment: { provider: 'wallet' } },
    }));
    expect(placed.result.statusCode, placed.result.body).toBe(201);
    expect(placed.result.json().status).toBe('paid');
    return {
      openCart: opened.statements.length, addLine: Math.max(...added), setLine: set.statements.length, viewCart: view.statements.length,
      options: options.statements.length, checkout: placed.statements.length, checkoutStatements: placed.statements,
    };
  }

  it('checks out a 1-line and a 5-line wallet cart in the same number of statements, within the budget', async () => {
    const one = await shop(1);
    const five = await shop(5);
    const table = { '1 line': { ...one, checkoutStatements: undefined }, '5 lines': { ...five, checkoutStatements: undefined } };
    console.log('statements per request', JSON.stringify(table));
    if (process.env.MERCATO_SHOW_STATEMENTS) console.log(five.checkoutStatements.map((s) => s.replace(/\s+/g, ' ').slice(0, 160)).join('\n'));
    expect(five.checkout, `5-line checkout sent:\n${five.checkoutStatements.join('\n---\n')}`).toBe(one.checkout);
    expect(five.checkout).toBeLessThanOrEqual(BUDGET.checkout);
    for (const path of [one, five]) {
      expect(path.addLine).toBeLessThanOrEqual(BUDGET.addLine);
      expect(path.setLine).toBeLessThanOrEqual(BUDGET.setLine);
      expect(path.viewCart).toBeLessThanOrEqual(BUDGET.viewCart);
      expect(path.options).toBeLessThanOrEqual(BUDGET.options);
    }
    expect(five.options).toBe(one.options);
    expect(five.viewCart).toBe(one.viewCart);
  });
});
