import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Tx } from '../src/db/tx.js';
import { receiveStock } from '../src/inventory/index.js';
import { createLocation, setOpeningHours, type Location, type NewLocation } from '../src/locations/index.js';
import { creditWallet } from '../src/payments/index.js';
import { ean13 } from '../src/catalog/model.js';

/**
 * Test data for the order flows, written straight into the catalogue's tables (a product, a SKU
 * with a barcode, a retail price) so that these tests do not depend on the catalogue's API.
 */
export async function sellableSku(tx: Tx, input: { merchantId: string; priceMinor: number; currency?: string; weightGrams?: number }): Promise<{ skuId: string; barcode: string }> {
  const currency = input.currency ?? 'EUR';
  const barcode = ean13(`84${String(Math.floor(Math.random() * 1e10)).padStart(10, '0')}`);
  const { rows: [product] } = await tx.execute(sql`insert into products (merchant_id, status) values (${input.merchantId}, 'active') returning id`);
  const { rows: [sku] } = await tx.execute(sql`
    insert into skus (product_id, merchant_id, sku_code, barcode, weight_grams)
    values (${product.id}, ${input.merchantId}, ${`T-${randomBytes(4).toString('hex')}`}, ${barcode}, ${input.weightGrams ?? 300}) returning id`);
  const list = await retailList(tx, input.merchantId, currency);
  await tx.execute(sql`insert into price_list_items (price_list_id, sku_id, moq) values (${list.id}, ${sku.id}, 1)`);
  await tx.execute(sql`insert into price_tiers (price_list_id, sku_id, min_quantity, unit_amount_minor) values (${list.id}, ${sku.id}, 1, ${input.priceMinor})`);
  return { skuId: String(sku.id), barcode };
}

/** The merchant's retail list in a currency (there is at most one), created when missing. */
export async function retailList(tx: Tx, merchantId: string, currency: string): Promise<{ id: string }> {
  const { rows: [existing] } = await tx.execute(sql`select id from price_lists where merchant_id = ${merchantId} and currency = ${currency} and kind = 'retail'`);
  if (existing) return { id: String(existing.id) };
  const { rows: [created] } = await tx.execute(sql`
    insert into price_lists (merchant_id, code, name, kind, currency) values (${merchantId}, ${`retail-${currency.toLowerCase()}`}, 'Retail', 'retail', ${currency}) returning id`);
  return { id: String(created.id) };
}

export const EVERY_DAY = Array.from({ length: 7 }, (_, i) => ({ weekday: i + 1, opens: '08:00', closes: '22:00' }));

export async function openStore(tx: Tx, input: Partial<NewLocation> & { latitude: number; longitude: number }): Promise<Location> {
  const location = await createLocation(tx, {
    code: `T-${randomBytes(4).toString('hex')}`, name: 'Test store', kind: 'store', address: 'Calle Mayor 1', city: 'Madrid', country: 'ES', timeZone: 'Europe/Madrid',
    localDelivery: true, deliveryRadiusM: 3000, offersPickup: true, acceptsReturns: true, shipsOrders: false, ...input,
  });
  await setOpeningHours(tx, location.id, { weekly: EVERY_DAY, exceptions: [] });
  return location;
}

export async function stock(tx: Tx, locationId: string, skuId: string, quantity: number): Promise<void> {
  await receiveStock(tx, { skuId, locationId, quantity, reason: 'test stock' });
}

export async function topUp(tx: Tx, accountId: string, amountMinor: number, currency = 'EUR'): Promise<void> {
  await creditWallet(tx, { accountId, amountMinor, currency, provider: 'card_sandbox', memo: 'test top-up' });
}

export async function onHand(tx: Tx, locationId: string, skuId: string): Promise<{ onHand: number; reserved: number }> {
  const { rows } = await tx.execute(sql`select on_hand, reserved from stock_levels where location_id = ${locationId} and sku_id = ${skuId}`);
  return rows[0] ? { onHand: Number(rows[0].on_hand), reserved: Number(rows[0].reserved) } : { onHand: 0, reserved: 0 };
}
