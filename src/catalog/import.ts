import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { type Tx, withTx } from '../db/tx.js';
import { mayListUnderBrand } from '../merchants/index.js';
import { brands } from '../merchants/schema.js';
import { isValidEan13, CATALOG_LOCALES } from './model.js';
import { categories, priceListItems, priceLists, priceTiers, productImages, productTranslations, products, skus, type CatalogLocale } from './schema.js';
import { refreshSearch } from './service.js';

/**
 * `mercato import catalog FILE.csv`: one row per SKU. Every row is validated; accepted rows are
 * upserted in batches (one transaction each) by merchant + product code and merchant + SKU
 * code, writing only what differs, so re-running the same file changes nothing.
 */
export const IMPORT_COLUMNS = ['product_code', 'sku_code', 'barcode', 'brand', 'category', 'status', 'title_es', 'title_it', 'title_en', 'title_zh', 'size', 'colour', 'currency', 'price_minor', 'image_url'] as const;

export interface ImportRow {
  productCode: string;
  skuCode: string;
  barcode: string | null;
  brandSlug: string | null;
  categorySlug: string | null;
  status: 'draft' | 'active' | 'archived';
  titles: Partial<Record<CatalogLocale, string>>;
  attributes: Record<string, string>;
  price: { currency: string; amountMinor: number } | null;
  imageUrl: string | null;
}

export interface RejectedRow { line: number; skuCode: string; reasons: string[] }

export interface ImportReport {
  rows: number;
  accepted: number;
  rejected: RejectedRow[];
  productsInserted: number;
  productsUpdated: number;
  skusInserted: number;
  skusUpdated: number;
  pricesChanged: number;
  unchangedRows: number;
  seconds: number;
}

const CODE = /^[A-Za-z0-9._/-]{1,64}$/;

/** Checks one CSV record; the reasons say what to fix. Lookups (brand, category) come later. */
export function validateImportRow(record: Record<string, string | undefined>): { row: ImportRow } | { reasons: string[] } {
  const get = (k: string) => (record[k] ?? '').trim();
  const reasons: string[] = [];
  const productCode = get('product_code');
  const skuCode = get('sku_code');
  if (!CODE.test(productCode)) reasons.push('product_code is missing or has characters other than letters, digits and . _ / -');
  if (!CODE.test(skuCode)) reasons.push('sku_code is missing or has characters other than letters, digits and . _ / -');
  const barcode = get('barcode') || null;
  if (barcode && !isValidEan13(barcode)) reasons.push(`barcode ${barcode} is not a valid EAN-13`);
  const status = (get('status') || 'active') as ImportRow['status'];
  if (!['draft', 'active', 'archived'].includes(status)) reasons.push(`status ${status} is not draft, active or archived`);
  const titles: ImportRow['titles'] = {};
  for (const locale of CATALOG_LOCALES) {
    const title = get(`title_${locale}`);
    if (title.length > 300) reasons.push(`title_${locale} is longer than 300 characters`);
    else if (title) titles[locale] = title;
  }
  if (!Object.keys(titles).length) reasons.push('at least one of title_es, title_it, title_en, title_zh is needed');
  const currency = get('currency');
  const priceText = get('price_minor');
  let price: ImportRow['price'] = null;
  if (currency || priceText) {
    if (!/^[A-Z]{3}$/.test(currency)) reasons.push('currency must be an ISO 4217 code such as EUR');
    if (!/^[0-9]{1,15}$/.test(priceText)) reasons.push('price_minor must be a whole number of minor units (e.g. 12900 for 129.00)');
    else price = { currency, amountMinor: Number(priceText) };
  }
  const imageUrl = get('image_url') || null;
  if (imageUrl && !/^https?:\/\/\S+$/.test(imageUrl)) reasons.push('image_url must be an http(s) URL');
  const attributes: Record<string, string> = {};
  if (get('size')) attributes.size = get('size');
  if (get('colour')) attributes.colour = get('colour');
  if (reasons.length) return { reasons };
  return { row: { productCode, skuCode, barcode, brandSlug: get('brand') || null, categorySlug: get('category') || null, status, titles, attributes, price, imageUrl } };
}

export interface ImportOptions {
  merchantId: string;
  batchSize?: number;
  /** Called after each committed batch with the rows read so far. */
  onProgress?: (rowsRead: number) => void;
}

export async function importCatalogFile(db: Db, path: string, options: ImportOptions): Promise<ImportReport> {
  return importCatalogStream(db, createReadStream(path), options);
}

export async function importCatalogStream(db: Db, input: NodeJS.ReadableStream, options: ImportOptions): Promise<ImportReport> {
  const started = performance.now();
  const batchSize = options.batchSize ?? 1000;
  const report: ImportReport = { rows: 0, accepted: 0, rejected: [], productsInserted: 0, productsUpdated: 0, skusInserted: 0, skusUpdated: 0, pricesChanged: 0, unchangedRows: 0, seconds: 0 };
  const lookups = new Lookups(db, options.merchantId);
  const seenSkus = new Set<string>();
  let batch: ImportRow[] = [];
  let batches = 0;
  const flush = async () => {
    if (!batch.length) return;
    const rows = batch;
    batch = [];
    const changed = await withTx(db, (tx) => writeBatch(tx, options.merchantId, rows, lookups, report));
    report.unchangedRows += rows.length - changed;
    // A bulk load outgrows the planner's statistics long before autovacuum notices; stale
    // ones make the per-product lookups scan whole tables. Refresh them as the data doubles.
    batches++;
    if ((batches & (batches - 1)) === 0) await db.execute(sql`analyze products, skus, product_translations, price_list_items, price_tiers, product_search`);
    options.onProgress?.(report.rows);
  };
  const parser = input.pipe(parse({ columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()), bom: true, skip_empty_lines: true, relax_column_count: true, trim: false }));
  for await (const record of parser as AsyncIterable<Record<string, string>>) {
    report.rows++;
    const line = report.rows + 1; // the header is line 1
    const checked = validateImportRow(record);
    if ('reasons' in checked) { report.rejected.push({ line, skuCode: (record.sku_code ?? '').trim(), reasons: checked.reasons }); continue; }
    const reasons = await lookups.problems(checked.row);
    if (seenSkus.has(checked.row.skuCode)) reasons.push(`sku_code ${checked.row.skuCode} appears earlier in the file`);
    if (reasons.length) { report.rejected.push({ line, skuCode: checked.row.skuCode, reasons }); continue; }
    seenSkus.add(checked.row.skuCode);
    report.accepted++;
    batch.push(checked.row);
    if (batch.length >= batchSize) await flush();
  }
  await flush();
  report.seconds = Math.round((performance.now() - started) / 10) / 100;
  return report;
}

/** Brand and category slugs resolved once per file, with the merchant's right to each brand. */
class Lookups {
  private brandIds = new Map<string, string | null>();
  private categoryIds = new Map<string, string | null>();
  private allowed = new Map<string, boolean>();
  constructor(private db: Db, private merchantId: string) {}

  async brand(slug: string): Promise<string | null> {
    if (!this.brandIds.has(slug)) {
      const [row] = await this.db.select({ id: brands.id }).from(brands).where(eq(brands.slug, slug));
      this.brandIds.set(slug, row?.id ?? null);
      if (row) this.allowed.set(slug, await mayListUnderBrand(this.db, this.merchantId, row.id));
    }
    return this.brandIds.get(slug) ?? null;
  }

  async category(slug: string): Promise<string | null> {
    if (!this.categoryIds.has(slug)) {
      const [row] = await this.db.select({ id: categories.id }).from(categories).where(eq(categories.slug, slug));
      this.categoryIds.set(slug, row?.id ?? null);
    }
    return this.categoryIds.get(slug) ?? null;
  }

  async problems(row: ImportRow): Promise<string[]> {
    const reasons: string[] = [];
    if (row.brandSlug) {
      if (!(await this.brand(row.brandSlug))) reasons.push(`brand ${row.brandSlug} is not registered`);
      else if (!this.allowed.get(row.brandSlug)) reasons.push(`the merchant is neither the owner of brand ${row.brandSlug} nor authorised by it`);
    }
    if (row.categorySlug && !(await this.category(row.categorySlug))) reasons.push(`category ${row.categorySlug} does not exist`);
    return reasons;
  }

  brandId(slug: string | null) { return slug ? this.brandIds.get(slug) ?? null : null; }
  categoryId(slug: string | null) { return slug ? this.categoryIds.get(slug) ?? null : null; }
}

/** Upserts one batch; returns how many rows changed anything. */
async function writeBatch(tx: Tx, merchantId: string, rows: ImportRow[], lookups: Lookups, report: ImportReport): Promise<number> {
  const byProduct = new Map<string, ImportRow>();
  for (const row of rows) if (!byProduct.has(row.productCode)) byProduct.set(row.productCode, row);
  const productValues = [...byProduct.values()].map((r) => ({ merchantId, productCode: r.productCode, brandId: lookups.brandId(r.brandSlug), categoryId: lookups.categoryId(r.categorySlug), status: r.status }));
  const changedProducts = new Set<string>();
  const upserted = await tx.insert(products).values(productValues).onConflictDoUpdate({
    target: [products.merchantId, products.productCode],
    set: { brandId: sql`excluded.brand_id`, categoryId: sql`excluded.category_id`, status: sql`excluded.status`, updatedAt: sql`now()` },
    setWhere: sql`(${products.brandId}, ${products.categoryId}, ${products.status}) is distinct from (excluded.brand_id, excluded.category_id, excluded.status)`,
  }).returning({ id: products.id, code: products.productCode, inserted: sql<boolean>`(xmax = 0)` });
  for (const p of upserted) { changedProducts.add(p.id); if (p.inserted) report.productsInserted++; else report.productsUpdated++; }
  const changedProductData = new Set<string>();
  const ids = await tx.select({ id: products.id, code: products.productCode }).from(products)
    .where(and(eq(products.merchantId, merchantId), inArray(products.productCode, [...byProduct.keys()])));
  const productId = new Map(ids.map((p) => [p.code, p.id]));

  const translations = [...byProduct.values()].flatMap((r) => Object.entries(r.titles).map(([locale, title]) => ({ productId: productId.get(r.productCode)!, locale: locale as CatalogLocale, title })));
  if (translations.length) {
    const changed = await tx.insert(productTranslations).values(translations).onConflictDoUpdate({
      target: [productTranslations.productId, productTranslations.locale], set: { title: sql`excluded.title` },
      setWhere: sql`${productTranslations.title} is distinct from excluded.title`,
    }).returning({ productId: productTranslations.productId });
    for (const t of changed) changedProducts.add(t.productId);
  }
  for (const id of changedProducts) changedProductData.add(id);
  const images = [...byProduct.values()].filter((r) => r.imageUrl).map((r) => ({ productId: productId.get(r.productCode)!, url: r.imageUrl!, position: 0 }));
  if (images.length) {
    await tx.insert(productImages).values(images).onConflictDoUpdate({
      target: [productImages.productId, productImages.position], set: { url: sql`excluded.url` }, setWhere: sql`${productImages.url} is distinct from excluded.url`,
    });
  }

  const changedRows = new Set<string>();
  const skuRows = await tx.insert(skus).values(rows.map((r) => ({ merchantId, productId: productId.get(r.productCode)!, skuCode: r.skuCode, barcode: r.barcode, attributes: r.attributes }))).onConflictDoUpdate({
    target: [skus.merchantId, skus.skuCode],
    set: { productId: sql`excluded.product_id`, barcode: sql`excluded.barcode`, attributes: sql`excluded.attributes` },
    setWhere: sql`(${skus.productId}, ${skus.barcode}, ${skus.attributes}) is distinct from (excluded.product_id, excluded.barcode, excluded.attributes)`,
  }).returning({ id: skus.id, code: skus.skuCode, productId: skus.productId, inserted: sql<boolean>`(xmax = 0)` });
  for (const s of skuRows) { changedRows.add(s.code); changedProducts.add(s.productId); if (s.inserted) report.skusInserted++; else report.skusUpdated++; }

  const priced = rows.filter((r) => r.price);
  if (priced.length) {
    const currencies = [...new Set(priced.map((r) => r.price!.currency))];
    await tx.insert(priceLists).values(currencies.map((c) => ({ merchantId, code: `retail-${c.toLowerCase()}`, name: `Retail ${c}`, kind: 'retail' as const, currency: c }))).onConflictDoNothing();
    const lists = await tx.select({ id: priceLists.id, currency: priceLists.currency }).from(priceLists)
      .where(and(eq(priceLists.merchantId, merchantId), eq(priceLists.kind, 'retail'), inArray(priceLists.currency, currencies)));
    const listOf = new Map(lists.map((l) => [l.currency, l.id]));
    const skuIds = await tx.select({ id: skus.id, code: skus.skuCode }).from(skus).where(and(eq(skus.merchantId, merchantId), inArray(skus.skuCode, priced.map((r) => r.skuCode))));
    const skuId = new Map(skuIds.map((s) => [s.code, s.id]));
    const items = priced.map((r) => ({ priceListId: listOf.get(r.price!.currency)!, skuId: skuId.get(r.skuCode)!, moq: 1 }));
    await tx.insert(priceListItems).values(items).onConflictDoNothing();
    const changed = await tx.insert(priceTiers).values(priced.map((r, i) => ({ ...items[i], minQuantity: 1, unitAmountMinor: r.price!.amountMinor })).map(({ moq: _moq, ...t }) => t)).onConflictDoUpdate({
      target: [priceTiers.priceListId, priceTiers.skuId, priceTiers.minQuantity], set: { unitAmountMinor: sql`excluded.unit_amount_minor` },
      setWhere: sql`${priceTiers.unitAmountMinor} <> excluded.unit_amount_minor`,
    }).returning({ skuId: priceTiers.skuId });
    report.pricesChanged += changed.length;
    const codeOf = new Map(skuIds.map((s) => [s.id, s.code]));
    for (const c of changed) changedRows.add(codeOf.get(c.skuId)!);
    if (changed.length) {
      const owners = await tx.select({ productId: skus.productId }).from(skus).where(inArray(skus.id, changed.map((c) => c.skuId)));
      for (const o of owners) changedProducts.add(o.productId);
    }
  }
  if (changedProducts.size) await refreshSearch(tx, [...changedProducts]);
  // A row counts as changed when its SKU, its price, or its product's own data changed.
  const changedProductCodes = new Set(ids.filter((p) => changedProductData.has(p.id)).map((p) => p.code));
  return rows.filter((r) => changedRows.has(r.skuCode) || changedProductCodes.has(r.productCode)).length;
}
