import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { type Tx, withTx } from '../db/tx.js';
import { mayListUnderBrand, brandIdBySlug } from '../merchants/index.js';
import { isValidEan13, CATALOG_LOCALES } from './model.js';
import { categories, type CatalogLocale } from './schema.js';
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
  const batchSize = options.batchSize ?? 5000;
  const report: ImportReport = { rows: 0, accepted: 0, rejected: [], productsInserted: 0, productsUpdated: 0, skusInserted: 0, skusUpdated: 0, pricesChanged: 0, unchangedRows: 0, seconds: 0 };
  const lookups = new Lookups(db, options.merchantId);
  const seenSkus = new Set<string>();
  let batch: ImportRow[] = [];
  let batches = 0;
  // Two batches in flight: the next one is parsed and validated while the database writes the
  // last, and two transactions keep both of PostgreSQL's cores busy. A deadlock between them
  // (rows of one product on both sides of a batch boundary) is retried by withTx.
  const writing: Array<Promise<void>> = [];
  const flush = async () => {
    if (!batch.length) return;
    const rows = batch;
    batch = [];
    batches++;
    // A bulk load outgrows the planner's statistics long before autovacuum notices; stale
    // ones make the per-product lookups scan whole tables. Refresh them as the data doubles.
    const analyze = (batches & (batches - 1)) === 0;
    const written = withTx(db, (tx) => writeBatch(tx, options.merchantId, rows, lookups, analyze)).then((counts) => {
      report.productsInserted += counts.productsInserted;
      report.productsUpdated += counts.productsUpdated;
      report.skusInserted += counts.skusInserted;
      report.skusUpdated += counts.skusUpdated;
      report.pricesChanged += counts.pricesChanged;
      report.unchangedRows += rows.length - counts.changedRows;
      options.onProgress?.(report.rows);
    });
    written.catch(() => {}); // awaited below; a failure surfaces there, not as an unhandled rejection
    writing.push(written);
    if (writing.length >= 2) await writing.shift();
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
  await Promise.all(writing);
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
      const brandId = await brandIdBySlug(this.db, slug);
      this.brandIds.set(slug, brandId);
      if (brandId) this.allowed.set(slug, await mayListUnderBrand(this.db, this.merchantId, brandId));
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

/**
 * Upserts one batch with set-based statements over a staging table (the batch arrives as one
 * JSON parameter): products, translations, images, SKUs, retail lists, list items and tiers,
 * each one statement that writes only rows that differ. Returns what it inserted and updated,
 * and how many rows changed anything.
 */
type BatchCounts = Pick<ImportReport, 'productsInserted' | 'productsUpdated' | 'skusInserted' | 'skusUpdated' | 'pricesChanged'> & { changedRows: number };

async function writeBatch(tx: Tx, merchantId: string, rows: ImportRow[], lookups: Lookups, analyze: boolean): Promise<BatchCounts> {
  const report = { productsInserted: 0, productsUpdated: 0, skusInserted: 0, skusUpdated: 0, pricesChanged: 0 };
  const staged = rows.map((r, i) => ({
    i, product_code: r.productCode, sku_code: r.skuCode, barcode: r.barcode, brand_id: lookups.brandId(r.brandSlug), category_id: lookups.categoryId(r.categorySlug),
    status: r.status, title_es: r.titles.es ?? null, title_it: r.titles.it ?? null, title_en: r.titles.en ?? null, title_zh: r.titles.zh ?? null,
    attributes: r.attributes, currency: r.price?.currency ?? null, amount_minor: r.price?.amountMinor ?? null, image_url: r.imageUrl,
  }));
  await tx.execute(sql`create temp table catalog_import_rows on commit drop as
    select * from jsonb_to_recordset(${JSON.stringify(staged)}::jsonb) as x(i int, product_code text, sku_code text, barcode text, brand_id uuid, category_id uuid,
      status text, title_es text, title_it text, title_en text, title_zh text, attributes jsonb, currency text, amount_minor bigint, image_url text)`);
  // A product's own columns come from its first row in the batch.
  const firstRows = sql`(select distinct on (product_code) * from catalog_import_rows order by product_code, i)`;

  const changedProducts = new Set<string>();
  const changedProductCodes = new Set<string>();
  const { rows: upserted } = await tx.execute(sql`
    insert into products (merchant_id, product_code, brand_id, category_id, status)
    select ${merchantId}, r.product_code, r.brand_id, r.category_id, r.status from ${firstRows} r
    on conflict (merchant_id, product_code) do update set brand_id = excluded.brand_id, category_id = excluded.category_id, status = excluded.status, updated_at = now()
      where (products.brand_id, products.category_id, products.status) is distinct from (excluded.brand_id, excluded.category_id, excluded.status)
    returning id, product_code, (xmax = 0) as inserted`);
  for (const p of upserted) {
    changedProducts.add(String(p.id));
    changedProductCodes.add(String(p.product_code));
    if (p.inserted === true || p.inserted === 't') report.productsInserted++; else report.productsUpdated++;
  }
  const productOf = sql`join products p on p.merchant_id = ${merchantId} and p.product_code = r.product_code`;

  const { rows: retitled } = await tx.execute(sql`
    with changed as (
      insert into product_translations (product_id, locale, title)
      select p.id, t.locale, t.title from ${firstRows} r ${productOf}
      cross join lateral (values ('es', r.title_es), ('it', r.title_it), ('en', r.title_en), ('zh', r.title_zh)) as t(locale, title)
      where t.title is not null
      on conflict (product_id, locale) do update set title = excluded.title where product_translations.title is distinct from excluded.title
      returning product_id)
    select distinct c.product_id, p.product_code from changed c join products p on p.id = c.product_id`);
  for (const t of retitled) { changedProducts.add(String(t.product_id)); changedProductCodes.add(String(t.product_code)); }

  await tx.execute(sql`
    insert into product_images (product_id, url, position)
    select p.id, r.image_url, 0 from ${firstRows} r ${productOf} where r.image_url is not null
    on conflict (product_id, position) do update set url = excluded.url where product_images.url is distinct from excluded.url`);

  const changedSkuCodes = new Set<string>();
  const { rows: skuRows } = await tx.execute(sql`
    insert into skus (merchant_id, product_id, sku_code, barcode, attributes)
    select ${merchantId}, p.id, r.sku_code, r.barcode, r.attributes from catalog_import_rows r ${productOf}
    on conflict (merchant_id, sku_code) do update set product_id = excluded.product_id, barcode = excluded.barcode, attributes = excluded.attributes
      where (skus.product_id, skus.barcode, skus.attributes) is distinct from (excluded.product_id, excluded.barcode, excluded.attributes)
    returning sku_code, product_id, (xmax = 0) as inserted`);
  for (const s of skuRows) {
    changedSkuCodes.add(String(s.sku_code));
    changedProducts.add(String(s.product_id));
    if (s.inserted === true || s.inserted === 't') report.skusInserted++; else report.skusUpdated++;
  }

  if (rows.some((r) => r.price)) {
    await tx.execute(sql`
      insert into price_lists (merchant_id, code, name, kind, currency)
      select distinct ${merchantId}::uuid, 'retail-' || lower(r.currency), 'Retail ' || r.currency, 'retail', r.currency from catalog_import_rows r where r.currency is not null
      on conflict do nothing`);
    const pricedSkus = sql`catalog_import_rows r
      join skus s on s.merchant_id = ${merchantId} and s.sku_code = r.sku_code
      join price_lists pl on pl.merchant_id = ${merchantId} and pl.kind = 'retail' and pl.currency = r.currency`;
    await tx.execute(sql`insert into price_list_items (price_list_id, sku_id, moq) select pl.id, s.id, 1 from ${pricedSkus} on conflict do nothing`);
    const { rows: repriced } = await tx.execute(sql`
      with changed as (
        insert into price_tiers (price_list_id, sku_id, min_quantity, unit_amount_minor)
        select pl.id, s.id, 1, r.amount_minor from ${pricedSkus}
        on conflict (price_list_id, sku_id, min_quantity) do update set unit_amount_minor = excluded.unit_amount_minor
          where price_tiers.unit_amount_minor <> excluded.unit_amount_minor
        returning sku_id)
      select s.sku_code, s.product_id from changed c join skus s on s.id = c.sku_id`);
    report.pricesChanged += repriced.length;
    for (const s of repriced) { changedSkuCodes.add(String(s.sku_code)); changedProducts.add(String(s.product_id)); }
  }
  // ANALYZE counts this transaction's own new rows, so the search documents are built with
  // plans that know how large the tables have just grown.
  if (analyze) await tx.execute(sql`analyze products, skus, product_translations, price_list_items, price_tiers`);
  if (changedProducts.size) await refreshSearch(tx, [...changedProducts]);
  // A row counts as changed when its SKU, its price, or its product's own data changed.
  return { ...report, changedRows: rows.filter((r) => changedSkuCodes.has(r.skuCode) || changedProductCodes.has(r.productCode)).length };
}
