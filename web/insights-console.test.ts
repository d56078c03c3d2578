import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { freshDatabase } from '../test/db.js';
import { testApp } from '../test/http.js';
import { launchBrowser, listen, signIn } from '../test/browser.js';
import type { Database } from '../src/db/client.js';
import { demoId } from '../src/seed/demo-id.js';
import { importOrderHistory } from '../src/insights/import.js';

describe('insights console in chromium', () => {
  let database: Database;
  let app: FastifyInstance;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    database = await freshDatabase('pglite');
    app = await testApp(database, { seed: true });
    const file = join(mkdtempSync(join(tmpdir(), 'insights-web-')), 'orders.csv');
    const day = new Date(Date.now() - 5 * 86_400_000).toISOString().slice(0, 10);
    writeFileSync(file, `customer_id,order_id,ordered_at,sku,qty,unit_price_minor,currency\nc1,o1,${day},AUR-DUOMO-NERO,2,500,EUR\nc2,o2,${day},AUR-DUOMO-NERO,1,250,EUR\n`);
    await importOrderHistory(database, file, { merchantId: demoId('merchant:casa-aurelia') });
    base = await listen(app);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await database?.close();
  });

  it('shows a merchant its own GMV, orders, channel mix and categories, each with a table', async () => {
    const page = await browser.newPage();
    await signIn(page, base, 'aurelia@mercato.test');
    await page.goto(`${base}/insights`);
    await expect.poll(() => page.getByTestId('orders').textContent()).toBe('2');
    expect(await page.getByTestId('gmv').textContent()).toMatch(/12[.,]50/);
    await page.getByRole('img', { name: 'GMV by channel' }).waitFor();
    await expect.poll(() => page.getByTestId('breakdown-row').first().textContent()).toMatch(/bolsos/);
    await page.close();
  });

  it('sends a shopper to the not-allowed page', async () => {
    const page = await browser.newPage();
    await signIn(page, base, 'carmen@mercato.test');
    await page.goto(`${base}/insights`);
    await page.waitForURL(/not-allowed/);
    await page.close();
  });
});
