import { sql } from 'drizzle-orm';
import type { Tx } from '../db/tx.js';

/**
 * Catalogue reads and writes for analytics and order-history imports: set-based, one statement
 * for any number of SKUs, so an import of half a million lines does not go SKU by SKU.
 */

/**
 * The merchant's SKUs by code; codes not in the catalogue become an archived product with one
 * SKU (history of goods no longer sold), so imported lines always point at a real SKU.
 */
export async function ensureSkusByCode(tx: Tx, merchantId: string, codes: string[]): Promise<{ ids: Map<string, string>; created: number }> {
  const unique = [...new Set(codes)];
  if (unique.length === 0) return { ids: new Map(), created: 0 };
  const payload = JSON.stringify(unique.map((code) => ({ code })));
  const { rows: created } = await tx.execute(sql`
    with wanted as (
      select w.code from jsonb_to_recordset(${payload}::jsonb) as w(code text)
      where not exists (select 1 from skus s where s.merchant_id = ${merchantId} and s.sku_code = w.code)
    ), new_products as (
      insert into products (merchant_id, product_code, status)
      select ${merchantId}, 'imported:' || code, 'archived' from wanted
      on conflict (merchant_id, product_code) do update set updated_at = products.updated_at
      returning id, substr(product_code, 10) as code
    )
    insert into skus (product_id, merchant_id, sku_code)
    select p.id, ${merchantId}, p.code from new_products p
    on conflict (merchant_id, sku_code) do nothing
    returning id`);
  const { rows } = await tx.execute(sql`
    select s.id, s.sku_code from skus s join jsonb_to_recordset(${payload}::jsonb) as w(code text) on w.code = s.sku_code
    where s.merchant_id = ${merchantId}`);
  return { ids: new Map(rows.map((r) => [String(r.sku_code), String(r.id)])), created: created.length };
}

export interface SkuFacts { skuId: string; productId: string; merchantId: string; categoryId: string | null }

/** Product, merchant and category of each SKU (unknown ids are left out). */
export async function skuFacts(tx: Tx, skuIds: string[]): Promise<SkuFacts[]> {
  const unique = [...new Set(skuIds)];
  if (unique.length === 0) return [];
  const { rows } = await tx.execute(sql`
    select s.id, s.product_id, s.merchant_id, p.category_id from skus s join products p on p.id = s.product_id
    where s.id in (select (w->>0)::uuid from jsonb_array_elements(${JSON.stringify(unique)}::jsonb) as w)`);
  return rows.map((r) => ({ skuId: String(r.id), productId: String(r.product_id), merchantId: String(r.merchant_id), categoryId: r.category_id ? String(r.category_id) : null }));
}

export interface SkuLabel { skuId: string; skuCode: string; productId: string; title: string | null; categoryId: string | null; categorySlug: string | null }

/** What to show for SKUs in reports and recommendations: code, English title (else any), category. */
export async function skuLabels(tx: Tx, skuIds: string[]): Promise<SkuLabel[]> {
  const unique = [...new Set(skuIds)];
  if (unique.length === 0) return [];
  const { rows } = await tx.execute(sql`
    select s.id, s.sku_code, s.product_id, p.category_id, c.slug,
      (select t.title from product_translations t where t.product_id = p.id order by (t.locale = 'en') desc, t.locale limit 1) as title
    from skus s join products p on p.id = s.product_id left join categories c on c.id = p.category_id
    where s.id in (select (w->>0)::uuid from jsonb_array_elements(${JSON.stringify(unique)}::jsonb) as w)`);
  return rows.map((r) => ({
    skuId: String(r.id), skuCode: String(r.sku_code), productId: String(r.product_id), title: r.title == null ? null : String(r.title),
    categoryId: r.category_id ? String(r.category_id) : null, categorySlug: r.slug == null ? null : String(r.slug),
  }));
}

/** Category slugs by id. */
export async function categorySlugs(tx: Tx, categoryIds: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(categoryIds)];
  if (unique.length === 0) return new Map();
  const { rows } = await tx.execute(sql`
    select id, slug from categories where id in (select (w->>0)::uuid from jsonb_array_elements(${JSON.stringify(unique)}::jsonb) as w)`);
  return new Map(rows.map((r) => [String(r.id), String(r.slug)]));
}
