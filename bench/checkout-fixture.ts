import { sql } from 'drizzle-orm';
import { withTx } from '../src/db/tx.js';
import type { Database } from '../src/db/client.js';
import { seedDemo } from '../src/seed/demo.js';
import { demoId } from '../src/seed/demo-id.js';
import { createLocation, type Location } from '../src/locations/index.js';
import { creditWallet } from '../src/payments/index.js';
import type { Principal } from '../src/identity/model.js';
import { retailList } from '../test/commerce.js';

/** The checkout benchmarks' catalogue: 10,000 priced SKUs with deep stock in one warehouse. */
export const SKUS = 10_000;
/** Granada: only the bench warehouse serves it (standard shipping). */
export const HOME = { latitude: 37.17734, longitude: -3.59856, country: 'ES' };
const merchantId = demoId('merchant:casa-aurelia');

/**
 * Seeds the demo, the bench warehouse and catalogue, and one shopper per client with a wallet
 * topped up far beyond the run. `createShopper` makes the account (the HTTP bench needs real
 * credentials); by default a row with a placeholder password is enough.
 */
export async function checkoutFixture(database: Database, clients: number, createShopper?: (i: number) => Promise<Principal>): Promise<{ warehouse: Location; skuIds: string[]; shoppers: Principal[] }> {
  const { db } = database;
  await withTx(db, (tx) => seedDemo(tx));
  const warehouse = await withTx(db, (tx) => createLocation(tx, {
    code: 'BENCH-WH', name: 'Bench warehouse', kind: 'warehouse', latitude: 37.2, longitude: -3.6, address: 'Polígono 1', city: 'Granada', country: 'ES', timeZone: 'Europe/Madrid', shipsOrders: true,
  }));
  await db.execute(sql`insert into products (merchant_id, status, product_code) select ${merchantId}, 'active', 'BENCH-' || g from generate_series(1, ${SKUS}) g`);
  await db.execute(sql`insert into skus (product_id, merchant_id, sku_code, weight_grams)
    select p.id, p.merchant_id, p.product_code, 250 from products p where p.product_code like 'BENCH-%'`);
  const list = await retailList(db, merchantId, 'EUR');
  await db.execute(sql`insert into price_list_items (price_list_id, sku_id, moq) select ${list.id}, id, 1 from skus where sku_code like 'BENCH-%' on conflict do nothing`);
  await db.execute(sql`insert into price_tiers (price_list_id, sku_id, min_quantity, unit_amount_minor) select ${list.id}, id, 1, 1000 + (abs(hashtext(id::text)) % 9000) from skus where sku_code like 'BENCH-%' on conflict do nothing`);
  await db.execute(sql`insert into stock_levels (sku_id, location_id, on_hand, reserved) select id, ${warehouse.id}, 1000000, 0 from skus where sku_code like 'BENCH-%'`);
  const { rows } = await db.execute(sql`select id from skus where sku_code like 'BENCH-%' order by sku_code`);
  const skuIds = rows.map((r) => String(r.id));
  const shoppers: Principal[] = [];
  for (let i = 0; i < clients; i++) {
    let shopper: Principal;
    if (createShopper) shopper = await createShopper(i);
    else {
      const { rows: [account] } = await db.execute(sql`insert into accounts (email, password_hash, display_name, role) values (${`bench${i}@mercato.test`}, 'scrypt$15$8$1$x$y', ${`Bench ${i}`}, 'shopper') returning id`);
      shopper = { accountId: String(account.id), email: `bench${i}@mercato.test`, role: 'shopper', merchantId: null, locationId: null };
    }
    await withTx(db, (tx) => creditWallet(tx, { accountId: shopper.accountId, amountMinor: 1_000_000_000, currency: 'EUR', provider: 'card_sandbox' }));
    shoppers.push(shopper);
  }
  await db.execute(sql`analyze`);
  return { warehouse, skuIds, shoppers };
}
