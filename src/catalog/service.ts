import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { type Tx, pgCode } from '../db/tx.js';
import { DomainError } from '../http/problem.js';
import { mayListUnderBrand } from '../merchants/index.js';
import { type PriceTier, isValidEan13, pickTranslation, priceForQuantity, tiersProblem } from './model.js';
import {
  type CatalogLocale, categories, priceListAccounts, priceListItems, priceLists, priceTiers, productImages, productTranslations, products, skus,
} from './schema.js';
import './errors.js';

export type Product = typeof products.$inferSelect;
export type Sku = typeof skus.$inferSelect;
export type Category = typeof categories.$inferSelect;
export type PriceList = typeof priceLists.$inferSelect;

export interface TranslationInput { title: string; description?: string }
export interface SkuInput { skuCode: string; barcode?: string | null; attributes?: Record<string, string>; weightGrams?: number }
export interface ProductInput {
  productCode: string;
  brandId?: string | null;
  categoryId?: string | null;
  status?: Product['status'];
  translations: Partial<Record<CatalogLocale, TranslationInput>>;
  images?: Array<{ url: string; alt?: string }>;
  skus: SkuInput[];
}

export interface ProductView extends Product {
  translations: Partial<Record<CatalogLocale, TranslationInput>>;
  images: Array<{ url: string; alt: string; position: number }>;
  skus: Sku[];
  /** Visible and purchasable now (active, not taken down, brand authorised). */
  listed: boolean;
}

// --- visibility ------------------------------------------------------------------------------

/**
 * The one definition of a listing shoppers may see and buy, as SQL over a products row `p`:
 * active, not taken down by an IP complaint, merchant active, and either unbranded or listed by
 * the brand owner or by a merchant whose authorisation is valid at `at`. Expiry and revocation
 * therefore hide listings without touching them.
 */
export function listedSql(p: SQL, at: Date): SQL {
  // Uncorrelated IN-subqueries: the planner hashes them once per query instead of probing per row.
  return sql`(${p}.status = 'active' and ${p}.takedown is null
    and ${p}.merchant_id in (select m.id from merchants m where m.status = 'active')
    and (${p}.brand_id is null or (${p}.brand_id, ${p}.merchant_id) in (
      select b.id, b.owner_merchant_id from brands b
      union all
      select a.brand_id, a.merchant_id from brand_authorisations a where a.revoked_at is null and a.valid_from <= ${at} and a.valid_to > ${at})))`;
}

// --- categories --------------------------------------------------------------------------------

export async function createCategory(tx: Tx, input: { slug: string; name: Partial<Record<CatalogLocale, string>>; parentId?: string | null }): Promise<Category> {
  if (input.parentId) {
    const [parent] = await tx.select({ id: categories.id }).from(categories).where(eq(categories.id, input.parentId));
    if (!parent) throw new DomainError('catalog.category_not_found', `No category ${input.parentId}`);
  }
  try {
    const [row] = await tx.insert(categories).values(input).returning();
    return row;
  } catch (error) {
    if (pgCode(error) === '23505') throw new DomainError('catalog.code_taken', `Category slug ${input.slug} exists`);
    throw error;
  }
}

export async function listCategories(tx: Tx): Promise<Category[]> {
  return tx.select().from(categories).orderBy(asc(categories.slug));
}

// --- products --------------------------------------------------------------------------------

function checkSkus(list: SkuInput[]): void {
  for (const s of list) {
    if (s.barcode && !isValidEan13(s.barcode)) throw new DomainError('catalog.invalid_barcode', `${s.barcode} (SKU ${s.skuCode}) fails the EAN-13 check digit`, { skuCode: s.skuCode });
  }
}

async function checkBrand(tx: Tx, merchantId: string, brandId: string | null | undefined): Promise<void> {
  if (brandId && !(await mayListUnderBrand(tx, merchantId, brandId))) {
    throw new DomainError('catalog.brand_not_authorised', 'Only the brand owner or a merchant it authorised (and whose authorisation is valid now) may list under this brand', { brandId });
  }
}

function codeConflict(error: unknown): never {
  if (pgCode(error) === '23505') throw new DomainError('catalog.code_taken', 'The merchant already has a product or SKU with this code');
  throw error;
}

export async function createProduct(tx: Tx, merchantId: string, input: ProductInput): Promise<ProductView> {
  checkSkus(input.skus);
  await checkBrand(tx, merchantId, input.brandId);
  try {
    const [product] = await tx.insert(products).values({
      merchantId, productCode: input.productCode, brandId: input.brandId ?? null, categoryId: input.categoryId ?? null, status: input.status ?? 'draft',
    }).returning();
    await writeTranslations(tx, product.id, input.translations);
    if (input.images?.length) await tx.insert(productImages).values(input.images.map((img, position) => ({ productId: product.id, url: img.url, alt: img.alt ?? '', position })));
    if (input.skus.length) await tx.insert(skus).values(input.skus.map((s) => ({ ...s, productId: product.id, merchantId })));
    await refreshSearch(tx, [product.id]);
    return getProduct(tx, product.id, merchantId);
  } catch (error) { codeConflict(error); }
}

async function writeTranslations(tx: Tx, productId: string, translations: ProductInput['translations']): Promise<void> {
  const rows = Object.entries(translations).filter(([, t]) => t).map(([locale, t]) => ({ productId, locale: locale as CatalogLocale, title: t!.title, description: t!.description ?? '' }));
  if (!rows.length) return;
  await tx.insert(productTranslations).values(rows).onConflictDoUpdate({
    target: [productTranslations.productId, productTranslations.locale],
    set: { title: sql`excluded.title`, description: sql`excluded.description` },
  });
}

export type ProductChanges = Partial<Pick<ProductInput, 'brandId' | 'categoryId' | 'status' | 'translations' | 'images'>> & { skus?: SkuInput[] };

/** Changes a merchant's product; new SKU codes are added, known ones updated. */
export async function updateProduct(tx: Tx, merchantId: string, productId: string, changes: ProductChanges): Promise<ProductView> {
  const [current] = await tx.select().from(products).where(and(eq(products.id, productId), eq(products.merchantId, merchantId))).for('update');
  if (!current) throw new DomainError('catalog.product_not_found', `No product ${productId}`);
  if (changes.brandId !== undefined && changes.brandId !== current.brandId) await checkBrand(tx, merchantId, changes.brandId);
  if (changes.skus) checkSkus(changes.skus);
  const set: Partial<typeof products.$inferInsert> = { updatedAt: new Date() };
  if (changes.brandId !== undefined) set.brandId = changes.brandId;
  if (changes.categoryId !== undefined) set.categoryId = changes.categoryId;
  if (changes.status !== undefined) set.status = changes.status;
  try {
    await tx.update(products).set(set).where(eq(products.id, productId));
    if (changes.translations) await writeTranslations(tx, productId, changes.translations);
    if (changes.images) {
      await tx.delete(productImages).where(eq(productImages.productId, productId));
      if (changes.images.length) await tx.insert(productImages).values(changes.images.map((img, position) => ({ productId, url: img.url, alt: img.alt ?? '', position })));
    }
    if (changes.skus?.length) {
      await tx.insert(skus).values(changes.skus.map((s) => ({ ...s, productId, merchantId }))).onConflictDoUpdate({
        target: [skus.merchantId, skus.skuCode],
        set: { barcode: sql`excluded.barcode`, attributes: sql`excluded.attributes`, weightGrams: sql`excluded.weight_grams` },
        setWhere: eq(skus.productId, productId),
      });
    }
  } catch (error) { codeConflict(error); }
  await refreshSearch(tx, [productId]);
  return getProduct(tx, productId, merchantId);
}

/** A product with everything about it; `merchantId` scopes it to its owner (others get 404). */
export async function getProduct(tx: Tx, productId: string, merchantId?: string, at = new Date()): Promise<ProductView> {
  const { rows } = await tx.execute(sql`select p.*, ${listedSql(sql`p`, at)} as listed from products p where p.id = ${productId}
    ${merchantId ? sql`and p.merchant_id = ${merchantId}` : sql``}`);
  const row = rows[0];
  if (!row) throw new DomainError('catalog.product_not_found', `No product ${productId}`);
  const translations = await tx.select().from(productTranslations).where(eq(productTranslations.productId, productId));
  const images = await tx.select().from(productImages).where(eq(productImages.productId, productId)).orderBy(asc(productImages.position));
  const skuRows = await tx.select().from(skus).where(eq(skus.productId, productId)).orderBy(asc(skus.skuCode));
  return {
    id: String(row.id), merchantId: String(row.merchant_id), productCode: String(row.product_code), brandId: row.brand_id ?? null, categoryId: row.category_id ?? null,
    status: row.status, takedown: row.takedown ?? null, createdAt: new Date(row.created_at), updatedAt: new Date(row.updated_at), listed: Boolean(row.listed),
    translations: Object.fromEntries(translations.map((t) => [t.locale, { title: t.title, description: t.description }])),
    images: images.map((i) => ({ url: i.url, alt: i.alt, position: i.position })),
    skus: skuRows,
  };
}

export interface ProductListItem { id: string; productCode: string; title: string | null; status: Product['status']; takedown: Product['takedown']; listed: boolean; skuCount: number; brandId: string | null; updatedAt: Date }

/** A merchant's catalogue, newest change first, keyset-paginated by (updated_at, id). */
export async function listProducts(tx: Tx, merchantId: string, options: { locale?: CatalogLocale; limit?: number; after?: { updatedAt: Date; id: string } } = {}): Promise<ProductListItem[]> {
  const locale = options.locale ?? 'en';
  const limit = Math.min(options.limit ?? 50, 200);
  const now = new Date();
  const { rows } = await tx.execute(sql`
    select p.id, p.product_code, p.status, p.takedown, p.brand_id, p.updated_at, ${listedSql(sql`p`, now)} as listed,
      (select count(*) from skus s where s.product_id = p.id)::int as sku_count,
      (select jsonb_object_agg(t.locale, t.title) from product_translations t where t.product_id = p.id) as titles
    from products p where p.merchant_id = ${merchantId}
      ${options.after ? sql`and (p.updated_at, p.id) < (${options.after.updatedAt}, ${options.after.id})` : sql``}
    order by p.updated_at desc, p.id desc limit ${limit}`);
  return rows.map((r) => {
    const titles = (typeof r.titles === 'string' ? JSON.parse(r.titles) : r.titles) ?? {};
    return {
      id: String(r.id), productCode: String(r.product_code), title: pickTranslation<string>(titles, locale)?.value ?? null, status: r.status, takedown: r.takedown ?? null,
      listed: Boolean(r.listed), skuCount: Number(r.sku_count), brandId: r.brand_id ?? null, updatedAt: new Date(r.updated_at),
    };
  });
}

/** Who sells a listing and under which brand (for IP complaints). */
export async function listingOwner(tx: Tx, productId: string): Promise<{ merchantId: string; brandId: string | null; takedown: Product['takedown'] } | null> {
  const [row] = await tx.select({ merchantId: products.merchantId, brandId: products.brandId, takedown: products.takedown }).from(products).where(eq(products.id, productId)).for('update');
  return row ?? null;
}

/** Suspends, removes or reinstates (null) a listing; the row stays. */
export async function setTakedown(tx: Tx, productId: string, takedown: Product['takedown']): Promise<void> {
  await tx.update(products).set({ takedown, updatedAt: new Date() }).where(eq(products.id, productId));
}

export async function skuByBarcode(tx: Tx, barcode: string): Promise<(Sku & { listed: boolean }) | null> {
  const { rows } = await tx.execute(sql`select s.id, ${listedSql(sql`p`, new Date())} as listed from skus s join products p on p.id = s.product_id
    where s.barcode = ${barcode} order by ${listedSql(sql`p`, new Date())} desc, s.created_at limit 1`);
  if (!rows[0]) return null;
  const [sku] = await tx.select().from(skus).where(eq(skus.id, String(rows[0].id)));
  return { ...sku, listed: Boolean(rows[0].listed) };
}

export type NotPurchasableReason = 'not_found' | 'inactive' | 'suspended' | 'removed' | 'merchant_inactive' | 'brand_not_authorised' | 'not_authorised_here';
export interface SkuAvailability { skuId: string; productId: string | null; merchantId: string | null; purchasable: boolean; reason: NotPurchasableReason | null }

/**
 * Whether each SKU may be sold now, and why not; order follows the input. With `soldIn`, a
 * reseller's branded listing must also be authorised for that country (the till's store, the
 * delivery address): an authorisation with territories covers only those; a null country (not
 * known) passes only unrestricted authorisations.
 */
export async function purchasableSkus(tx: Tx, skuIds: string[], at = new Date(), soldIn?: { country: string | null }): Promise<SkuAvailability[]> {
  if (!skuIds.length) return [];
  const territoryOk = soldIn
    ? sql`(p.brand_id is null or p.brand_id in (select b.id from brands b where b.owner_merchant_id = p.merchant_id) or exists (
        select 1 from brand_authorisations a where a.brand_id = p.brand_id and a.merchant_id = p.merchant_id and a.revoked_at is null
          and a.valid_from <= ${at} and a.valid_to > ${at} and (a.territories is null or ${soldIn.country}::text = any (a.territories))))`
    : sql`true`;
  const { rows } = await tx.execute(sql`
    select s.id, s.product_id, s.merchant_id, p.status, p.takedown, ${listedSql(sql`p`, at)} as listed, ${territoryOk} as territory_ok,
      (select m.status from merchants m where m.id = p.merchant_id) as merchant_status
    from skus s join products p on p.id = s.product_id where s.id in (${sql.join(skuIds.map((id) => sql`${id}::uuid`), sql`, `)})`);
  const byId = new Map(rows.map((r) => [String(r.id), r]));
  return skuIds.map((skuId) => {
    const r = byId.get(skuId);
    if (!r) return { skuId, productId: null, merchantId: null, purchasable: false, reason: 'not_found' };
    const reason: NotPurchasableReason | null = r.listed ? (r.territory_ok ? null : 'not_authorised_here') : r.status !== 'active' ? 'inactive' : r.takedown === 'suspended' ? 'suspended'
      : r.takedown === 'removed' ? 'removed' : r.merchant_status !== 'active' ? 'merchant_inactive' : 'brand_not_authorised';
    return { skuId, productId: String(r.product_id), merchantId: String(r.merchant_id), purchasable: reason === null, reason };
  });
}

// --- price lists -------------------------------------------------------------------------------

export async function createPriceList(tx: Tx, merchantId: string, input: { code: string; name: string; kind: PriceList['kind']; currency: string }): Promise<PriceList> {
  try {
    const [row] = await tx.insert(priceLists).values({ ...input, merchantId }).returning();
    return row;
  } catch (error) {
    if (pgCode(error) === '23505') throw new DomainError('catalog.code_taken', input.kind === 'retail' ? `The merchant already has a retail list in ${input.currency}` : `Price list code ${input.code} exists`);
    throw error;
  }
}

export async function listPriceLists(tx: Tx, merchantId: string): Promise<PriceList[]> {
  return tx.select().from(priceLists).where(eq(priceLists.merchantId, merchantId)).orderBy(asc(priceLists.kind), asc(priceLists.code));
}

async function ownedList(tx: Tx, merchantId: string, priceListId: string): Promise<PriceList> {
  const [list] = await tx.select().from(priceLists).where(and(eq(priceLists.id, priceListId), eq(priceLists.merchantId, merchantId)));
  if (!list) throw new DomainError('catalog.price_list_not_found', `No price list ${priceListId}`);
  return list;
}

/** Puts a SKU on a list with its MOQ and quantity tiers (replacing what was there). */
export async function setListPrice(tx: Tx, merchantId: string, priceListId: string, input: { skuId: string; moq?: number; tiers: PriceTier[] }): Promise<void> {
  const list = await ownedList(tx, merchantId, priceListId);
  const [sku] = await tx.select({ id: skus.id, productId: skus.productId }).from(skus).where(and(eq(skus.id, input.skuId), eq(skus.merchantId, merchantId)));
  if (!sku) throw new DomainError('catalog.sku_not_found', `No SKU ${input.skuId}`);
  const moq = input.moq ?? 1;
  const problem = tiersProblem(input.tiers, moq);
  if (problem) throw new DomainError('catalog.invalid_tiers', problem);
  await tx.insert(priceListItems).values({ priceListId, skuId: sku.id, moq }).onConflictDoUpdate({ target: [priceListItems.priceListId, priceListItems.skuId], set: { moq } });
  await tx.delete(priceTiers).where(and(eq(priceTiers.priceListId, priceListId), eq(priceTiers.skuId, sku.id)));
  await tx.insert(priceTiers).values(input.tiers.map((t) => ({ priceListId, skuId: sku.id, ...t })));
  if (list.kind === 'retail') await refreshSearch(tx, [sku.productId]);
}

/** The retail unit price of a SKU in a currency (creating the merchant's retail list if needed). */
export async function setRetailPrice(tx: Tx, merchantId: string, skuId: string, currency: string, amountMinor: number): Promise<void> {
  await tx.insert(priceLists).values({ merchantId, code: `retail-${currency.toLowerCase()}`, name: `Retail ${currency}`, kind: 'retail', currency }).onConflictDoNothing();
  const [list] = await tx.select().from(priceLists).where(and(eq(priceLists.merchantId, merchantId), eq(priceLists.kind, 'retail'), eq(priceLists.currency, currency)));
  await setListPrice(tx, merchantId, list.id, { skuId, moq: 1, tiers: [{ minQuantity: 1, unitAmountMinor: amountMinor }] });
}

/** Assigns a business buyer (an account) to a wholesale list. */
export async function assignBuyer(tx: Tx, merchantId: string, priceListId: string, accountId: string): Promise<void> {
  await ownedList(tx, merchantId, priceListId);
  const { rows } = await tx.execute(sql`select 1 from accounts where id = ${accountId}`);
  if (!rows.length) throw new DomainError('catalog.account_not_found', `No account ${accountId}`);
  await tx.insert(priceListAccounts).values({ priceListId, accountId }).onConflictDoNothing();
}

export async function listItems(tx: Tx, merchantId: string, priceListId: string): Promise<Array<{ skuId: string; moq: number; tiers: PriceTier[] }>> {
  await ownedList(tx, merchantId, priceListId);
  const items = await tx.select().from(priceListItems).where(eq(priceListItems.priceListId, priceListId));
  const tiers = await tx.select().from(priceTiers).where(eq(priceTiers.priceListId, priceListId)).orderBy(asc(priceTiers.minQuantity));
  return items.map((i) => ({ skuId: i.skuId, moq: i.moq, tiers: tiers.filter((t) => t.skuId === i.skuId).map(({ minQuantity, unitAmountMinor }) => ({ minQuantity, unitAmountMinor })) }));
}

export interface PricedLine {
  skuId: string;
  merchantId: string;
  quantity: number;
  currency: string;
  unitAmountMinor: number;
  lineAmountMinor: number;
  priceListId: string;
  priceListKind: PriceList['kind'];
  tierMinQuantity: number;
}

/**
 * Prices order lines in one currency: a business buyer assigned to a wholesale list that has
 * the SKU gets that list's tier for the quantity (and must reach its MOQ); everyone else gets
 * the merchant's retail price. Called by checkout inside its own transaction.
 */
export async function priceLines(tx: Tx, input: { lines: Array<{ skuId: string; quantity: number }>; currency: string; accountId?: string | null }): Promise<PricedLine[]> {
  if (!input.lines.length) return [];
  const ids = [...new Set(input.lines.map((l) => l.skuId))];
  const { rows } = await tx.execute(sql`
    select s.id as sku_id, s.merchant_id, pl.id as list_id, pl.kind, i.moq, t.min_quantity, t.unit_amount_minor
    from skus s
    join price_list_items i on i.sku_id = s.id
    join price_lists pl on pl.id = i.price_list_id and pl.merchant_id = s.merchant_id and pl.currency = ${input.currency}
    join price_tiers t on t.price_list_id = i.price_list_id and t.sku_id = i.sku_id
    where s.id in (${sql.join(ids.map((id) => sql`${id}::uuid`), sql`, `)})
      and (pl.kind = 'retail' or exists (select 1 from price_list_accounts a where a.price_list_id = pl.id and a.account_id = ${input.accountId ?? null}::uuid))`);
  type ListTiers = { listId: string; kind: PriceList['kind']; moq: number; merchantId: string; tiers: PriceTier[] };
  const bySku = new Map<string, Map<string, ListTiers>>();
  for (const r of rows) {
    const lists = bySku.get(String(r.sku_id)) ?? new Map<string, ListTiers>();
    bySku.set(String(r.sku_id), lists);
    const list: ListTiers = lists.get(String(r.list_id)) ?? { listId: String(r.list_id), kind: r.kind, moq: Number(r.moq), merchantId: String(r.merchant_id), tiers: [] };
    lists.set(list.listId, list);
    list.tiers.push({ minQuantity: Number(r.min_quantity), unitAmountMinor: Number(r.unit_amount_minor) });
  }
  return input.lines.map((line) => {
    const lists = [...(bySku.get(line.skuId)?.values() ?? [])];
    const wholesale = lists.filter((l) => l.kind === 'wholesale');
    const candidates = wholesale.length ? wholesale : lists.filter((l) => l.kind === 'retail');
    if (!candidates.length) throw new DomainError('catalog.price_missing', `SKU ${line.skuId} has no price in ${input.currency}`, { skuId: line.skuId, currency: input.currency });
    let best: PricedLine | null = null;
    let lowestMoq = Infinity;
    for (const list of candidates) {
      const outcome = priceForQuantity(list.tiers, list.moq, line.quantity);
      if (!outcome.ok) { if (outcome.reason === 'below_moq') lowestMoq = Math.min(lowestMoq, outcome.moq); continue; }
      if (!best || outcome.unitAmountMinor < best.unitAmountMinor) {
        best = { skuId: line.skuId, merchantId: list.merchantId, quantity: line.quantity, currency: input.currency, ...outcome, priceListId: list.listId, priceListKind: list.kind };
      }
    }
    if (!best && Number.isFinite(lowestMoq)) {
      throw new DomainError('catalog.below_moq', `SKU ${line.skuId}: ${line.quantity} ordered, the minimum order quantity is ${lowestMoq}`, { skuId: line.skuId, moq: lowestMoq, quantity: line.quantity });
    }
    if (!best) throw new DomainError('catalog.price_missing', `SKU ${line.skuId} has no price for ${line.quantity} in ${input.currency}`, { skuId: line.skuId, currency: input.currency });
    return best;
  });
}

// --- search documents --------------------------------------------------------------------------

const HAN_ONLY = '^[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+$';

/**
 * Rebuilds the search documents of these products in one statement: per-language stemmed
 * vectors (accent-folded), a 'simple' vector over every language, Latin text for trigram typo
 * tolerance, and 1-/2-character grams of the Chinese text. The ids arrive as one array joined
 * by key (a long IN list is matched row by row), and each product's texts are gathered and
 * accent-folded once (`offset 0` keeps the planner from repeating them per use).
 */
export async function refreshSearch(tx: Tx, productIds: string[]): Promise<void> {
  if (!productIds.length) return;
  const ids = `{${[...new Set(productIds)].join(',')}}`;
  await tx.execute(sql`
    insert into product_search (product_id, merchant_id, brand_id, category_id, created_at, tsv_es, tsv_it, tsv_en, tsv_simple, latin_text, cjk_text, cjk_grams, retail_from)
    select x.id, x.merchant_id, x.brand_id, x.category_id, x.created_at,
      setweight(to_tsvector('spanish', u.es), 'A') || setweight(to_tsvector('spanish', u.cat_es), 'B') || u.extra_vector,
      setweight(to_tsvector('italian', u.it), 'A') || setweight(to_tsvector('italian', u.cat_it), 'B') || u.extra_vector,
      setweight(to_tsvector('english', u.en), 'A') || setweight(to_tsvector('english', u.cat_en), 'B') || u.extra_vector,
      to_tsvector('simple', u.every),
      lower(u.every),
      x.zh,
      array(select distinct g from (
          select substr(x.zh, i, 1) as g from generate_series(1, length(x.zh)) i
          union all select substr(x.zh, i, 2) from generate_series(1, length(x.zh) - 1) i) grams
        where g ~ ${HAN_ONLY}),
      x.retail_from
    from (
      select p.id, p.merchant_id, p.brand_id, p.category_id, p.created_at,
        coalesce(tr.es, '') as es, coalesce(tr.it, '') as it, coalesce(tr.en, '') as en,
        lower(coalesce(tr.zh, '') || ' ' || coalesce(c.name->>'zh', '') || ' ' || coalesce(b.name, '')) as zh,
        coalesce(b.name, '') || ' ' || p.product_code || ' ' || coalesce(sk.codes, '') as extra,
        coalesce(c.name->>'es', '') as cat_es, coalesce(c.name->>'it', '') as cat_it, coalesce(c.name->>'en', '') as cat_en,
        coalesce(pr.retail_from, '{}'::jsonb) as retail_from
      from unnest(${ids}::uuid[]) as wanted (id)
      join products p on p.id = wanted.id
      left join brands b on b.id = p.brand_id
      left join categories c on c.id = p.category_id
      left join lateral (select max(t.title || ' ' || t.description) filter (where t.locale = 'es') as es, max(t.title || ' ' || t.description) filter (where t.locale = 'it') as it,
          max(t.title || ' ' || t.description) filter (where t.locale = 'en') as en, max(t.title || ' ' || t.description) filter (where t.locale = 'zh') as zh
        from product_translations t where t.product_id = p.id) tr on true
      left join lateral (select string_agg(s.sku_code, ' ') as codes from skus s where s.product_id = p.id) sk on true
      left join lateral (select jsonb_object_agg(r.currency, r.amount) as retail_from from (
          select pl.currency, min(t.unit_amount_minor) as amount from skus s
          join price_tiers t on t.sku_id = s.id and t.min_quantity = 1
          join price_lists pl on pl.id = t.price_list_id and pl.kind = 'retail'
          where s.product_id = p.id group by pl.currency) r) pr on true
      offset 0) x
    cross join lateral (select unaccent(x.es) as es, unaccent(x.it) as it, unaccent(x.en) as en,
        unaccent(x.cat_es) as cat_es, unaccent(x.cat_it) as cat_it, unaccent(x.cat_en) as cat_en,
        setweight(to_tsvector('simple', unaccent(x.extra)), 'B') as extra_vector,
        unaccent(x.es || ' ' || x.it || ' ' || x.en || ' ' || x.extra) as every
      offset 0) u
    on conflict (product_id) do update set merchant_id = excluded.merchant_id, brand_id = excluded.brand_id, category_id = excluded.category_id,
      tsv_es = excluded.tsv_es, tsv_it = excluded.tsv_it, tsv_en = excluded.tsv_en, tsv_simple = excluded.tsv_simple,
      latin_text = excluded.latin_text, cjk_text = excluded.cjk_text, cjk_grams = excluded.cjk_grams, retail_from = excluded.retail_from`);
}

export interface SkuDetails { id: string; skuCode: string; productId: string; merchantId: string; weightGrams: number | null }

/** Codes (a cart view) and weights (shipping fees) of some SKUs, in one query; unknown ids are left out. */
export async function skuDetails(tx: Tx, skuIds: string[]): Promise<SkuDetails[]> {
  if (skuIds.length === 0) return [];
  return tx.select({ id: skus.id, skuCode: skus.skuCode, productId: skus.productId, merchantId: skus.merchantId, weightGrams: skus.weightGrams })
    .from(skus).where(inArray(skus.id, [...new Set(skuIds)]));
}
