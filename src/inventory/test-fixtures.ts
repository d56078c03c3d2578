import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Tx } from '../db/tx.js';
import { createLocation, type Location, type NewLocation } from '../locations/index.js';

/** Test data by plain inserts: a merchant, a product and its SKUs (the catalogue is another domain). */
export async function makeSkus(tx: Tx, count = 1): Promise<string[]> {
  const { rows: [merchant] } = await tx.execute(sql`
    insert into merchants (legal_name, country, kind, settlement_currency) values ('Fixture Brand', 'ES', 'brand_owner', 'EUR') returning id`);
  const { rows: [product] } = await tx.execute(sql`
    insert into products (merchant_id, status, product_code) values (${merchant.id}, 'active', ${`FXP-${randomBytes(4).toString('hex')}`}) returning id`);
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const { rows: [sku] } = await tx.execute(sql`
      insert into skus (product_id, merchant_id, sku_code) values (${product.id}, ${merchant.id}, ${`FX-${randomBytes(4).toString('hex')}-${i}`}) returning id`);
    ids.push(String(sku.id));
  }
  return ids;
}

export async function makeLocation(tx: Tx, overrides: Partial<NewLocation> = {}): Promise<Location> {
  return createLocation(tx, {
    code: `FX-${randomBytes(4).toString('hex')}`, name: 'Fixture store', kind: 'store', latitude: 40.41689, longitude: -3.70348,
    address: 'Puerta del Sol 1', city: 'Madrid', country: 'ES', timeZone: 'Europe/Madrid', acceptsReturns: true, ...overrides,
  });
}
