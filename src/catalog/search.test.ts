import { beforeAll, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { describeEachBackend } from '../../test/db.js';
import { withTx } from '../db/tx.js';
import { openDatabase } from '../db/client.js';
import { seedDemo } from '../seed/demo.js';
import { demoId } from '../seed/demo-id.js';
import { createBrand } from '../merchants/service.js';
import { createProduct, setRetailPrice, setTakedown } from './service.js';
import { ean13 } from './model.js';
import { searchCatalog } from './search-service.js';
import type { CatalogLocale } from './schema.js';

const aurelia = demoId('merchant:casa-aurelia');
const LOCALES: CatalogLocale[] = ['es', 'it', 'en', 'zh'];

describeEachBackend('catalogue search', (use, kind) => {
  let gucciBag = '';

  beforeAll(async () => {
    await withTx(use().db, (tx) => seedDemo(tx));
    await withTx(use().db, async (tx) => {
      const brand = await createBrand(tx, { name: 'Gucci', slug: 'gucci', ownerMerchantId: aurelia, trademarkNumber: 'EU 000121988', trademarkOffice: 'EUIPO', trademarkClasses: [18], trademarkExpiresOn: '2030-01-01' });
      const product = await createProduct(tx, aurelia, {
        productCode: 'GUC-JACKIE', brandId: brand.id, categoryId: demoId('category:bolsos'), status: 'active',
        translations: { es: { title: 'Bolso Gucci Jackie' }, it: { title: 'Borsa Gucci Jackie' }, en: { title: 'Gucci Jackie bag' }, zh: { title: 'Gucci Jackie 手提包' } },
        skus: [{ skuCode: 'GUC-JACKIE-1', barcode: ean13('800123456789') }],
      });
      await setRetailPrice(tx, aurelia, product.skus[0].id, 'EUR', 310000);
      gucciBag = product.id;
    });
  });

  const titles = async (q: string, locale: CatalogLocale, extra: Record<string, unknown> = {}) =>
    (await searchCatalog(use().db, { q, locale, ...extra })).items.map((i) => i.title);

  // Each language: stemming, accent folding, and its own script.
  it.each([
    ['es', 'bolsos', 'Bolso de piel Aurelia Duomo'],
    ['es', 'cafe', 'Café de Yunnan tostado natural'],
    ['es', 'pañuelos seda', 'Pañuelo de seda Aurelia Navigli'],
    ['it', 'borse', 'Borsa in pelle Aurelia Duomo'],
    ['it', 'caffe', 'Caffè dello Yunnan tostato naturale'],
    ['it', 'foulard', 'Foulard di seta Aurelia Navigli'],
    ['en', 'handbags', 'Aurelia Duomo leather handbag'],
    ['en', 'cafe', 'Yunnan single-origin café beans'],
    ['en', 'coffee bean', 'Yunnan single-origin café beans'],
    ['zh', '手袋', 'Aurelia Duomo 真皮女士手袋'],
    ['zh', '龙井', '西湖龙井明前绿茶'],
    ['zh', '普洱', '云南陈年普洱茶饼'],
  ] as const)('finds by stem, folded accent or substring [%s] %s', async (locale, q, expected) => {
    expect(await titles(q, locale)).toContain(expected);
  });

  it('ranks a Chinese title match above a match in the category name only', async () => {
    expect((await titles('手袋', 'zh'))[0]).toBe('Aurelia Duomo 真皮女士手袋');
  });

  it('finds a Chinese title by an inner substring but not by characters out of order', async () => {
    expect(await titles('女士手袋', 'zh')).toContain('Aurelia Duomo 真皮女士手袋');
    expect(await titles('袋手', 'zh')).not.toContain('Aurelia Duomo 真皮女士手袋');
  });

  it.each(LOCALES)('tolerates a typo in a brand name [%s]: guci finds Gucci', async (locale) => {
    const result = await searchCatalog(use().db, { q: 'guci', locale });
    expect(result.items.map((i) => i.productId)).toContain(gucciBag);
    expect(result.items[0].brand?.slug).toBe('gucci');
  });

  it.each(LOCALES)('shows titles in the requested language with a fallback [%s]', async (locale) => {
    const result = await searchCatalog(use().db, { q: 'longjing', locale });
    expect(result.items[0].titleLocale).toBe(locale);
  });

  it.each(LOCALES)('counts facets by brand, category and price band over all matches [%s]', async (locale) => {
    const result = await searchCatalog(use().db, { q: '', locale, category: 'moda', currency: 'EUR', limit: 2 });
    expect(result.total).toBe(5);
    expect(result.items).toHaveLength(2);
    expect(result.facets.brands).toEqual([{ slug: 'aurelia', name: 'Aurelia', count: 4 }, { slug: 'gucci', name: 'Gucci', count: 1 }]);
    expect(result.facets.categories).toEqual([{ slug: 'bolsos', count: 3 }, { slug: 'accesorios', count: 2 }]);
    expect(result.facets.priceBands).toEqual([
      { fromMinor: 20000, toMinor: 100000, count: 2 },
      { fromMinor: 100000, toMinor: 500000, count: 3 },
    ]);
  });

  it('filters by brand, pavilion and price range', async () => {
    const byBrand = await searchCatalog(use().db, { locale: 'en', brand: 'lumen-tea' });
    expect(byBrand.items.every((i) => i.brand?.slug === 'lumen-tea')).toBe(true);
    expect(byBrand.total).toBe(3);
    const luxury = await searchCatalog(use().db, { locale: 'en', pavilion: 'luxury' });
    expect(new Set(luxury.items.map((i) => i.merchantId))).toEqual(new Set([aurelia]));
    const cheap = await searchCatalog(use().db, { locale: 'en', currency: 'EUR', maxPrice: 5000 });
    expect(cheap.items.map((i) => i.priceFromMinor).every((p) => p !== null && p <= 5000)).toBe(true);
    expect(cheap.total).toBe(2);
    const cny = await searchCatalog(use().db, { locale: 'zh', currency: 'CNY', minPrice: 1_000_000, sort: 'price_asc' });
    expect(cny.items.map((i) => i.priceFromMinor)).toEqual([1488000]);
  });

  it('pages with a cursor through every match exactly once, by relevance then recency', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    let total = 0;
    do {
      const page = await searchCatalog(use().db, { q: 'aurelia', locale: 'es', limit: 2, cursor });
      total = page.total;
      seen.push(...page.items.map((i) => i.productId));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen.length).toBe(total);
    expect(new Set(seen).size).toBe(total);
    expect(total).toBeGreaterThanOrEqual(4);
  });

  it('sorts by price both ways', async () => {
    const asc = await searchCatalog(use().db, { locale: 'en', currency: 'EUR', sort: 'price_asc' });
    const prices = asc.items.map((i) => i.priceFromMinor ?? Infinity);
    expect(prices).toEqual([...prices].sort((a, b) => a - b));
    const desc = await searchCatalog(use().db, { locale: 'en', currency: 'EUR', sort: 'price_desc', limit: 1 });
    expect(desc.items[0].productId).toBe(gucciBag);
  });

  it.each(LOCALES)('never shows a suspended listing [%s]', async (locale) => {
    const duomo = demoId('product:AUR-DUOMO');
    const q = { es: 'duomo', it: 'duomo', en: 'duomo', zh: '手袋' }[locale];
    await withTx(use().db, (tx) => setTakedown(tx, duomo, 'suspended'));
    try {
      expect((await searchCatalog(use().db, { q, locale })).items.map((i) => i.productId)).not.toContain(duomo);
    } finally {
      await withTx(use().db, (tx) => setTakedown(tx, duomo, null));
    }
    expect((await searchCatalog(use().db, { q, locale })).items.map((i) => i.productId)).toContain(duomo);
  });

  it.each(LOCALES)('hides a reseller listing once its brand authorisation has expired, and shows it again when renewed [%s]', async (locale) => {
    const card = demoId('product:AUR-CARD');
    const q = { es: 'tarjetero', it: 'portacarte', en: 'card holder', zh: '卡包' }[locale];
    expect((await searchCatalog(use().db, { q, locale })).items.map((i) => i.productId)).toContain(card);
    await use().db.execute(sql`update brand_authorisations set valid_to = now() - interval '1 minute' where id = ${demoId('authorisation:aurelia:lumen')}`);
    try {
      expect((await searchCatalog(use().db, { q, locale })).items.map((i) => i.productId)).not.toContain(card);
    } finally {
      await use().db.execute(sql`update brand_authorisations set valid_to = now() + interval '300 days' where id = ${demoId('authorisation:aurelia:lumen')}`);
    }
  });

  it('answers for the instant asked: a reseller listing drops out when its authorisation ends, with no write in between', async () => {
    const card = demoId('product:AUR-CARD');
    const { rows: [authorisation] } = await use().db.execute(sql`select valid_to from brand_authorisations where id = ${demoId('authorisation:aurelia:lumen')}`);
    const ends = new Date(authorisation.valid_to).getTime();
    const ids = async (at: number) => (await searchCatalog(use().db, { q: 'card holder', locale: 'en', at: new Date(at) })).items.map((i) => i.productId);
    expect(await ids(ends - 1000)).toContain(card);
    expect(await ids(ends + 1000)).not.toContain(card);
    expect(await ids(ends - 1000)).toContain(card);
  });

  it('refuses a tampered cursor', async () => {
    await expect(searchCatalog(use().db, { locale: 'en', cursor: 'bm9wZQ' })).rejects.toMatchObject({ code: 'catalog.invalid_cursor' });
  });

  // Each API process keeps its own in-memory index; both must answer from the same committed state.
  it.skipIf(kind !== 'postgres')('gives the same answers from two API processes, right after a change committed through either', async () => {
    const other = await openDatabase({ url: (use() as { url?: string }).url!, poolSize: 2 });
    const both = async (query: Parameters<typeof searchCatalog>[1]) => {
      const [a, b] = await Promise.all([searchCatalog(use().db, query), searchCatalog(other.db, query)]);
      expect(b).toEqual(a);
      return a;
    };
    try {
      const jackie = { q: 'jackie', locale: 'en' as const, currency: 'EUR' };
      expect((await both(jackie)).items[0]).toMatchObject({ productId: gucciBag, priceFromMinor: 310000 });
      await withTx(use().db, (tx) => setTakedown(tx, gucciBag, 'suspended'));
      expect((await both(jackie)).total).toBe(0);
      await withTx(other.db, (tx) => setTakedown(tx, gucciBag, null));
      const sku = (await use().db.execute(sql`select id from skus where product_id = ${gucciBag}`)).rows[0].id as string;
      await withTx(other.db, (tx) => setRetailPrice(tx, aurelia, sku, 'EUR', 299000));
      expect((await both(jackie)).items[0]).toMatchObject({ productId: gucciBag, priceFromMinor: 299000 });
      expect((await both({ locale: 'zh', category: 'moda', currency: 'EUR' })).facets).toEqual((await searchCatalog(use().db, { locale: 'zh', category: 'moda', currency: 'EUR' })).facets);
    } finally {
      await withTx(use().db, async (tx) => setRetailPrice(tx, aurelia, (await tx.execute(sql`select id from skus where product_id = ${gucciBag}`)).rows[0].id as string, 'EUR', 310000));
      await other.close();
    }
  });
});
