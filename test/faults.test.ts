import { expect, it, describe } from 'vitest';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { PUBLIC } from '../src/http/auth.js';
import { freshDatabase } from './db.js';
import { expectProblem } from './http.js';

describe('unexpected faults', () => {
  it('answer 500 with a request id and no internals', async () => {
    const database = await freshDatabase('pglite');
    const app = await buildApp({ config: loadConfig({}), database, logger: false });
    app.get('/v1/boom', { config: { access: PUBLIC } }, async () => { throw new Error('secret connection string postgres://admin:pw@db'); });
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
