import { beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { useBrowserRig } from '../test/browser.js';
import { withTx } from '../src/db/tx.js';
import { demoId } from '../src/seed/demo-id.js';
import { topUp } from '../test/commerce.js';

describe('shopper in chromium', () => {
  const rig = useBrowserRig();
  let browser: Browser, base: string;

  beforeAll(async () => {
    ({ browser, base } = rig);
    // A luxury bag costs more than the demo wallet holds: Carmen topped up before shopping.
    await withTx(rig.database.db, (tx) => topUp(tx, demoId('account:carmen@mercato.test'), 500_000));
  });

  it('finds a product, fills a guest cart, signs in (the cart follows), picks free express delivery and pays from the wallet', async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/#/shop`);
    await page.getByLabel('Search text').fill('bolso');
    await page.getByRole('button', { name: 'Buscar' }).click();
    await page.getByTestId('search-hit').first().waitFor();
    await page.getByTestId('search-hit').first().getByRole('button', { name: 'Añadir' }).click();
    await page.getByRole('status').filter({ hasText: 'Añadido' }).waitFor();

    await page.getByLabel('Email').fill('carmen@mercato.test');
    await page.getByLabel('Password').fill('mercato-demo-2026');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('signed-in').waitFor();

    await page.getByRole('link', { name: 'Cart' }).click();
    await expect.poll(() => page.getByTestId('cart-line').count()).toBe(1);
    expect(await page.getByTestId('subtotal').textContent()).not.toBe('€0.00');
    await page.getByLabel('Address').selectOption('Madrid · Gran Vía');
    await page.getByRole('button', { name: 'See delivery options' }).click();
    const express = page.locator('.option').filter({ hasText: 'express delivery' }).first();
    await express.waitFor();
    expect(await express.textContent()).toContain('free');
    await express.getByRole('radio').check();
    await page.getByRole('button', { name: 'Pay with wallet' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('Order placed');

    await page.getByRole('link', { name: 'My orders' }).click();
    await page.getByTestId('order-row').first().waitFor();
    await page.getByTestId('order-row').first().getByRole('button', { name: 'Details' }).click();
    await expect.poll(() => page.getByLabel('Order details').textContent()).toContain('express delivery');
    await page.close();
  });
});
