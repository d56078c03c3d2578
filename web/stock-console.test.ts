import { beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { sql } from 'drizzle-orm';
import { signIn as signInThroughApp, useBrowserRig } from '../test/browser.js';
import type { Database } from '../src/db/client.js';
import { withTx } from '../src/db/tx.js';
import { demoId } from '../src/seed/demo-id.js';
import { receiveStock } from '../src/inventory/index.js';

const SOL = demoId('location:MAD-SOL');

async function signIn(page: Page, base: string, email: string) {
  await signInThroughApp(page, base, email);
  await page.goto(`${base}/stock`);
}

describe('stock console in chromium', () => {
  const rig = useBrowserRig();
  let database: Database, browser: Browser, base: string;

  beforeAll(async () => {
    ({ database, browser, base } = rig);
    await withTx(database.db, async (tx) => {
      const merchantId = demoId('merchant:casa-aurelia');
      const { rows: [p] } = await tx.execute(sql`insert into products (merchant_id, status, product_code) values (${merchantId}, 'active', 'UI-SCARF-PRODUCT') returning id`);
      const { rows: [s] } = await tx.execute(sql`insert into skus (product_id, merchant_id, sku_code) values (${p.id}, ${merchantId}, 'UI-AUR-SCARF-RED') returning id`);
      await receiveStock(tx, { skuId: String(s.id), locationId: SOL, quantity: 7, reason: 'opening stock' });
    });
  });

  it('shows an associate their store\'s stock and records a count that lands in the journal', async () => {
    const page = await browser.newPage();
    await signIn(page, base, 'associate.sol@mercato.test');
    await expect.poll(() => page.getByTestId('stock-title').textContent()).toBe('Stock at Mercato Madrid Sol');
    const row = page.getByTestId('stock-row').filter({ hasText: 'UI-AUR-SCARF-RED' });
    await expect.poll(() => row.locator('td').nth(3).textContent()).toBe('7');
    const form = page.getByRole('form', { name: 'Record a stock movement' });
    await form.getByLabel('SKU').selectOption({ label: 'UI-AUR-SCARF-RED' });
    await form.getByLabel('Kind').selectOption('count');
    await form.getByLabel('Quantity').fill('5');
    await form.getByLabel('Reason').fill('cycle count aisle 3');
    await form.getByRole('button', { name: 'Record' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toBe('Recorded count -2: on hand now 5');
    await expect.poll(() => row.locator('td').nth(1).textContent()).toBe('5');
    await page.getByRole('cell', { name: 'cycle count aisle 3' }).waitFor();
    expect(await page.getByRole('region', { name: 'Locations' }).count()).toBe(0);
    await page.close();
  });

  it('shows an operator every location, the pop-up with its window, and any store\'s stock', async () => {
    const page = await browser.newPage();
    await signIn(page, base, 'operator@mercato.test');
    const locations = page.getByRole('region', { name: 'Locations' });
    await locations.getByRole('cell', { name: 'Mercato 11.11 pop-up Milano' }).waitFor();
    expect(await locations.getByRole('cell', { name: 'partner pickup point' }).count()).toBe(1);
    await locations.getByRole('button', { name: 'Stock at MAD-SOL' }).click();
    await expect.poll(() => page.getByTestId('stock-title').textContent()).toBe('Stock at Mercato Madrid Sol');
    await page.getByTestId('stock-row').filter({ hasText: 'UI-AUR-SCARF-RED' }).waitFor();
    await page.close();
  });
});
