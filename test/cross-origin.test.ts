import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { freshDatabase } from './db.js';
import { launchBrowser, listen } from './browser.js';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { inProcessBus } from '../src/events/bus.js';
import { withTx } from '../src/db/tx.js';
import { seedDemo } from '../src/seed/demo.js';
import { createApiKey } from '../src/apikeys/service.js';
import { demoId } from '../src/seed/demo-id.js';
import type { Database } from '../src/db/client.js';

/** A headless storefront on its own origin: a page whose script calls the API with a publishable key. */
function storefront(page: string): Promise<{ server: Server; origin: string }> {
  const server = createServer((_request, response) => response.writeHead(200, { 'content-type': 'text/html' }).end(page));
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` })));
}

const PAGE = `<!doctype html><html><body><pre id="out">…</pre><script>
  const params = new URLSearchParams(location.search);
  fetch(params.get('api') + '/v1/locations', { headers: { 'x-api-key': params.get('key'), 'x-request-id': 'from-the-storefront' } })
    .then(async (r) => { document.getElementById('out').textContent = 'status ' + r.status + ' stores ' + (await r.json()).items.length + ' request ' + r.headers.get('x-request-id'); })
    .catch((e) => { document.getElementById('out').textContent = 'blocked ' + e.name; });
</script></body></html>`;

describe('a storefront on another origin, in chromium', () => {
  let database: Database, app: FastifyInstance, browser: Browser, api: string;
  let allowed: { server: Server; origin: string }, other: { server: Server; origin: string };
  let key: string;

  beforeAll(async () => {
    allowed = await storefront(PAGE);
    other = await storefront(PAGE);
    database = await freshDatabase('pglite');
    await withTx(database.db, (tx) => seedDemo(tx));
    app = await buildApp({ config: loadConfig({ MERCATO_CORS_ORIGINS: allowed.origin }), database, bus: inProcessBus(), logger: false });
    api = await listen(app);
    key = (await withTx(database.db, (tx) => createApiKey(tx, { accountId: demoId('account:lumen@mercato.test'), email: 'lumen@mercato.test', role: 'merchant', merchantId: demoId('merchant:lumen-tea'), locationId: null }, { kind: 'publishable', name: 'storefront' }))).key;
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await database?.close();
    allowed?.server.close();
    other?.server.close();
  });

  it('calls the API with a publishable key from a listed origin (preflight passes), and is blocked from another', async () => {
    const page = await browser.newPage();
    await page.goto(`${allowed.origin}/?api=${encodeURIComponent(api)}&key=${encodeURIComponent(key)}`);
    await page.waitForFunction(() => document.getElementById('out')?.textContent !== '…');
    expect(await page.textContent('#out')).toMatch(/^status 200 stores \d+ request from-the-storefront$/);

    const blocked = await browser.newPage();
    await blocked.goto(`${other.origin}/?api=${encodeURIComponent(api)}&key=${encodeURIComponent(key)}`);
    await blocked.waitForFunction(() => document.getElementById('out')?.textContent !== '…');
    expect(await blocked.textContent('#out')).toBe('blocked TypeError');
  }, 60_000);
});
