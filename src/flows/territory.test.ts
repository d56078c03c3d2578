import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { describeEachBackend } from '../../test/db.js';
import { auth, expectProblem, signInAs, testApp } from '../../test/http.js';
import { withTx } from '../db/tx.js';
import { demoId } from '../seed/demo-id.js';
import { setTakedown } from '../catalog/index.js';
import { sellableSku } from '../../test/commerce.js';
import { priceCart } from '../orders/pricing.js';

const aurelia = demoId('merchant:casa-aurelia');
const lumen = demoId('merchant:lumen-tea');
const cardSku = demoId('sku:LUM-AUR-CARD'); // Lumen resells Aurelia card holders, authorised for CN only

describeEachBackend('brand territories and what the till sells', (use) => {
  let app: FastifyInstance;
  let aureliaStaff: string, solAssociate: string;
  const barcodeOf = async (skuId: string) => String((await use().db.execute(sql`select barcode from skus where id = ${skuId}`)).rows[0].barcode);
  const openBasket = async () => (await app.inject({ method: 'POST', url: '/v1/till/baskets', headers: auth(solAssociate), payload: { currency: 'EUR' } })).json().basketId as string;

  beforeAll(async () => {
    app = await testApp(use(), { seed: true });
    [aureliaStaff, solAssociate] = await Promise.all(['aurelia@mercato.test', 'associate.sol@mercato.test'].map((e) => signInAs(app, e)));
  });
  afterAll(() => app.close());

  it('grants territories as ISO 3166-1 country codes, refusing unknown ones', async () => {
    const grant = (territories: unknown) => app.inject({
      method: 'POST', url: `/v1/merchants/${aurelia}/brand-authorisations`, headers: auth(aureliaStaff),
      payload: { brandId: demoId('brand:aurelia'), resellerMerchantId: lumen, scope: 'belts', territories, validFrom: new Date(Date.now() - 1000).toISOString(), validTo: new Date(Date.now() + 86_400_000).toISOString() },
    });
    const granted = await grant(['HK', 'CN']);
    expect(granted.statusCode).toBe(201);
    expect(granted.json()).toMatchObject({ scope: 'belts', territories: ['CN', 'HK'] });
    const unknown = expectProblem(await grant(['CN', 'ZZ']), 400, 'merchants.territory_invalid');
    expect(unknown.errors[0]).toMatchObject({ field: '/territories/1' });
    expectProblem(await grant(['mainland China']), 400, 'http.validation');
    const listed = (await app.inject({ url: `/v1/merchants/${aurelia}/brand-authorisations`, headers: auth(aureliaStaff) })).json().items;
    expect(listed.find((a: any) => a.id === demoId('authorisation:aurelia:lumen'))).toMatchObject({ territories: ['CN'] });
  });

  it('reads an old free-text scope as country codes (the migration), leaving unnamed ones unrestricted', async () => {
    const ids = await withTx(use().db, async (tx) => {
      const { rows } = await tx.execute(sql`insert into brand_authorisations (brand_id, merchant_id, scope, valid_from, valid_to) values
        (${demoId('brand:aurelia')}, ${lumen}, 'Small leather goods, Mainland China and Hong Kong', now(), now() + interval '1 day'),
        (${demoId('brand:aurelia')}, ${lumen}, 'all products', now(), now() + interval '1 day') returning id`);
      return rows.map((r) => String(r.id));
    });
    const migration = readFileSync(new URL('../db/migrations/1151_merchants_brand_territories.sql', import.meta.url), 'utf8');
    await use().db.execute(sql.raw(migration.slice(migration.indexOf('update brand_authorisations'))));
    const { rows } = await use().db.execute(sql`select id, territories from brand_authorisations where id in (${ids[0]}, ${ids[1]})`);
    expect(rows.find((r) => r.id === ids[0])!.territories).toEqual(['CN', 'HK']);
    expect(rows.find((r) => r.id === ids[1])!.territories).toBeNull();
    await use().db.execute(sql`delete from brand_authorisations where id in (${ids[0]}, ${ids[1]})`);
  });

  it('refuses at a Madrid till a brand authorised only for mainland China', async () => {
    const basketId = await openBasket();
    const refused = expectProblem(await app.inject({ method: 'POST', url: `/v1/till/baskets/${basketId}/items`, headers: auth(solAssociate), payload: { barcode: await barcodeOf(cardSku) } }), 422, 'orders.sku_not_found');
    expect(refused.unavailable).toEqual([{ skuId: cardSku, reason: 'not_authorised_here' }]);
    expect(refused.country).toBe('ES');
  });

  it('sells online only where the authorisation covers the delivery country', async () => {
    await expect(withTx(use().db, (tx) => priceCart(tx, [{ skuId: cardSku, quantity: 1 }], 'CNY', null, { country: 'ES' }))).rejects.toMatchObject({ code: 'orders.sku_not_found' });
    await expect(withTx(use().db, (tx) => priceCart(tx, [{ skuId: cardSku, quantity: 1 }], 'CNY', null, { country: null }))).rejects.toMatchObject({ code: 'orders.sku_not_found' });
    const [line] = await withTx(use().db, (tx) => priceCart(tx, [{ skuId: cardSku, quantity: 1 }], 'CNY', null, { country: 'CN' }));
    expect(line).toMatchObject({ skuId: cardSku, amountMinor: 188_000 });
    // The brand owner's own listings are sold everywhere.
    const own = await withTx(use().db, (tx) => priceCart(tx, [{ skuId: demoId('sku:LUM-LONGJING-100'), quantity: 1 }], 'EUR', null, { country: 'ES' }));
    expect(own).toHaveLength(1);
  });

  it('refuses the scan of a suspended SKU', async () => {
    const { skuId, barcode } = await withTx(use().db, (tx) => sellableSku(tx, { merchantId: aurelia, priceMinor: 1_500 }));
    const basketId = await openBasket();
    expect((await app.inject({ method: 'POST', url: `/v1/till/baskets/${basketId}/items`, headers: auth(solAssociate), payload: { barcode } })).statusCode).toBe(200);
    const productId = String((await use().db.execute(sql`select product_id from skus where id = ${skuId}`)).rows[0].product_id);
    await withTx(use().db, (tx) => setTakedown(tx, productId, 'suspended'));
    const refused = expectProblem(await app.inject({ method: 'POST', url: `/v1/till/baskets/${basketId}/items`, headers: auth(solAssociate), payload: { barcode } }), 422, 'orders.sku_not_found');
    expect(refused.unavailable).toEqual([{ skuId, reason: 'suspended' }]);
    // Already in the basket before the suspension: refused at payment too.
    expectProblem(await app.inject({ method: 'POST', url: `/v1/till/baskets/${basketId}/payment`, headers: auth(solAssociate), payload: { provider: 'card_sandbox', cardNumber: '4242424242424242' } }), 422, 'orders.sku_not_found');
  });
});
