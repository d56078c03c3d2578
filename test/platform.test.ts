import { beforeAll, afterAll, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';
import { describeEachBackend } from './db.js';
import { auth, expectProblem, signInAs, testApp } from './http.js';
import { demoId } from '../src/seed/demo-id.js';

const aurelia = demoId('merchant:casa-aurelia');
const lumen = demoId('merchant:lumen-tea');

describeEachBackend('platform HTTP behaviour', (use) => {
  let app: FastifyInstance;
  let operator: string, aureliaStaff: string, shopper: string;

  beforeAll(async () => {
    app = await testApp(use(), { seed: true });
    operator = await signInAs(app, 'operator@mercato.test');
    aureliaStaff = await signInAs(app, 'aurelia@mercato.test');
    shopper = await signInAs(app, 'carmen@mercato.test');
  });
  afterAll(() => app.close());

  it('answers /healthz and /readyz', async () => {
    expect((await app.inject('/healthz')).json()).toEqual({ status: 'ok' });
    const ready = await app.inject('/readyz');
    expect(ready.statusCode).toBe(200);
    expect(ready.json().status).toBe('ready');
  });

  it('publishes an OpenAPI 3.1 document that lists the API routes', async () => {
    const doc = (await app.inject('/openapi.json')).json();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/v1/me', '/v1/sessions', '/v1/merchants/{merchantId}']));
    expect((await app.inject('/docs')).statusCode).toBeLessThan(400);
  });

  it('refuses malformed JSON with a 400 problem', async () => {
    const response = await app.inject({ method: 'POST', url: '/v1/sessions', headers: { 'content-type': 'application/json' }, payload: '{"email": ' });
    expectProblem(response, 400, 'http.malformed_json');
  });

  it('names every wrong-typed, missing and unknown field', async () => {
    const response = await app.inject({ method: 'POST', url: '/v1/merchants', headers: auth(operator), payload: { legalName: 42, country: 'ES', kind: 'reseller', currency: 'EUR' } });
    const problem = expectProblem(response, 400, 'http.validation');
    const fields = problem.errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['/legalName', '/settlementCurrency', '/currency']));
    expect(problem.errors.find((e: any) => e.field === '/currency').message).toBe('is not a known field');
  });

  it('does not coerce a string into a number in a body', async () => {
    const response = await app.inject({ method: 'POST', url: '/v1/merchants', headers: auth(operator), payload: { legalName: 'X', country: 'ES', kind: 'reseller', settlementCurrency: 'EUR', commissionBps: '100' } });
    expect(expectProblem(response, 400, 'http.validation').errors[0].field).toBe('/commissionBps');
  });

  it('refuses a body that is not JSON with 415, and one too large with 413', async () => {
    expectProblem(await app.inject({ method: 'POST', url: '/v1/sessions', headers: { 'content-type': 'text/plain' }, payload: 'hello' }), 415, 'http.unsupported_media_type');
    const huge = JSON.stringify({ email: 'a@b.c', password: 'x'.repeat(100_000) });
    expectProblem(await app.inject({ method: 'POST', url: '/v1/sessions', headers: { 'content-type': 'application/json' }, payload: huge }), 413, 'http.body_too_large');
  });

  it('tells an unknown route (404) from a wrong method (405 with Allow)', async () => {
    expectProblem(await app.inject('/v1/no-such-thing'), 404, 'http.route_not_found');
    const wrong = await app.inject({ method: 'PUT', url: '/v1/me' });
    expectProblem(wrong, 405, 'http.method_not_allowed');
    expect(wrong.headers.allow).toBe('GET, PATCH');
  });

  it('answers 401 without a token and with an unknown one', async () => {
    expectProblem(await app.inject('/v1/me'), 401, 'http.unauthenticated');
    expectProblem(await app.inject({ url: '/v1/me', headers: auth('mct_not-a-real-token') }), 401, 'identity.session_invalid');
  });

  it('answers 403 to a role the route is not for', async () => {
    const response = await app.inject({ method: 'POST', url: '/v1/merchants', headers: auth(shopper), payload: { legalName: 'X', country: 'ES', kind: 'reseller', settlementCurrency: 'EUR' } });
    expectProblem(response, 403, 'http.forbidden');
  });

  it('never shows a merchant another merchant\'s data, nor lets it change it', async () => {
    const own = await app.inject({ url: `/v1/merchants/${aurelia}`, headers: auth(aureliaStaff) });
    expect(own.statusCode).toBe(200);
    expect(own.json().legalName).toBe('Casa Aurelia S.p.A.');

    const other = await app.inject({ url: `/v1/merchants/${lumen}`, headers: auth(aureliaStaff) });
    expectProblem(other, 404, 'http.not_found');
    expect(other.body).not.toContain('Lumen');

    const change = await app.inject({ method: 'PATCH', url: `/v1/merchants/${lumen}`, headers: auth(aureliaStaff), payload: { legalName: 'Hijacked' } });
    expectProblem(change, 404, 'http.not_found');
    const asOperator = await app.inject({ url: `/v1/merchants/${lumen}`, headers: auth(operator) });
    expect(asOperator.json().legalName).toBe('Lumen Tea Trading Co., Ltd.');

    const list = (await app.inject({ url: '/v1/merchants', headers: auth(aureliaStaff) })).json();
    expect(list.items.map((m: { id: string }) => m.id)).toEqual([aurelia]);
  });

  it('runs a retried POST once and replays the first response', async () => {
    const payload = { legalName: 'Idempotent Goods S.L.', country: 'ES', kind: 'reseller', settlementCurrency: 'EUR' };
    const headers = { ...auth(operator), 'idempotency-key': 'create-idempotent-goods-1' };
    const first = await app.inject({ method: 'POST', url: '/v1/merchants', headers, payload });
    const retry = await app.inject({ method: 'POST', url: '/v1/merchants', headers, payload });
    expect(first.statusCode).toBe(201);
    expect(retry.statusCode).toBe(201);
    expect(retry.json()).toEqual(first.json());
    expect(retry.headers['idempotent-replayed']).toBe('true');
    const { rows } = await use().db.execute(sql`select count(*)::int as n from merchants where legal_name = 'Idempotent Goods S.L.'`);
    expect((rows[0] as { n: number }).n).toBe(1);

    const different = await app.inject({ method: 'POST', url: '/v1/merchants', headers, payload: { ...payload, legalName: 'Other' } });
    expectProblem(different, 422, 'http.idempotency_key_reused');
  });

  it('answers 409 to a retry while the first request with the key is still running', async () => {
    const payload = { legalName: 'Slow Goods S.L.', country: 'ES', kind: 'reseller', settlementCurrency: 'EUR' };
    const me = (await app.inject({ url: '/v1/me', headers: auth(operator) })).json();
    // The first request has claimed the key but not answered yet.
    const { createHash } = await import('node:crypto');
    const hash = createHash('sha256').update('POST').update('\n').update('/v1/merchants').update('\n').update(JSON.stringify(payload)).digest('base64url');
    await use().db.execute(sql`insert into idempotency_keys (scope, key, request_hash, method, path) values (${`account:${me.id}`}, 'slow-1', ${hash}, 'POST', '/v1/merchants')`);
    const retry = await app.inject({ method: 'POST', url: '/v1/merchants', headers: { ...auth(operator), 'idempotency-key': 'slow-1' }, payload });
    expectProblem(retry, 409, 'http.idempotency_in_progress');
    const { rows } = await use().db.execute(sql`select count(*)::int as n from merchants where legal_name = 'Slow Goods S.L.'`);
    expect(rows[0].n).toBe(0);
  });

  it('scopes idempotency keys per account', async () => {
    const payload = { legalName: 'Scoped Key S.L.', country: 'ES', kind: 'reseller', settlementCurrency: 'EUR' };
    const first = await app.inject({ method: 'POST', url: '/v1/accounts', headers: { 'idempotency-key': 'k-1' }, payload: { email: 'scoped1@mercato.test', password: 'long enough password', displayName: 'S1' } });
    expect(first.statusCode).toBe(202);
    const other = await app.inject({ method: 'POST', url: '/v1/merchants', headers: { ...auth(operator), 'idempotency-key': 'k-1' }, payload });
    expect(other.statusCode).toBe(201);
    expect(other.json().legalName).toBe('Scoped Key S.L.');
  });

  it('registers, signs in, answers /v1/me and signs out', async () => {
    const registered = await app.inject({ method: 'POST', url: '/v1/accounts', payload: { email: 'New.Shopper@Mercato.test', password: 'a long password', displayName: 'New Shopper', locale: 'zh' } });
    expect(registered.statusCode).toBe(202);
    expect(JSON.stringify(registered.json())).not.toContain('password');

    // A second sign-up with the same e-mail answers the same and changes nothing.
    const again = await app.inject({ method: 'POST', url: '/v1/accounts', payload: { email: 'new.shopper@mercato.test', password: 'another long password', displayName: 'Again' } });
    expect(again.statusCode).toBe(202);
    expect(again.json()).toEqual(registered.json());

    const token = await signInAs(app, 'new.shopper@mercato.test', 'a long password');
    const me = await app.inject({ url: '/v1/me', headers: auth(token) });
    expect(me.json()).toMatchObject({ email: 'new.shopper@mercato.test', role: 'shopper', locale: 'zh', displayName: 'New Shopper' });
    expect((await app.inject({ method: 'DELETE', url: '/v1/sessions/current', headers: auth(token) })).statusCode).toBe(204);
    expectProblem(await app.inject({ url: '/v1/me', headers: auth(token) }), 401, 'identity.session_invalid');
  });

  it('stores the session token only as a hash, and passwords only through scrypt', async () => {
    const { rows } = await use().db.execute(sql`select token_hash from sessions`);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r: any) => !String(r.token_hash).startsWith('mct_'))).toBe(true);
    const accounts = await use().db.execute(sql`select password_hash from accounts`);
    expect(accounts.rows.every((r: any) => String(r.password_hash).startsWith('scrypt$'))).toBe(true);
  });

  it('throttles sign-in after 5 failures for an account, even with the right password', async () => {
    for (let i = 0; i < 5; i++) {
      expectProblem(await app.inject({ method: 'POST', url: '/v1/sessions', payload: { email: 'giulia@mercato.test', password: 'wrong password' } }), 401, 'identity.invalid_credentials');
    }
    const blocked = await app.inject({ method: 'POST', url: '/v1/sessions', payload: { email: 'giulia@mercato.test', password: 'mercato-demo-2026' } });
    expectProblem(blocked, 429, 'identity.login_throttled');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    // Another account from the same address is still allowed (the per-address limit is higher).
    await signInAs(app, 'wei@mercato.test');
  });

  it('throttles sign-in per client address across accounts', async () => {
    const from = { remoteAddress: '203.0.113.9' };
    for (let i = 0; i < 50; i++) {
      await app.inject({ method: 'POST', url: '/v1/sessions', payload: { email: `nobody${i}@mercato.test`, password: 'wrong password' }, ...from });
    }
    expectProblem(await app.inject({ method: 'POST', url: '/v1/sessions', payload: { email: 'emma@mercato.test', password: 'mercato-demo-2026' }, ...from }), 429, 'identity.login_throttled');
  });

  it('lets only an operator create staff accounts, bound correctly', async () => {
    const payload = { email: 'new.staff@mercato.test', password: 'long enough password', displayName: 'Staff', role: 'merchant', merchantId: aurelia };
    expectProblem(await app.inject({ method: 'POST', url: '/v1/admin/accounts', headers: auth(aureliaStaff), payload }), 403, 'http.forbidden');
    expectProblem(await app.inject({ method: 'POST', url: '/v1/admin/accounts', headers: auth(operator), payload: { ...payload, merchantId: undefined } }), 400, 'identity.binding_invalid');
    const created = await app.inject({ method: 'POST', url: '/v1/admin/accounts', headers: auth(operator), payload });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ role: 'merchant', merchantId: aurelia });
  });

  it('writes nothing when a request fails', async () => {
    const before = await use().db.execute(sql`select count(*)::int as n from accounts`);
    const response = await app.inject({ method: 'POST', url: '/v1/admin/accounts', headers: auth(operator), payload: { email: 'ghost@mercato.test', password: 'long enough password', displayName: 'Ghost', role: 'merchant', merchantId: '00000000-0000-4000-8000-000000000000' } });
    expectProblem(response, 400, 'identity.binding_invalid');
    const after = await use().db.execute(sql`select count(*)::int as n from accounts`);
    expect((after.rows[0] as any).n).toBe((before.rows[0] as any).n);
  });
});
