import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { freshDatabase } from '../test/db.js';
import { testApp } from '../test/http.js';
import { launchBrowser, listen } from '../test/browser.js';
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
    await page.goto(base);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill('mercato-demo-2026');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('signed-in').waitFor();
  }

  it('lets a shopper search in Chinese and Spanish, narrow by brand facet and browse the luxury pavilion', async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/#/shop`);
    await page.getByLabel('Language').selectOption('zh');
    await page.getByLabel('Search text').fill('手袋');
    await page.getByRole('button', { name: '搜索' }).click();
    await page.getByTestId('search-hit').filter({ hasText: 'Aurelia Duomo 真皮女士手袋' }).waitFor();
    await page.getByLabel('Language').selectOption('es');
    await page.getByLabel('Search text').fill('');
    await page.getByRole('button', { name: 'Buscar' }).click();
    await page.getByRole('button', { name: 'Lumen Tea (3)' }).click();
    await expect.poll(() => page.getByTestId('search-total').textContent()).toBe('3 resultados');
    await page.getByRole('button', { name: 'Lumen Tea (3)' }).click();
    await page.getByRole('button', { name: 'Pabellón de lujo' }).click();
    await expect.poll(() => page.getByTestId('search-total').textContent()).toBe('3 resultados');
    await page.close();
  });

  it('shows a merchant its programme progress and its catalogue', async () => {
    const page = await browser.newPage();
    await signIn(page, 'aurelia@mercato.test');
    await page.getByRole('link', { name: 'Merchant console' }).click();
    await expect.poll(() => page.getByTestId('programme').textContent()).toMatch(/Day 2\d of 90: .* at risk/);
    await page.getByRole('cell', { name: 'AUR-DUOMO' }).waitFor();
    expect(await page.getByRole('cell', { name: 'Borsa in pelle Aurelia Duomo' }).count() + await page.getByRole('cell', { name: 'Aurelia Duomo leather handbag' }).count()).toBe(1);
    await page.close();
  });

  it('shows the operator the at-risk application with days left and lets it be approved only with documents', async () => {
    const page = await browser.newPage();
    await signIn(page, 'operator@mercato.test');
    await page.getByRole('link', { name: 'Review queue' }).click();
    await page.getByLabel('At risk only').check();
    const row = page.getByTestId('queue-row').filter({ hasText: 'Maison Verdier SAS' });
    await expect.poll(() => row.textContent()).toMatch(/in review4 ⚠approved, storefront configured/);
    await row.getByRole('button', { name: 'approve' }).click();
    await expect.poll(() => page.getByRole('alert').or(page.getByRole('status')).textContent()).toMatch(/trademark registration certificate/);
    await page.close();
  });
});
