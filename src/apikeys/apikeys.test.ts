import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';
import { describeEachBackend } from '../../test/db.js';
import { auth, expectProblem, signInAs, testApp } from '../../test/http.js';
import { demoId } from '../seed/demo-id.js';

const lumen = demoId('merchant:lumen-tea');

describeEachBackend('API keys', (use) => {
  let app: FastifyInstance;
  let lumenStaff: string, operator: string;
  beforeAll(async () => {
    app = await testApp(use(), { seed: true });
    lumenStaff = await signInAs(app, 'lumen@mercato.test');
    operator = await signInAs(app, 'operator@mercato.test');
  }, 60_000);
  afterAll(() => app.close());

  const create = async (token: string, payload: Record<string, unknown>) => {
    const response = await app.inject({ method: 'POST', url: '/v1/api-keys', headers: auth(token), payload });
    expect(response.statusCode, response.body).toBe(201);
    return response.json() as { id: string; key: string; prefix: string; merchantId: string | null; scopes: string[] };
  };

  it('a publishable key calls public routes only; the key is stored hashed and shown once', async () => {
    const pub = await create(lumenStaff, { kind: 'publishable', name: 'storefront' });
    expect(pub.key).toMatch(/^mk_pub_/);
    expect(pub.merchantId).toBe(lumen);
    const { rows } = await use().db.execute(sql`select key_hash from api_keys where id = ${pub.id}`);
    expect(rows[0].key_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(rows)).not.toContain(pub.key);
    expect((await app.inject({ url: '/v1/locations', headers: { 'x-api-key': pub.key } })).statusCode).toBe(200);
    expectProblem(await app.inject({ url: '/v1/webhook-subscriptions', headers: { 'x-api-key': pub.key } }), 403, 'api_keys.publishable_not_allowed');
    const listed = (await app.inject({ url: '/v1/api-keys', headers: auth(lumenStaff) })).json();
    expect(JSON.stringify(listed)).not.toContain(pub.key);
    expect(listed.items.map((k: any) => k.prefix)).toContain(pub.key.slice(0, 14));
  });

  it('a secret key acts as its merchant within its scopes, and stops working when revoked', async () => {
    const reader = await create(lumenStaff, { kind: 'secret', name: 'erp read', scopes: ['read'] });
    const writer = await create(lumenStaff, { kind: 'secret', name: 'erp', scopes: ['read', 'write'] });
    const mine = await app.inject({ url: '/v1/webhook-subscriptions', headers: { 'x-api-key': reader.key } });
    expect(mine.statusCode, mine.body).toBe(200);
    const subscribe = { url: 'https://erp.example/hook', topics: ['order.paid'] };
    expectProblem(await app.inject({ method: 'POST', url: '/v1/webhook-subscriptions', headers: { 'x-api-key': reader.key }, payload: subscribe }), 403, 'api_keys.scope');
    const made = await app.inject({ method: 'POST', url: '/v1/webhook-subscriptions', headers: { 'x-api-key': writer.key }, payload: subscribe });
    expect(made.statusCode, made.body).toBe(201);
    expect(made.json().merchantId).toBe(lumen); // acts for its own merchant only
    // Tenancy as for staff: another merchant's resources are invisible.
    expectProblem(await app.inject({ url: `/v1/merchants/${demoId('merchant:casa-aurelia')}`, headers: { 'x-api-key': writer.key } }), 404, 'http.not_found');

    expect((await app.inject({ method: 'DELETE', url: `/v1/api-keys/${writer.id}`, headers: auth(lumenStaff) })).statusCode).toBe(204);
    expectProblem(await app.inject({ url: '/v1/webhook-subscriptions', headers: { 'x-api-key': writer.key } }), 401, 'api_keys.invalid');
    expectProblem(await app.inject({ url: '/v1/locations', headers: { 'x-api-key': 'mk_pub_made-up' } }), 401, 'api_keys.invalid');
    // Merchants cannot revoke each other's keys; the operator can.
    const platform = await create(operator, { kind: 'secret', name: 'bi', scopes: ['read'] });
    expect(platform.merchantId).toBeNull();
    expectProblem(await app.inject({ method: 'DELETE', url: `/v1/api-keys/${platform.id}`, headers: auth(lumenStaff) }), 404, 'api_keys.not_found');
  });
});
