import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { describeEachBackend } from '../../test/db.js';
import { auth, signInAs, testApp } from '../../test/http.js';
import { openStore, sellableSku, stock } from '../../test/commerce.js';
import { withTx } from '../db/tx.js';
import { demoId } from '../seed/demo-id.js';

describeEachBackend('metrics', (use, kind) => {
  let app: FastifyInstance;
  beforeAll(async () => { app = await testApp(use(), { seed: true }); }, 60_000);
  afterAll(() => app.close());

  /** One sample of a metric, by its labels (all given labels must match). */
  function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
    for (const line of text.split('\n')) {
      if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
      if (Object.entries(labels).every(([k, v]) => line.includes(`${k}="${v}"`))) return Number(line.split(' ').at(-1));
    }
    return undefined;
  }

  it('serves Prometheus text: latency by route template, sold-out answers, outbox lag, webhook queue, DB pool', async () => {
    for (let i = 0; i < 3; i++) expect((await app.inject({ url: '/v1/locations' })).statusCode).toBe(200);
    // One sold-out answer: a hold for more than the shelf has.
    const { skuId, locationId } = await withTx(use().db, async (tx) => {
      const store = await openStore(tx, { latitude: 40.1, longitude: -3.1 });
      const sku = await sellableSku(tx, { merchantId: demoId('merchant:lumen-tea'), priceMinor: 500 });
      await stock(tx, store.id, sku.skuId, 1);
      return { skuId: sku.skuId, locationId: store.id };
    });
    const carmen = await signInAs(app, 'carmen@mercato.test');
    const refused = await app.inject({ method: 'POST', url: '/v1/inventory/reservations', headers: auth(carmen), payload: { lines: [{ skuId, locationId, quantity: 2 }] } });
    expect(refused.statusCode).toBe(409);

    const response = await app.inject({ url: '/metrics' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/plain');
    const text = response.body;
    expect(sample(text, 'mercato_http_request_duration_seconds_count', { route: '/v1/locations', method: 'GET', status_code: '200' })).toBe(3);
    expect(sample(text, 'mercato_sold_out_answers_total', { route: '/v1/inventory/reservations' })).toBe(1);
    expect(sample(text, 'mercato_outbox_unpublished_events')).toBeGreaterThanOrEqual(0);
    expect(sample(text, 'mercato_outbox_lag_seconds')).toBeGreaterThanOrEqual(0);
    expect(sample(text, 'mercato_webhook_deliveries', { status: 'dead' })).toBe(0);
    expect(text).toContain('mercato_process_cpu_user_seconds_total');
    if (kind === 'postgres') expect(sample(text, 'mercato_db_pool_connections', { state: 'max' })).toBeGreaterThan(0);
    // Unknown paths share one label instead of one series per path.
    await app.inject({ url: '/v1/no-such-thing-123' });
    const again = (await app.inject({ url: '/metrics' })).body;
    expect(again).not.toContain('no-such-thing-123');
  });
});
