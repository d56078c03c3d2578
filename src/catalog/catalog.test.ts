import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { describeEachBackend } from '../../test/db.js';
import { auth, expectProblem, signInAs, testApp } from '../../test/http.js';
import { demoId } from '../seed/demo-id.js';
import { withTx } from '../db/tx.js';
import { priceLines, purchasableSkus, skuByBarcode } from './index.js';
import { ean13 } from './model.js';

const aurelia = demoId('merchant:casa-aurelia');
const lumen = demoId('merchant:lumen-tea');
const longjing = demoId('sku:LUM-LONGJING-250');
const giulia = demoId('account:giulia@mercato.test');

describeEachBackend('catalogue over HTTP', (use) => {
  let app: FastifyInstance;
  let operator: string, aureliaStaff: string, lumenStaff: string, giuliaToken: string, carmenToken: string;

  beforeAll(async () => {
    app = await testApp(use(), { seed: true });
    [operator, aureliaStaff, lumenStaff, giuliaToken, carmenToken] = await Promise.all(
      ['operator@mercato.test', 'aurelia@mercato.test', 'lumen@mercato.test', 'giulia@mercato.test', 'carmen@mercato.test'].map((e) => signInAs(app, e)));
  });
  afterAll(() => app.close());

  const quote = (token: string | null, quantity: number, skuId = longjing) => app.inject({
    method: 'POST', url: '/v1/price-quotes', headers: token ? auth(token) : {}, payload: { currency: 'EUR', lines: [{ skuId, quantity }] },
  });

  it.each([
    [10, 6400], [49, 6400], [50, 5900], [199, 5900], [200, 5400],
  ])('prices %i units for the assigned business buyer at its wholesale tier (%i)', async (quantity, unit) => {
    const response = await quote(giuliaToken, quantity);
    expect(response.json().lines[0]).toMatchObject({ unitAmountMinor: unit, lineAmountMinor: unit * quantity, priceListKind: 'wholesale' });
  });

  it('refuses a business buyer below the list\'s minimum order quantity', async () => {
    const problem = expectProblem(await quote(giuliaToken, 9), 422, 'catalog.below_moq');
    expect(problem).toMatchObject({ moq: 10, quantity: 9, skuId: longjing });
  });

  it('shows the wholesale list to no one else: other shoppers and guests pay retail for any quantity', async () => {
    expect((await quote(carmenToken, 5)).json().lines[0]).toMatchObject({ unitAmountMinor: 8500, priceListKind: 'retail' });
    expect((await quote(null, 500)).json()).toMatchObject({ totalMinor: 8500 * 500 });
  });

  it('prices lines inside the caller\'s transaction, with a problem when no price exists', async () => {
    const lines = await withTx(use().db, (tx) => priceLines(tx, { currency: 'CNY', lines: [{ skuId: demoId('sku:AUR-DUOMO-NERO'), quantity: 2 }, { skuId: longjing, quantity: 3 }], accountId: giulia }));
    expect(lines.map((l) => [l.unitAmountMinor, l.lineAmountMinor, l.merchantId])).toEqual([[1488000, 2976000, aurelia], [65800, 197400, lumen]]);
    await expect(withTx(use().db, (tx) => priceLines(tx, { currency: 'USD', lines: [{ skuId: longjing, quantity: 1 }] }))).rejects.toMatchObject({ code: 'catalog.price_missing' });
  });

  it('lets a merchant build a B2B list with tiers, refusing inconsistent ones, and assign a buyer', async () => {
    const list = await app.inject({ method: 'POST', url: `/v1/merchants/${aurelia}/price-lists`, headers: auth(aureliaStaff), payload: { code: 'boutiques-eur', name: 'Partner boutiques', kind: 'wholesale', currency: 'EUR' } });
    expect(list.statusCode).toBe(201);
    const listId = list.json().id;
    const sku = demoId('sku:AUR-FOULARD-90');
    const put = (body: Record<string, unknown>) => app.inject({ method: 'PUT', url: `/v1/merchants/${aurelia}/price-lists/${listId}/items/${sku}`, headers: auth(aureliaStaff), payload: body });
    expectProblem(await put({ moq: 6, tiers: [{ minQuantity: 1, unitAmountMinor: 20000 }] }), 422, 'catalog.invalid_tiers');
    expectProblem(await put({ moq: 6, tiers: [{ minQuantity: 6, unitAmountMinor: 20000 }, { minQuantity: 12, unitAmountMinor: 21000 }] }), 422, 'catalog.invalid_tiers');
    expect((await put({ moq: 6, tiers: [{ minQuantity: 6, unitAmountMinor: 21000 }, { minQuantity: 24, unitAmountMinor: 19500 }] })).statusCode).toBe(204);
    expect((await app.inject({ method: 'POST', url: `/v1/merchants/${aurelia}/price-lists/${listId}/buyers`, headers: auth(aureliaStaff), payload: { accountId: demoId('account:carmen@mercato.test') } })).statusCode).toBe(204);
    expect((await quote(carmenToken, 24, sku)).json().lines[0]).toMatchObject({ unitAmountMinor: 19500, priceListKind: 'wholesale' });
    expectProblem(await quote(carmenToken, 2, sku), 422, 'catalog.below_moq');
    expect((await quote(giuliaToken, 2, sku)).json().lines[0]).toMatchObject({ unitAmountMinor: 39000, priceListKind: 'retail' });
    expectProblem(await app.inject({ method: 'POST', url: `/v1/merchants/${lumen}/price-lists/${listId}/buyers`, headers: auth(lumenStaff), payload: { accountId: giulia } }), 404, 'catalog.price_list_not_found');
  });

  it('creates a product with variants in four languages, validates EAN-13 and keeps SKU codes unique per merchant', async () => {
    const body = (code: string, barcode: string) => ({
      productCode: code, brandId: demoId('brand:lumen-tea'), categoryId: demoId('category:te'), status: 'active',
      translations: { es: { title: 'Té blanco Bai Mudan' }, it: { title: 'Tè bianco Bai Mudan' }, en: { title: 'Bai Mudan white tea' }, zh: { title: '福鼎白牡丹白茶' } },
      images: [{ url: 'https://images.mercato.example/lumen/baimudan.jpg' }],
      skus: [{ skuCode: `${code}-50`, barcode, attributes: { size: '50 g' } }, { skuCode: `${code}-100`, attributes: { size: '100 g' } }],
    });
    expectProblem(await app.inject({ method: 'POST', url: `/v1/merchants/${lumen}/products`, headers: auth(lumenStaff), payload: body('LUM-BAIMUDAN', '6901234567891') }), 422, 'catalog.invalid_barcode');
    const barcode = ean13('690123456789');
    const created = await app.inject({ method: 'POST', url: `/v1/merchants/${lumen}/products`, headers: auth(lumenStaff), payload: body('LUM-BAIMUDAN', barcode) });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ listed: true, skus: [{ skuCode: 'LUM-BAIMUDAN-100' }, { skuCode: 'LUM-BAIMUDAN-50', barcode }] });
    expectProblem(await app.inject({ method: 'POST', url: `/v1/merchants/${lumen}/products`, headers: auth(lumenStaff), payload: body('LUM-BAIMUDAN', barcode) }), 409, 'catalog.code_taken');
    // Another merchant may use the same SKU code.
    const other = await app.inject({ method: 'POST', url: `/v1/merchants/${aurelia}/products`, headers: auth(aureliaStaff), payload: { ...body('LUM-BAIMUDAN', barcode), brandId: null } });
    expect(other.statusCode).toBe(201);
    const search = (await app.inject('/v1/search?q=%E7%99%BD%E7%89%A1%E4%B8%B9&locale=zh')).json();
    expect(search.items.map((i: { productId: string }) => i.productId)).toContain(created.json().id);
    const found = await skuByBarcode(use().db, barcode);
    expect(found?.skuCode).toBe('LUM-BAIMUDAN-50');
    const scanned = await app.inject({ url: `/v1/skus/by-barcode/${barcode}`, headers: auth(operator) });
    expect(scanned.json()).toMatchObject({ skuCode: 'LUM-BAIMUDAN-50', listed: true });
  });

  it('keeps a draft or archived product out of sight and out of checkout', async () => {
    const product = demoId('product:LUM-PUER');
    const patched = await app.inject({ method: 'PATCH', url: `/v1/merchants/${lumen}/products/${product}`, headers: auth(lumenStaff), payload: { status: 'archived' } });
    expect(patched.json()).toMatchObject({ status: 'archived', listed: false });
    expectProblem(await app.inject(`/v1/products/${product}`), 404, 'catalog.product_not_found');
    const [availability] = await purchasableSkus(use().db, [demoId('sku:LUM-PUER-357')]);
    expect(availability).toMatchObject({ purchasable: false, reason: 'inactive' });
    expect((await purchasableSkus(use().db, [demoId('sku:LUM-LONGJING-100'), '00000000-0000-4000-8000-000000000000'])).map((a) => a.reason)).toEqual([null, 'not_found']);
    await app.inject({ method: 'PATCH', url: `/v1/merchants/${lumen}/products/${product}`, headers: auth(lumenStaff), payload: { status: 'active' } });
    expect((await app.inject(`/v1/products/${product}`)).statusCode).toBe(200);
  });

  it('serves search over HTTP with facets and validates its parameters', async () => {
    const response = await app.inject('/v1/search?q=aurelia&locale=it&currency=EUR&limit=2');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ total: 4, facets: { brands: [{ slug: 'aurelia', count: 4 }] } });
    expect(response.json().nextCursor).toEqual(expect.any(String));
    expectProblem(await app.inject('/v1/search?locale=fr'), 400, 'http.validation');
    expectProblem(await app.inject('/v1/search?cursor=garbage'), 400, 'catalog.invalid_cursor');
    const pavilions = (await app.inject('/v1/pavilions')).json().items;
    expect(pavilions[0]).toMatchObject({ slug: 'luxury', storefronts: [{ slug: 'casa-aurelia' }] });
  });
});
