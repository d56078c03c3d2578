import { Type } from '@sinclair/typebox';
import type { RoutesPlugin } from '../http/context.js';
import { OPTIONAL_AUTH, PUBLIC, allow, principalOf } from '../http/auth.js';
import { CurrencyCode, IdParam, Locale, MAX_QUANTITY, MinorAmount, Strict, Timestamp, Uuid, problems } from '../http/schemas.js';
import { DomainError } from '../http/problem.js';
import { withTx } from '../db/tx.js';
import {
  assignBuyer, createCategory, createPriceList, createProduct, getProduct, listCategories, listItems, listPriceLists, listProducts, priceLines,
  setListPrice, setRetailPrice, skuByBarcode, updateProduct,
} from './service.js';
import { searchCatalog } from './search-service.js';
import type { CatalogLocale } from './schema.js';

const Slug = Type.String({ pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', maxLength: 80 });
const Code = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9._/-]+$' });
const Open = (properties: Record<string, any>, id?: string) => Type.Object(properties, { additionalProperties: true, ...(id ? { $id: id } : {}) });
const Translation = Strict({ title: Type.String({ minLength: 1, maxLength: 300 }), description: Type.Optional(Type.String({ maxLength: 10_000 })) });
const Translations = Strict({ es: Type.Optional(Translation), it: Type.Optional(Translation), en: Type.Optional(Translation), zh: Type.Optional(Translation) });
const SkuBody = Strict({
  skuCode: Code, barcode: Type.Optional(Type.Union([Type.String({ pattern: '^[0-9]{13}$', description: 'EAN-13 (check digit verified)' }), Type.Null()])),
  attributes: Type.Optional(Type.Record(Type.String({ maxLength: 40 }), Type.String({ maxLength: 200 }), { maxProperties: 20 })), weightGrams: Type.Optional(Type.Integer({ minimum: 0, maximum: MAX_QUANTITY })),
});
const Image = Strict({ url: Type.String({ pattern: '^https?://', maxLength: 2000 }), alt: Type.Optional(Type.String({ maxLength: 300 })) });
const Status = Type.Union([Type.Literal('draft'), Type.Literal('active'), Type.Literal('archived')]);
const Tier = Strict({ minQuantity: Type.Integer({ minimum: 1, maximum: MAX_QUANTITY }), unitAmountMinor: MinorAmount() });
const Product = Open({ id: Uuid, merchantId: Uuid, productCode: Type.String(), status: Type.String(), listed: Type.Boolean(), createdAt: Timestamp, updatedAt: Timestamp, skus: Type.Array(Open({ id: Uuid, skuCode: Type.String() })) }, 'Product');
const PriceList = Open({ id: Uuid, merchantId: Uuid, code: Type.String(), name: Type.String(), kind: Type.String(), currency: Type.String() }, 'PriceList');
const Facet = Type.Object({ slug: Type.String(), count: Type.Integer() }, { additionalProperties: true });

export const catalogRoutes: RoutesPlugin = (app, { database }) => {
  const { db } = database;
  app.addSchema(Product);
  app.addSchema(PriceList);
  const tags = ['catalog'];
  const security = [{ bearer: [] }];
  const MerchantParam = IdParam('merchantId');
  const MerchantProduct = Strict({ merchantId: Uuid, productId: Uuid });

  app.get('/v1/search', {
    config: { access: PUBLIC },
    schema: { operationId: 'searchProducts', tags: ['search'], summary: 'Search listed products (full text per language, Chinese substrings, typo tolerant) with facets',
      querystring: Strict({
        q: Type.Optional(Type.String({ maxLength: 200 })), locale: Type.Optional(Locale), brand: Type.Optional(Slug), category: Type.Optional(Slug), pavilion: Type.Optional(Slug),
        currency: Type.Optional(CurrencyCode), min_price: Type.Optional(MinorAmount({ description: 'minor units of `currency`' })), max_price: Type.Optional(MinorAmount({ description: 'minor units of `currency`' })),
        sort: Type.Optional(Type.Union([Type.Literal('relevance'), Type.Literal('newest'), Type.Literal('price_asc'), Type.Literal('price_desc')])),
        cursor: Type.Optional(Type.String({ maxLength: 500 })), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
      }),
      response: { 200: Type.Object({
        items: Type.Array(Open({ productId: Uuid, title: Type.Union([Type.String(), Type.Null()]), priceFromMinor: Type.Union([Type.Integer(), Type.Null()]), currency: Type.String(), score: Type.Number() })),
        nextCursor: Type.Union([Type.String(), Type.Null()]), total: Type.Integer(),
        facets: Type.Object({ brands: Type.Array(Facet), categories: Type.Array(Facet), priceBands: Type.Array(Type.Object({ fromMinor: Type.Integer(), toMinor: Type.Union([Type.Integer(), Type.Null()]), count: Type.Integer() })) }),
      }), ...problems(400) } },
  }, async (request) => {
    const q = request.query;
    return searchCatalog(db, { q: q.q, locale: (q.locale ?? 'en') as CatalogLocale, brand: q.brand, category: q.category, pavilion: q.pavilion, currency: q.currency, minPrice: q.min_price, maxPrice: q.max_price, sort: q.sort, cursor: q.cursor, limit: q.limit });
  });

  app.get('/v1/categories', {
    config: { access: PUBLIC },
    schema: { operationId: 'listCategories', tags, summary: 'The category tree (flat, with parent ids)', response: { 200: Type.Object({ items: Type.Array(Open({ id: Uuid, slug: Type.String(), parentId: Type.Union([Uuid, Type.Null()]) })) }) } },
  }, async () => ({ items: await listCategories(db) }));

  app.post('/v1/categories', {
    config: { access: allow('operator') },
    schema: { operationId: 'createCategory', tags, security, summary: 'Add a category (operator)', body: Strict({ slug: Slug, name: Strict({ es: Type.Optional(Type.String()), it: Type.Optional(Type.String()), en: Type.Optional(Type.String()), zh: Type.Optional(Type.String()) }), parentId: Type.Optional(Uuid) }), response: { 201: Open({ id: Uuid, slug: Type.String() }), ...problems(400, 401, 403, 404, 409) } },
  }, async (request, reply) => reply.status(201).send(await withTx(db, (tx) => createCategory(tx, request.body))));

  app.get('/v1/products/:productId', {
    config: { access: PUBLIC },
    schema: { operationId: 'getProduct', tags, summary: 'A listed product as shoppers see it', params: IdParam('productId'), response: { 200: Type.Ref('Product'), ...problems(404) } },
  }, async (request) => {
    const product = await getProduct(db, request.params.productId);
    // A suspended, unauthorised or draft listing answers like a missing one.
    if (!product.listed) throw new DomainError('catalog.product_not_found', `No product ${request.params.productId}`);
    return product;
  });

  app.post('/v1/merchants/:merchantId/products', {
    config: { access: allow('merchant', 'operator').forMerchantParam('merchantId') },
    schema: { operationId: 'createProduct', tags, security, summary: 'Create a product with its SKUs, translations and images', params: MerchantParam,
      body: Strict({ productCode: Code, brandId: Type.Optional(Type.Union([Uuid, Type.Null()])), categoryId: Type.Optional(Type.Union([Uuid, Type.Null()])), status: Type.Optional(Status), translations: Translations, images: Type.Optional(Type.Array(Image, { maxItems: 20 })), skus: Type.Array(SkuBody, { minItems: 1, maxItems: 200 }) }),
      response: { 201: Type.Ref('Product'), ...problems(400, 401, 403, 404, 409, 422) } },
  }, async (request, reply) => reply.status(201).send(await withTx(db, (tx) => createProduct(tx, request.params.merchantId, request.body))));

  app.get('/v1/merchants/:merchantId/products', {
    config: { access: allow('merchant', 'operator').forMerchantParam('merchantId') },
    schema: { operationId: 'listMerchantProducts', tags, security, summary: 'The merchant\'s catalogue, most recently changed first', params: MerchantParam, querystring: Strict({ locale: Type.Optional(Locale), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })) }),
      response: { 200: Type.Object({ items: Type.Array(Open({ id: Uuid, productCode: Type.String(), title: Type.Union([Type.String(), Type.Null()]), status: Type.String(), listed: Type.Boolean(), skuCount: Type.Integer() })) }), ...problems(401, 403, 404) } },
  }, async (request) => ({ items: await listProducts(db, request.params.merchantId, { locale: request.query.locale as CatalogLocale | undefined, limit: request.query.limit }) }));

  app.get('/v1/merchants/:merchantId/products/:productId', {
    config: { access: allow('merchant', 'operator').forMerchantParam('merchantId') },
    schema: { operationId: 'getMerchantProduct', tags, security, summary: 'One of the merchant\'s products', params: MerchantProduct, response: { 200: Type.Ref('Product'), ...problems(401, 403, 404) } },
  }, async (request) => getProduct(db, request.params.productId, request.params.merchantId));

  app.patch('/v1/merchants/:merchantId/products/:productId', {
    config: { access: allow('merchant', 'operator').forMerchantParam('merchantId') },
    schema: { operationId: 'updateProduct', tags, security, summary: 'Change a product; SKUs are upserted by code', params: MerchantProduct,
      body: Strict({ brandId: Type.Optional(Type.Union([Uuid, Type.Null()])), categoryId: Type.Optional(Type.Union([Uuid, Type.Null()])), status: Type.Optional(Status), translations: Type.Optional(Translations), images: Type.Optional(Type.Array(Image, { maxItems: 20 })), skus: Type.Optional(Type.Array(SkuBody, { maxItems: 200 })) }, { minProperties: 1 }),
      response: { 200: Type.Ref('Product'), ...problems(400, 401, 403, 404, 409, 422) } },
  }, async (request) => withTx(db, (tx) => updateProduct(tx, request.params.merchantId, request.params.productId, request.body)));

  // --- prices ----------------------------------------------------------------------------------
  const ptags = ['prices'];
  app.put('/v1/merchants/:merchantId/skus/:skuId/retail-prices/:currency', {
    config: { access: allow('merchant', 'operator').forMerchantParam('merchantId') },
    schema: { operationId: 'setRetailPrice', tags: ptags, security, summary: 'Set a SKU\'s retail unit price in a currency', params: Strict({ merchantId: Uuid, skuId: Uuid, currency: CurrencyCode }), body: Strict({ amountMinor: MinorAmount() }), response: { 204: Type.Null(), ...problems(400, 401, 403, 404) } },
  }, async (request, reply) => {
    await withTx(db, (tx) => setRetailPrice(tx, request.params.merchantId, request.params.skuId, request.params.currency, request.body.amountMinor));
    return reply.status(204).send(null);
  });

  app.get('/v1/merchants/:merchantId/price-lists', {
    config: { access: allow('merchant', 'operator').forMerchantParam('merchantId') },
    schema: { operationId: 'listPriceLists', tags: ptags, security, summary: 'The merchant\'s price lists', params: MerchantParam, response: { 200: Type.Object({ items: Type.Array(Type.Ref('PriceList')) }), ...problems(401, 403, 404) } },
  }, async (request) => ({ items: await listPriceLists(db, request.params.merchantId) }));

  app.post('/v1/merchants/:merchantId/price-lists', {
    config: { access: allow('merchant', 'operator').forMerchantParam('merchantId') },
    schema: { operationId: 'createPriceList', tags: ptags, security, summary: 'Create a retail or wholesale (B2B) price list', params: MerchantParam,
      body: Strict({ code: Slug, name: Type.String({ minLength: 1, maxLength: 200 }), kind: Type.Union([Type.Literal('retail'), Type.Literal('wholesale')]), currency: CurrencyCode }), response: { 201: Type.Ref('PriceList'), ...problems(400, 401, 403, 404, 409) } },
  }, async (request, reply) => reply.status(201).send(await withTx(db, (tx) => createPriceList(tx, request.params.merchantId, request.body))));

  app.get('/v1/merchants/:merchantId/price-lists/:priceListId/items', {
    config: { access: allow('merchant', 'operator').forMerchantParam('merchantId') },
    schema: { operationId: 'listPriceListItems', tags: ptags, security, summary: 'SKUs on a list with MOQ and tiers', params: Strict({ merchantId: Uuid, priceListId: Uuid }), response: { 200: Type.Object({ items: Type.Array(Type.Object({ skuId: Uuid, moq: Type.Integer(), tiers: Type.Array(Tier) })) }), ...problems(401, 403, 404) } },
  }, async (request) => ({ items: await listItems(db, request.params.merchantId, request.params.priceListId) }));

  app.put('/v1/merchants/:merchantId/price-lists/:priceListId/items/:skuId', {
    config: { access: allow('merchant', 'operator').forMerchantParam('merchantId') },
    schema: { operationId: 'setPriceListItem', tags: ptags, security, summary: 'Put a SKU on a list: MOQ and quantity tiers (the first tier starts at the MOQ)', params: Strict({ merchantId: Uuid, priceListId: Uuid, skuId: Uuid }),
      body: Strict({ moq: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_QUANTITY })), tiers: Type.Array(Tier, { minItems: 1, maxItems: 20 }) }), response: { 204: Type.Null(), ...problems(400, 401, 403, 404, 422) } },
  }, async (request, reply) => {
    await withTx(db, (tx) => setListPrice(tx, request.params.merchantId, request.params.priceListId, { skuId: request.params.skuId, ...request.body }));
    return reply.status(204).send(null);
  });

  app.post('/v1/merchants/:merchantId/price-lists/:priceListId/buyers', {
    config: { access: allow('merchant', 'operator').forMerchantParam('merchantId') },
    schema: { operationId: 'assignPriceListBuyer', tags: ptags, security, summary: 'Assign a business buyer (account) to a wholesale list', params: Strict({ merchantId: Uuid, priceListId: Uuid }), body: Strict({ accountId: Uuid }), response: { 204: Type.Null(), ...problems(400, 401, 403, 404) } },
  }, async (request, reply) => {
    await withTx(db, (tx) => assignBuyer(tx, request.params.merchantId, request.params.priceListId, request.body.accountId));
    return reply.status(204).send(null);
  });

  app.post('/v1/price-quotes', {
    config: { access: OPTIONAL_AUTH },
    schema: { operationId: 'quotePrices', tags: ptags, summary: 'Price lines for the caller: retail, or the business buyer\'s wholesale tiers (MOQ enforced)',
      body: Strict({
        currency: CurrencyCode, lines: Type.Array(Strict({ skuId: Uuid, quantity: Type.Integer({ minimum: 1, maximum: 1_000_000 }) }), { minItems: 1, maxItems: 200 }),
        raiseToMinimum: Type.Optional(Type.Boolean({ description: 'Price a line below its minimum order quantity at that minimum instead of refusing it (a product page showing a business buyer\'s price)' })),
      }),
      response: { 200: Type.Object({ lines: Type.Array(Open({ skuId: Uuid, quantity: Type.Integer({ description: 'As asked, or raised to the minimum order quantity' }), unitAmountMinor: Type.Integer(), lineAmountMinor: Type.Integer(), currency: Type.String(), priceListKind: Type.String() })), totalMinor: Type.Integer() }), ...problems(400, 422) } },
  }, async (request) => {
    const { raiseToMinimum, ...quote } = request.body;
    const wanted = quote.lines.map((l) => ({ ...l }));
    // Each refusal names one line's minimum; raise it and ask again (at most once per line).
    for (let attempt = 0; ; attempt++) {
      try {
        const lines = await priceLines(db, { ...quote, lines: wanted, accountId: request.principal?.accountId ?? null });
        return { lines, totalMinor: lines.reduce((sum, l) => sum + l.lineAmountMinor, 0) };
      } catch (error) {
        const details = error instanceof DomainError && error.code === 'catalog.below_moq' ? (error.extensions as { skuId?: string; moq?: number }) : null;
        const line = details && wanted.find((l) => l.skuId === details.skuId);
        if (!raiseToMinimum || !line || !details?.moq || attempt >= wanted.length) throw error;
        line.quantity = details.moq;
      }
    }
  });

  app.get('/v1/skus/by-barcode/:barcode', {
    config: { access: allow('associate', 'merchant', 'operator') },
    schema: { operationId: 'getSkuByBarcode', tags, security, summary: 'Find a SKU by its EAN-13 (till, receiving)', params: Strict({ barcode: Type.String({ pattern: '^[0-9]{13}$' }) }), response: { 200: Open({ id: Uuid, skuCode: Type.String(), productId: Uuid, listed: Type.Boolean() }), ...problems(401, 403, 404) } },
  }, async (request) => {
    const sku = await skuByBarcode(db, request.params.barcode);
    const principal = principalOf(request);
    if (!sku || (principal.role === 'merchant' && sku.merchantId !== principal.merchantId)) throw new DomainError('catalog.sku_not_found', `No SKU with barcode ${request.params.barcode}`);
    return sku;
  });
};
