import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { describeEachBackend } from '../../test/db.js';
import { expectProblem } from '../../test/http.js';
import { buildApp } from '../app.js';
import { loadConfig } from '../config.js';
import { inProcessBus } from '../events/bus.js';
import type { Database } from '../db/client.js';
import Fastify from 'fastify';
import { installErrorHandler } from './error-handler.js';
import { installRateLimit } from './rate-limit.js';

/**
 * A process's limiter in a bare app (the full app holds a per-process lock, so one test
 * process cannot run two full apps on the same PostgreSQL database).
 */
async function limitedProcess(database: Database): Promise<FastifyInstance> {
  const app = Fastify({ logger: false });
  installErrorHandler(app);
  app.decorate('rateLimiter', installRateLimit(app, database, { max: 5, windowMs: 3600_000 }));
  app.get('/v1/locations', async () => ({ items: [] }));
  app.get('/healthz', async () => ({ status: 'ok' }));
  await app.ready();
  return app;
}

async function appWith(database: Database, env: Record<string, string>): Promise<FastifyInstance> {
  const app = await buildApp({ config: loadConfig(env), database, bus: inProcessBus(), logger: false });
  await app.ready();
  return app;
}

describeEachBackend('CORS, security headers and the shared rate limit', (use) => {
  let full: FastifyInstance;
  beforeAll(async () => {
    // Two apps on one database stand for two API processes behind a load balancer.
    full = await appWith(use(), { MERCATO_CORS_ORIGINS: 'https://shop.example, https://app.example/', MERCATO_RATE_LIMIT: '5/3600' });
  });
  afterAll(async () => { await full.close(); });

  it('answers a listed origin\'s preflight with CORS headers and an unlisted one without', async () => {
    const preflight = (origin: string) => full.inject({
      method: 'OPTIONS', url: '/v1/catalog/search', remoteAddress: '10.0.0.9',
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,x-api-key,idempotency-key' },
    });
    const listed = await preflight('https://shop.example');
    expect(listed.statusCode).toBe(204);
    expect(listed.headers['access-control-allow-origin']).toBe('https://shop.example');
    expect(String(listed.headers['access-control-allow-headers'])).toContain('x-api-key');
    expect(String(listed.headers['access-control-allow-methods'])).toContain('PATCH');
    expect(listed.headers['access-control-allow-credentials']).toBeUndefined();
    expect((await preflight('https://app.example')).headers['access-control-allow-origin']).toBe('https://app.example');
    expect((await preflight('https://evil.example')).headers['access-control-allow-origin']).toBeUndefined();

    const simple = await full.inject({ url: '/healthz', headers: { origin: 'https://shop.example' } });
    expect(simple.headers['access-control-allow-origin']).toBe('https://shop.example');
    expect(String(simple.headers['access-control-expose-headers'])).toContain('x-request-id');
  });

  it('sends security headers on the API, the web app and the docs', async () => {
    const api = await full.inject({ url: '/healthz' });
    expect(api.headers['x-content-type-options']).toBe('nosniff');
    expect(api.headers['strict-transport-security']).toContain('max-age=15552000');
    expect(api.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(api.headers['referrer-policy']).toBe('no-referrer');
    expect(String(api.headers['content-security-policy'])).toContain("default-src 'self'");
    expect(String(api.headers['content-security-policy'])).toContain('img-src \'self\' data: https:');
    const docs = await full.inject({ url: '/docs/' });
    expect(docs.statusCode).toBe(200);
    expect(docs.headers['content-security-policy']).toBeDefined();
  });

  it('limits a caller across processes: 5 per window in total, then 429 problem+json with Retry-After', async () => {
    // The full app enforces the limit too (the test above spent 0 of 10.1.2.3's budget).
    expect((await full.inject({ url: '/v1/locations', remoteAddress: '10.7.7.7' })).headers['ratelimit-limit']).toBe('5');
    await use().db.execute(sql`delete from rate_limit_windows`);
    const one = await limitedProcess(use());
    const two = await limitedProcess(use());
    const call = (app: FastifyInstance, address = '10.1.2.3') => app.inject({ url: '/v1/locations', remoteAddress: address });
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await call(one)).statusCode);
    await one.rateLimiter.sync();
    statuses.push((await call(two)).statusCode);
    await two.rateLimiter.sync();
    statuses.push((await call(two)).statusCode);
    const refused = await call(two);
    expect(statuses).toEqual([200, 200, 200, 200, 200]);
    const problem = expectProblem(refused, 429, 'http.too_many_requests');
    expect(problem.detail).toContain('from this address');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(refused.headers['ratelimit-remaining']).toBe('0');
    // Process one learns the total at its next sync and refuses too.
    await one.rateLimiter.sync();
    expect((await call(one)).statusCode).toBe(200); // its own view: 3 synced + 1 from two… until it syncs again
    await one.rateLimiter.sync();
    expect((await call(one)).statusCode).toBe(429);
    // Another address, and another API key, have their own budget.
    expect((await call(one, '10.9.9.9')).statusCode).toBe(200);
    expect((await one.inject({ url: '/v1/locations', remoteAddress: '10.1.2.3', headers: { 'x-api-key': 'mk_pub_example' } })).statusCode).toBe(200);
    // Health checks and metrics are not limited.
    expect((await one.inject({ url: '/healthz', remoteAddress: '10.1.2.3' })).statusCode).toBe(200);
    await one.close();
    await two.close();
  });
});
