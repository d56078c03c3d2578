import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { DomainError } from '../http/problem.js';
import { exponentOf } from '../merchants/index.js';
import { type SearchSort, SEARCH_CONFIG, cjkQueryGrams, decodeCursor, encodeCursor, hanRuns, latinPart } from './model.js';
import type { CatalogLocale } from './schema.js';
import { type SearchDoc, type SharedFacts, type TextQuery, SearchIndex, displayTitle } from './search-index.js';
import { parseTsquery, parseTsvector } from './text-match.js';
import './errors.js';

export interface SearchQuery {
  q?: string;
  locale: CatalogLocale;
  /** Brand slug. */
  brand?: string;
  /** Category slug; its sub-categories are included. */
  category?: string;
  /** Pavilion slug: products of the merchants whose live storefronts it groups. */
  pavilion?: string;
  /** Currency of prices shown and of min/max (minor units). */
  currency?: string;
  minPrice?: number;
  maxPrice?: number;
  sort?: SearchSort;
  cursor?: string;
  limit?: number;
  at?: Date;
}

export interface SearchHit {
  productId: string;
  title: string | null;
  titleLocale: CatalogLocale | null;
  brand: { slug: string; name: string } | null;
  categorySlug: string | null;
  merchantId: string;
  priceFromMinor: number | null;
  currency: string;
  imageUrl: string | null;
  score: number;
}

export interface SearchResult {
  items: SearchHit[];
  nextCursor: string | null;
  total: number;
  facets: {
    brands: Array<{ slug: string; name: string; count: number }>;
    categories: Array<{ slug: string; count: number }>;
    priceBands: Array<{ fromMinor: number; toMinor: number | null; count: number }>;
  };
}

/**
 * Full-text search over listed products, answered from this process's in-memory index
 * (search-index.ts). A product matches when any of these does: the locale's stemmed vector
 * (accent-folded both sides), the 'simple' vector of every language, or, for Chinese, all the
 * query's character grams plus a substring check. When nothing matches, trigram word
 * similarity of the Latin text is tried (typos; pg_trgm's word_similarity at its 0.6
 * threshold). Relevance (ts_rank), then recency; keyset cursor. PostgreSQL tokenises: documents
 * come from `product_search`, the query's lexemes from websearch_to_tsquery (remembered per
 * text). Before answering, the index applies every catalogue change committed before the
 * query arrived, so two API processes give the same answer.
 */
export async function searchCatalog(db: Db, query: SearchQuery): Promise<SearchResult> {
  const currency = query.currency ?? 'EUR';
  const limit = Math.min(Math.max(query.limit ?? 20, 1), 100);
  const sort = query.sort ?? 'relevance';
  const cursor = query.cursor ? decodeCursor(query.cursor) : null;
  if (query.cursor && !cursor) throw new DomainError('catalog.invalid_cursor', 'Pass back the nextCursor of the previous page unchanged');
  const live = liveIndexOf(db);
  const text = (query.q ?? '').trim().slice(0, 200);
  const at = (query.at ?? new Date()).getTime();
  const index = await live.fresh();
  // Between two catalogue changes the same query has the same answer (visibility only moves
  // when an authorisation starts or ends), so repeated queries are answered from memory.
  const key = JSON.stringify([text, query.locale, query.brand, query.category, query.pavilion, currency, query.minPrice, query.maxPrice, sort, query.cursor, limit, index.visibilityPeriod(at)]);
  const cached = live.cachedResult(key);
  if (cached) return cached;
  const parsedText = await textQuery(db, query.locale, text);
  const generation = live.generation;
  const result = index.search({
    text: parsedText, brand: query.brand, category: query.category, pavilion: query.pavilion, currency, currencyUnit: 10 ** exponentOf(currency),
    minPrice: query.minPrice, maxPrice: query.maxPrice, sort, cursor, limit, at,
  });
  const last = result.hasMore ? result.page[result.page.length - 1] : undefined;
  const answer: SearchResult = {
    total: result.total,
    nextCursor: last ? encodeCursor({ key: last.key.toFixed(6), createdAt: last.doc.created, id: last.doc.productId }) : null,
    items: result.page.map(({ doc, score, price }) => {
      const title = displayTitle(doc, query.locale);
      const brand = doc.brandId ? index.shared.brands.get(doc.brandId) : undefined;
      return {
        productId: doc.productId, merchantId: doc.merchantId, title: title?.title ?? null, titleLocale: title?.locale ?? null,
        brand: brand ? { slug: brand.slug, name: brand.name } : null,
        categorySlug: doc.categoryId ? index.shared.categories.get(doc.categoryId)?.slug ?? null : null,
        priceFromMinor: price, currency, imageUrl: doc.imageUrl, score: Math.round(score * 1e6) / 1e6,
      };
    }),
    facets: { brands: result.brandFacets, categories: result.categoryFacets, priceBands: result.priceFacets },
  };
  live.remember(key, generation, answer);
  return answer;
}

/** Builds (or brings up to date) this process's search index now, e.g. at server start. */
export async function warmSearchIndex(db: Db): Promise<void> {
  await liveIndexOf(db).fresh();
}

// --- the query's text, tokenised by PostgreSQL -------------------------------------------------

const TSQUERY_MEMO_SIZE = 5000;
const tsqueryMemos = new WeakMap<Db, Map<string, Promise<{ locale: string; simple: string }>>>();

/**
 * PostgreSQL's websearch_to_tsquery of the query's Latin part, for the locale's configuration and
 * for 'simple'. A pure function of the text, so it is remembered (most recent texts first).
 */
async function textQuery(db: Db, locale: CatalogLocale, text: string): Promise<TextQuery | null> {
  if (!text) return null;
  const latin = latinPart(text);
  const grams = cjkQueryGrams(text);
  const field = locale === 'zh' ? 'simple' : locale;
  let parsed: { locale: string; simple: string } = { locale: '', simple: '' };
  if (latin) {
    const config = SEARCH_CONFIG[locale];
    let memo = tsqueryMemos.get(db);
    if (!memo) { memo = new Map(); tsqueryMemos.set(db, memo); }
    const key = `${config}\u0000${latin}`;
    let pending = memo.get(key);
    if (pending) memo.delete(key);
    pending ??= db.execute(sql`select websearch_to_tsquery(${config}::regconfig, unaccent(${latin}))::text as locale,
      websearch_to_tsquery('simple', unaccent(${latin}))::text as simple`).then(({ rows }) => ({ locale: String(rows[0].locale), simple: String(rows[0].simple) }));
    memo.set(key, pending);
    pending.catch(() => memo!.delete(key));
    if (memo.size > TSQUERY_MEMO_SIZE) memo.delete(memo.keys().next().value!);
    parsed = await pending;
  }
  return {
    localeField: field, localeQuery: parseTsquery(parsed.locale), simpleQuery: parseTsquery(parsed.simple),
    hanRuns: grams.length ? hanRuns(text).map((r) => r.toLowerCase()) : [], hanGrams: grams,
    // Typo tolerance only for words long enough to have meaningful trigrams.
    typoText: latin.replace(/[^a-z0-9]/g, '').length >= 3 ? latin : null, hasLatin: latin.length > 0,
  };
}

// --- keeping the index current ------------------------------------------------------------------

/** After this long without reading the change log, rebuild rather than trust it (it is pruned after an hour). */
const STALE_AFTER_MS = 30 * 60_000;
const PRUNE_EVERY_MS = 10 * 60_000;
const LOAD_PAGE = 5000;

const RESULT_CACHE_SIZE = 2000;

const liveIndexes = new WeakMap<Db, LiveIndex>();

function liveIndexOf(db: Db): LiveIndex {
  let live = liveIndexes.get(db);
  if (!live) { live = new LiveIndex(db); liveIndexes.set(db, live); }
  return live;
}

/**
 * One database's index in this process. `fresh()` resolves once every change committed before
 * the call has been applied: callers arriving while a read of the change log is in flight share
 * the next read, so concurrent searches cost one small query per round trip, not one each.
 */
class LiveIndex {
  private index: SearchIndex | null = null;
  /** The xmin of the snapshot of the last read: every transaction below it had finished. */
  private horizon = '0';
  private lastRead = 0;
  private lastPrune = Date.now();
  private current: Promise<SearchIndex> | null = null;
  private next: Promise<SearchIndex> | null = null;
  /** Answers of the current index (cleared whenever a change is applied), most recent last. */
  private results = new Map<string, SearchResult>();
  /** Bumped after every applied change; an answer is remembered only for the generation it saw. */
  generation = 0;

  constructor(private db: Db) {}

  cachedResult(key: string): SearchResult | undefined {
    const hit = this.results.get(key);
    if (hit) { this.results.delete(key); this.results.set(key, hit); }
    return hit;
  }

  remember(key: string, generation: number, result: SearchResult): void {
    if (generation !== this.generation) return; // a change was applied meanwhile
    this.results.set(key, result);
    if (this.results.size > RESULT_CACHE_SIZE) this.results.delete(this.results.keys().next().value!);
  }

  private changed(): void {
    this.generation++;
    this.results.clear();
  }

  fresh(): Promise<SearchIndex> {
    if (!this.current) return this.start();
    this.next ??= this.current.catch(() => undefined).then(() => this.start());
    return this.next;
  }

  private start(): Promise<SearchIndex> {
    this.next = null;
    const round = this.catchUp().finally(() => { if (this.current === round) this.current = null; });
    this.current = round;
    return round;
  }

  private async catchUp(): Promise<SearchIndex> {
    const now = Date.now();
    if (!this.index || now - this.lastRead > STALE_AFTER_MS) return this.rebuild();
    const { rows: [read] } = await this.db.execute(sql`select pg_snapshot_xmin(pg_current_snapshot())::text as horizon,
      (select jsonb_agg(c.product_ids) from catalog_search_changes c where c.txid >= ${this.horizon}::xid8) as changes`);
    this.lastRead = now;
    const changes = (typeof read.changes === 'string' ? JSON.parse(read.changes) : read.changes ?? []) as Array<string[] | null>;
    if (changes.some((c) => c === null)) this.index.shared = await loadSharedFacts(this.db);
    const productIds = [...new Set(changes.flatMap((c) => c ?? []))];
    for (let i = 0; i < productIds.length; i += LOAD_PAGE) {
      const ids = productIds.slice(i, i + LOAD_PAGE);
      const docs = await loadDocs(this.db, this.index, sql`d.product_id = any(${`{${ids.join(',')}}`}::uuid[])`);
      const found = new Map(docs.map((d) => [d.productId, d]));
      for (const id of ids) this.index.put(id, found.get(id) ?? null);
    }
    if (changes.length) this.changed();
    this.horizon = String(read.horizon);
    if (now - this.lastPrune > PRUNE_EVERY_MS) {
      this.lastPrune = now;
      await this.db.execute(sql`delete from catalog_search_changes where recorded_at < now() - interval '1 hour'`);
    }
    return this.index;
  }

  private async rebuild(): Promise<SearchIndex> {
    const { rows: [read] } = await this.db.execute(sql`select pg_snapshot_xmin(pg_current_snapshot())::text as horizon`);
    const index = new SearchIndex();
    index.shared = await loadSharedFacts(this.db);
    for (let after = '00000000-0000-0000-0000-000000000000'; ;) {
      const docs = await loadDocs(this.db, index, sql`d.product_id > ${after}::uuid`, LOAD_PAGE);
      for (const doc of docs) index.put(doc.productId, doc);
      if (docs.length < LOAD_PAGE) break;
      after = docs[docs.length - 1].productId;
    }
    this.index = index;
    this.changed();
    this.horizon = String(read.horizon);
    this.lastRead = Date.now();
    return index;
  }
}

const parseJson = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T;

async function loadDocs(db: Db, index: SearchIndex, where: ReturnType<typeof sql>, limit?: number): Promise<SearchDoc[]> {
  const { rows } = await db.execute(sql`
    select d.product_id, d.merchant_id, d.brand_id, d.category_id,
      to_char(d.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as created,
      p.status = 'active' and p.takedown is null as active,
      d.tsv_es::text as tsv_es, d.tsv_it::text as tsv_it, d.tsv_en::text as tsv_en, d.tsv_simple::text as tsv_simple,
      d.latin_text, d.cjk_text, d.cjk_grams, d.retail_from,
      (select jsonb_object_agg(t.locale, t.title) from product_translations t where t.product_id = d.product_id) as titles,
      (select i.url from product_images i where i.product_id = d.product_id order by i.position limit 1) as image_url
    from product_search d join products p on p.id = d.product_id
    where ${where} order by d.product_id ${limit ? sql`limit ${limit}` : sql``}`);
  const { intern } = index;
  return rows.map((r) => ({
    productId: String(r.product_id), merchantId: intern(String(r.merchant_id)), brandId: r.brand_id ? intern(String(r.brand_id)) : null,
    categoryId: r.category_id ? intern(String(r.category_id)) : null, created: String(r.created), active: Boolean(r.active),
    vectors: { es: parseTsvector(String(r.tsv_es), intern), it: parseTsvector(String(r.tsv_it), intern), en: parseTsvector(String(r.tsv_en), intern), simple: parseTsvector(String(r.tsv_simple), intern) },
    latinText: String(r.latin_text), cjkText: String(r.cjk_text), cjkGrams: pgTextArray(r.cjk_grams).map(intern),
    retailFrom: Object.fromEntries(Object.entries(parseJson<Record<string, number | string>>(r.retail_from) ?? {}).map(([c, v]) => [c, Number(v)])),
    titles: parseJson<Partial<Record<CatalogLocale, string>>>(r.titles) ?? {}, imageUrl: r.image_url ?? null,
  }));
}

/** A text[] as either driver returns it (an array, or PostgreSQL's `{a,b}` literal). */
function pgTextArray(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  const text = String(value ?? '{}');
  if (text === '{}') return [];
  return text.slice(1, -1).split(',').map((s) => s.replace(/^"(.*)"$/, '$1'));
}

async function loadSharedFacts(db: Db): Promise<SharedFacts> {
  const { rows: [r] } = await db.execute(sql`select
    (select coalesce(jsonb_agg(m.id), '[]') from merchants m where m.status = 'active') as merchants,
    (select coalesce(jsonb_agg(jsonb_build_array(b.id, b.slug, b.name, b.owner_merchant_id)), '[]') from brands b) as brands,
    (select coalesce(jsonb_agg(jsonb_build_array(a.brand_id, a.merchant_id, extract(epoch from a.valid_from) * 1000, extract(epoch from a.valid_to) * 1000)), '[]')
      from brand_authorisations a where a.revoked_at is null) as authorisations,
    (select coalesce(jsonb_agg(jsonb_build_array(c.id, c.slug, c.parent_id)), '[]') from categories c) as categories,
    (select coalesce(jsonb_agg(jsonb_build_array(pv.slug, s.merchant_id)), '[]') from pavilions pv
      join pavilion_storefronts ps on ps.pavilion_id = pv.id join storefronts s on s.id = ps.storefront_id and s.status = 'live') as pavilions`);
  const pavilions = new Map<string, Set<string>>();
  for (const [slug, merchantId] of parseJson<Array<[string, string]>>(r.pavilions)) {
    if (!pavilions.has(slug)) pavilions.set(slug, new Set());
    pavilions.get(slug)!.add(merchantId);
  }
  return {
    activeMerchants: new Set(parseJson<string[]>(r.merchants)),
    brands: new Map(parseJson<Array<[string, string, string, string]>>(r.brands).map(([id, slug, name, owner]) => [id, { slug, name, ownerMerchantId: owner }])),
    authorisations: parseJson<Array<[string, string, number | string, number | string]>>(r.authorisations).map(([brandId, merchantId, from, to]) => ({ brandId, merchantId, from: Number(from), to: Number(to) })),
    categories: new Map(parseJson<Array<[string, string, string | null]>>(r.categories).map(([id, slug, parentId]) => [id, { slug, parentId }])),
    pavilions,
  };
}
