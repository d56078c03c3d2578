import { expect, it, describe } from 'vitest';
import { inject } from 'light-my-request';
import { openDatabase } from '../src/db/client.js';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { PUBLIC } from '../src/http/auth.js';
import { freshDatabase } from './db.js';
import { expectProblem } from './http.js';

describe('unexpected faults', () => {
  it('answer 500 with a request id and no internals', async () => {
    const database = await freshDatabase('pglite');
    const app = await buildApp({ config: loadConfig({}), database, logger: false });
    app.get('/v1/boom', { config: { access: PUBLIC }, schema: { hide: true } }, async () => { throw new Error('secret connection string postgres://admin:pw@db'); });
    const response = await app.inject({ url: '/v1/boom', headers: { 'x-request-id': 'req-123' } });
    const problem = expectProblem(response, 500, 'http.internal');
    expect(problem.requestId).toBe('req-123');
    expect(response.headers['x-request-id']).toBe('req-123');
    expect(response.body).not.toContain('secret');
    expect(response.body).not.toContain('postgres://');
    await app.close();
    await database.close();
  });

  it('refuses to start when a /v1 route does not say who may call it', async () => {
    const database = await freshDatabase('pglite');
    const app = await buildApp({ config: loadConfig({}), database, logger: false });
    expect(() => app.get('/v1/unguarded', async () => 'open')).toThrow('does not declare who may call it');
    await app.close();
    await database.close();
  });

  it('answers /readyz 503 when the database is gone', async () => {
    const database = await freshDatabase('pglite');
    const app = await buildApp({ config: loadConfig({}), database, logger: false });
    await database.close();
    const response = await app.inject('/readyz');
    expect(response.statusCode).toBe(503);
    expect(response.json().code).toBe('http.unavailable');
    await app.close();
  });
});

describe('the database or the process unavailable', () => {
  it('answers API routes 503 problem+json with Retry-After while the database is gone', async () => {
    const database = await freshDatabase('pglite');
    const app = await buildApp({ config: loadConfig({}), database, logger: false });
    await database.close();
    const response = await app.inject('/v1/search?q=tea');
    const problem = expectProblem(response, 503, 'http.unavailable');
    expect(response.headers['retry-after']).toBe('5');
    expect(problem.detail).not.toContain('PGlite');
    await app.close();
  });

  it('answers 503 with Retry-After when the PostgreSQL server refuses connections', async () => {
    // Nothing listens on port 1: every query fails to connect.
    const database = await openDatabase({ url: 'postgres://postgres@127.0.0.1:1/mercato', poolSize: 1 });
    const app = await buildApp({ config: loadConfig({}), database, logger: false });
    const response = await app.inject({ url: '/v1/wallet', headers: { authorization: 'Bearer some-token' } });
    expectProblem(response, 503, 'http.unavailable');
    expect(response.headers['retry-after']).toBe('5');
    await app.close();
    await database.close();
  });

  it('answers a request arriving during shutdown (e.g. on a kept-alive connection) with 503 problem+json', async () => {
    const database = await freshDatabase('pglite');
    const app = await buildApp({ config: loadConfig({}), database, logger: false });
    let release: () => void = () => {};
    let started: () => void = () => {};
    const running = new Promise<void>((resolve) => { started = resolve; });
    app.get('/v1/slow', { config: { access: PUBLIC }, schema: { hide: true } }, async () => {
      started();
      await new Promise<void>((resolve) => { release = resolve; });
      return { done: true };
    });
    let closeStarted: () => void = () => {};
    const closeStarting = new Promise<void>((resolve) => { closeStarted = resolve; });
    app.addHook('preClose', async () => { closeStarted(); });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const port = (app.server.address() as { port: number }).port;
    // A keep-alive client: its connection must not hold the shutdown until its keep-alive times out.
    const slow = fetch(`http://127.0.0.1:${port}/v1/slow`).then(async (r) => ({ status: r.status, body: await r.text() }));
    await running;
    const closing = app.close();
    await closeStarting;
    // A request the server had already accepted on an open connection reaches the router now;
    // dispatched straight into the router, as Node does for such a request.
    const late = await inject((req, res) => app.routing(req, res), { method: 'GET', url: '/healthz' });
    expect(late.statusCode).toBe(503);
    expect(late.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(late.headers['retry-after']).toBe('5');
    expect(late.headers.connection).toBe('close');
    expect(late.json().code).toBe('http.unavailable');
    release();
    expect(await slow).toEqual({ status: 200, body: '{"done":true}' });
    await closing;
    await database.close();
  });
});
