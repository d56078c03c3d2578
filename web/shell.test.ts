import { beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { useBrowserRig } from '../test/browser.js';

describe('web shell in chromium', () => {
  const rig = useBrowserRig();
  let browser: Browser, base: string;

  beforeAll(async () => {
    ({ browser, base } = rig);
  });

  it('signs in (a wrong password is explained), keeps the session over a reload, updates the navigation and signs out', async () => {
    const context = await browser.newContext({ locale: 'en-GB' });
    const page = await context.newPage();
    await page.goto(`${base}/sign-in`);
    await page.getByLabel('Email').fill('operator@mercato.test');
    await page.getByLabel('Password', { exact: true }).fill('wrong password!');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('Email or password is wrong');

    await page.getByLabel('Password', { exact: true }).fill('mercato-demo-2026');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByTestId('signed-in').textContent()).toBe('Olga Operator');
    // Staff consoles appear for the operator's role; the shopper's wallet does not.
    await page.getByRole('link', { name: 'Review queue' }).waitFor();
    expect(await page.getByRole('link', { name: 'Wallet' }).count()).toBe(0);

    await page.reload();
    await expect.poll(() => page.getByTestId('signed-in').textContent()).toBe('Olga Operator');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('link', { name: 'Sign in' }).waitFor();
    expect(await page.getByRole('link', { name: 'Review queue' }).count()).toBe(0);
    await context.close();
  });

  it('sends a signed-out visitor of a guarded page to sign-in and back; shows a real 404 page for unknown paths', async () => {
    const context = await browser.newContext({ locale: 'en-GB' });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => { if (message.type() === 'error') errors.push(message.text()); });
    await page.goto(`${base}/store`);
    await page.waitForURL(/\/sign-in\?redirect=/);
    await page.getByLabel('Email').fill('associate.sol@mercato.test');
    await page.getByLabel('Password', { exact: true }).fill('mercato-demo-2026');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/store$/);
    // The account's language (Lucía's is Spanish) wins over the browser's.
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('es');

    // A shopper page for the wrong role explains itself instead of breaking.
    await page.goto(`${base}/wallet`);
    await page.waitForURL(/\/not-allowed\?page=%2Fwallet/);
    expect(await page.getByRole('alert').textContent()).toContain('Esta página no está disponible para tu cuenta');

    await page.goto(`${base}/no/such/page`);
    await page.getByRole('heading', { name: 'Página no encontrada' }).waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  it('serves the SPA for client-side paths, compressed with long-lived caching of hashed assets, and keeps /v1 answering as the API', async () => {
    const spa = await fetch(`${base}/merchant/orders`);
    expect(spa.status).toBe(200);
    const html = await spa.text();
    expect(html).toContain('<div id="root">');
    expect(spa.headers.get('cache-control')).toBe('no-cache');
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)![1];
    const asset = await fetch(`${base}${script}`, { headers: { 'accept-encoding': 'br, gzip' } });
    expect(asset.headers.get('content-encoding')).toBe('br');
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const api = await fetch(`${base}/v1/nope`);
    expect(api.status).toBe(404);
    expect(api.headers.get('content-type')).toContain('application/problem+json');
  });
});
