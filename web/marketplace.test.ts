import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { freshDatabase } from '../test/db.js';
import { testApp } from '../test/http.js';
import { launchBrowser, listen, signIn as signInThroughApp } from '../test/browser.js';
import type { Database } from '../src/db/client.js';

describe('marketplace pages in chromium', () => {
  let database: Database;
  let app: FastifyInstance;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    database = await freshDatabase('pglite');
    app = await testApp(database, { seed: true });
    base = await listen(app);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await database?.close();
  });

  async function signIn(page: Page, email: string) {
    await signInThroughApp(page, base, email);
  }

  it('shows a merchant its programme progress and its catalogue', async () => {
    const page = await browser.newPage();
    await signIn(page, 'aurelia@mercato.test');
    await page.goto(`${base}/merchant`);
    await expect.poll(() => page.getByTestId('programme').textContent()).toMatch(/Day 2\d of 90: .* at risk/);
    await page.getByRole('cell', { name: 'AUR-DUOMO' }).waitFor();
    expect(await page.getByRole('cell', { name: 'Borsa in pelle Aurelia Duomo' }).count() + await page.getByRole('cell', { name: 'Aurelia Duomo leather handbag' }).count()).toBe(1);
    await page.close();
  });

  it('shows the operator the at-risk application with days left and lets it be approved only with documents', async () => {
    const page = await browser.newPage();
    await signIn(page, 'operator@mercato.test');
    await page.goto(`${base}/review`);
    await page.getByLabel('At risk only').check();
    const row = page.getByTestId('queue-row').filter({ hasText: 'Maison Verdier SAS' });
    await expect.poll(() => row.textContent()).toMatch(/in review4 ⚠approved, storefront configured/);
    await row.getByRole('button', { name: 'approve' }).click();
    await expect.poll(() => page.getByRole('alert').or(page.getByRole('status')).textContent()).toMatch(/trademark registration certificate/);
    await page.close();
  });
});
