import { beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { useBrowserRig } from '../test/browser.js';

describe('shopper wallet page in chromium', () => {
  const rig = useBrowserRig();
  let browser: Browser, base: string;

  beforeAll(async () => {
    ({ browser, base } = rig);
  });

  it('shows the balance, tops up with a sandbox card through a 3-D Secure challenge, lists it, and shows a member code QR', async () => {
    const page = await browser.newPage();
    await page.goto(base);
    await page.getByLabel('Email').fill('carmen@mercato.test');
    await page.getByLabel('Password').fill('mercato-demo-2026');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('link', { name: 'Wallet' }).click();
    await expect.poll(() => page.getByTestId('balance-EUR').textContent()).toMatch(/250[.,]00/);

    await page.getByLabel('Amount (EUR)').fill('20.50');
    await page.getByLabel('Test card').selectOption('4000000000003220');
    await page.getByRole('button', { name: 'Top up' }).click();
    await page.getByRole('button', { name: 'Confirm payment' }).click({ timeout: 15_000 });
    await expect.poll(() => page.getByTestId('top-up-status').textContent(), { timeout: 15_000 }).toMatch(/Added .*20[.,]50/);
    await expect.poll(() => page.getByTestId('balance-EUR').textContent()).toMatch(/270[.,]50/);
    await expect.poll(() => page.getByTestId('statement-line').first().textContent()).toMatch(/top-up via card_sandbox.*20[.,]50/);

    await page.getByRole('img', { name: 'Member payment code' }).waitFor();
    expect((await page.getByTestId('member-code').textContent())?.replace(/\s/g, '')).toMatch(/^28[0-9]{16}$/);
    expect(await page.getByTestId('member-code-expiry').textContent()).toMatch(/New code in \d+ s/);
    await page.close();
  });
});
