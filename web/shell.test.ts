import { beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { useBrowserRig } from '../test/browser.js';

describe('web shell in chromium', () => {
  const rig = useBrowserRig();
  let browser: Browser, base: string;

  beforeAll(async () => {
    ({ browser, base } = rig);
  });

  it('loads, reaches the API, lists the demo stores and signs an operator in and out', async () => {
    const page = await browser.newPage();
    await page.goto(base);
    await expect.poll(() => page.getByTestId('api-status').textContent()).toBe('API ready (pglite)');
    await page.getByRole('cell', { name: 'Mercato Madrid Sol' }).waitFor();
    expect(await page.getByRole('cell', { name: 'Mercato 上海南京路' }).count()).toBe(1);

    await page.getByLabel('Email').fill('operator@mercato.test');
    await page.getByLabel('Password').fill('wrong password!');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toBe('Email or password is wrong');

    await page.getByLabel('Password').fill('mercato-demo-2026');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByTestId('signed-in').textContent()).toContain('Olga Operator · operator');

    // The token survives a reload: the shell asks /v1/me again.
    await page.reload();
    await expect.poll(() => page.getByTestId('signed-in').textContent()).toContain('Olga Operator');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    await page.close();
  });

  it('serves the SPA for client-side paths but keeps /v1 answering as the API', async () => {
    const spa = await fetch(`${base}/merchant/orders`);
    expect(spa.status).toBe(200);
    expect(await spa.text()).toContain('<div id="root">');
    const api = await fetch(`${base}/v1/nope`);
    expect(api.status).toBe(404);
    expect(api.headers.get('content-type')).toContain('application/problem+json');
  });
});
