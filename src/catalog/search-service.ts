import { sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../db/tx.js';
import { DomainError } from '../http/problem.js';
import { exponentOf } from '../merchants/index.js';
import {
  type SearchSort, LOCALE_FALLBACK, PRICE_BANDS_MAJOR, SEARCH_CONFIG, cjkQueryGrams, decodeCursor, encodeCursor, hasHan, latinPart,
} from './model.js';
import type { CatalogLocale } from './schema.js';
import { listedSql } from './service.js';
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
 * Full-text search over listed products. A product matches when any of these does: the
 * locale's stemmed vector (accent-folded both sides), the 'simple' vector of every language,
 * or, for Chinese, all the query's character grams plus a substring check. When nothing
 * matches, trigram word similarity of the Latin text is tried (typos; pg_trgm's `<%` at its
 * 0.6 threshold, served by the GIN index). Relevance, then recency; keyset cursor.
 */
export async function searchCatalog(tx: Tx, query: SearchQuery): Promise<SearchResult> {
  const currency = query.currency ?? 'EUR';
  const limit = Math.min(Math.max(query.limit ?? 20, 1), 100);
  const at = query.at ?? new Date();
  const sort = query.sort ?? 'relevance';
  const cursor = query.cursor ? decodeCursor(query.cursor) : null;
  if (query.cursor && !cursor) throw new DomainError('catalog.invalid_cursor', 'Pass back the nextCursor of the previous page unchanged');
  const text = (query.q ?? '').trim().slice(0, 200);
  const config = SEARCH_CONFIG[query.locale];
  const localeVector = query.locale === 'zh' ? sql`d.tsv_simple` : sql.raw(`d.tsv_${query.locale}`);

  const matchers: SQL[] = [];
  let score: SQL = sql`0`;
  let typoMatcher: { matcher: SQL; score: SQL } | null = null;
  if (text) {
    const latin = latinPart(text);
    const grams = cjkQueryGrams(text);
    if (latin) {
      const localeQuery = sql`websearch_to_tsquery(${config}::regconfig, unaccent(${latin}))`;
      const simpleQuery = sql`websearch_to_tsquery('simple', unaccent(${latin}))`;
      matchers.push(sql`${localeVector} @@ ${localeQuery}`, sql`d.tsv_simple @@ ${simpleQuery}`);
      score = sql`${score} + ts_rank(${localeVector}, ${localeQuery}) + 0.5 * ts_rank(d.tsv_simple, ${simpleQuery})`;
      // Typo tolerance only for words long enough to have meaningful trigrams.
      if (latin.replace(/[^a-z0-9]/g, '').length >= 3) typoMatcher = { matcher: sql`${latin} <% d.latin_text`, score: sql`word_similarity(${latin}, d.latin_text)` };
    }
    if (grams.length && hasHan(text)) {
      const runs = text.match(/[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+/gu) ?? [];
      const substring = sql.join(runs.map((run) => sql`d.cjk_text like ${`%${run.toLowerCase()}%`}`), sql` and `);
      matchers.push(sql`(d.cjk_grams @> ${sql`array[${sql.join(grams.map((g) => sql`${g}`), sql`, `)}]::text[]`} and ${substring})`);
      // A match in the Chinese title ranks above one only in the category or brand name.
      const inTitle = sql.join(runs.map((run) => sql`t.title like ${`%${run}%`}`), sql` and `);
      score = sql`${score} + 1 + (case when exists (select 1 from product_translations t where t.product_id = d.product_id and t.locale = 'zh' and ${inTitle}) then 1 else 0 end)`;
    }
  }
  const params = { currency, limit, at, sort, cursor };
  const exact = await runSearch(tx, query, params, matchers, score);
  // Trigram similarity is the costly matcher, so it is the fallback: a query whose words match
  // nothing as typed is tried again as a likely typo ("guci" → Gucci).
  if (exact.total > 0 || !typoMatcher) return exact;
  return runSearch(tx, query, params, [typoMatcher.matcher], typoMatcher.score);
}

interface SearchParams { currency: string; limit: number; at: Date; sort: SearchSort; cursor: ReturnType<typeof decodeCursor> }

async function runSearch(tx: Tx, query: SearchQuery, { currency, limit, at, sort, cursor }: SearchParams, matchers: SQL[], score: SQL): Promise<SearchResult> {
  const filters: SQL[] = [listedSql(sql`p`, at)];
  if (matchers.length) filters.push(sql`(${sql.join(matchers, sql` or `)})`);
  if (query.brand) filters.push(sql`d.brand_id = (select id from brands where slug = ${query.brand})`);
  if (query.category) {
    filters.push(sql`d.category_id in (with recursive tree as (select id from categories where slug = ${query.category}
      union all select c.id from categories c join tree on c.parent_id = tree.id) select id from tree)`);
  }
  if (query.pavilion) {
    filters.push(sql`d.merchant_id in (select s.merchant_id from pavilions pv join pavilion_storefronts ps on ps.pavilion_id = pv.id
      join storefronts s on s.id = ps.storefront_id and s.status = 'live' where pv.slug = ${query.pavilion})`);
  }
  const price = sql`(d.retail_from ->> ${currency})::bigint`;
  if (query.minPrice !== undefined) filters.push(sql`${price} >= ${query.minPrice}`);
  if (query.maxPrice !== undefined) filters.push(sql`${price} <= ${query.maxPrice}`);

  // One numeric sort key, always descending, so relevance, recency and price share the cursor.
  const key = {
    relevance: sql`round((${score})::numeric, 6)`,
    newest: sql`round(extract(epoch from d.created_at)::numeric, 6)`,
    price_asc: sql`-coalesce(${price}, 999999999999999)::numeric`,
    price_desc: sql`coalesce(${price}, -1)::numeric`,
  }[sort];
  const after = cursor ? sql`and (m.sort_key, m.created_at, m.product_id) < (${cursor.key}::numeric, ${cursor.createdAt}::timestamptz, ${cursor.id}::uuid)` : sql``;
  const unit = 10 ** exponentOf(currency);
  const bands = PRICE_BANDS_MAJOR.map(([from, to]) => ({ fromMinor: from * unit, toMinor: to === null ? null : to * unit }));
  const bandCase = sql.join(bands.map((b, i) => sql`when m.price >= ${b.fromMinor} ${b.toMinor === null ? sql`` : sql`and m.price < ${b.toMinor}`} then ${i}`), sql` `);
  const fallback = sql`array[${sql.join(LOCALE_FALLBACK[query.locale].map((l) => sql`${l}`), sql`, `)}]::text[]`;

  const { rows } = await tx.execute(sql`
    with matched as (
      select d.product_id, d.brand_id, d.category_id, d.merchant_id, d.created_at, ${price} as price, ${key} as sort_key, (${score})::float8 as score
      from product_search d join products p on p.id = d.product_id
      where ${sql.join(filters, sql` and `)}
    ), page as (
      select m.* from matched m where true ${after}
      order by m.sort_key desc, m.created_at desc, m.product_id desc limit ${limit + 1}
    )
    select
      (select count(*) from matched)::int as total,
      (select coalesce(jsonb_agg(x order by x.sort_key desc, x.created_at desc, x.product_id desc), '[]'::jsonb) from (
        select pg.product_id, pg.merchant_id, pg.price, pg.score, pg.sort_key, pg.sort_key::text as sort_key_text, pg.created_at,
          to_char(pg.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as created_at_text,
          b.slug as brand_slug, b.name as brand_name, c.slug as category_slug,
          (select jsonb_build_array(t.locale, t.title) from product_translations t where t.product_id = pg.product_id
            order by array_position(${fallback}, t.locale) limit 1) as title,
          (select i.url from product_images i where i.product_id = pg.product_id order by i.position limit 1) as image_url
        from page pg left join brands b on b.id = pg.brand_id left join categories c on c.id = pg.category_id) x) as items,
      (select coalesce(jsonb_agg(jsonb_build_array(b.slug, b.name, f.n) order by f.n desc, b.slug), '[]'::jsonb)
        from (select brand_id, count(*) as n from matched where brand_id is not null group by brand_id) f join brands b on b.id = f.brand_id) as brand_facets,
      (select coalesce(jsonb_agg(jsonb_build_array(c.slug, f.n) order by f.n desc, c.slug), '[]'::jsonb)
        from (select category_id, count(*) as n from matched where category_id is not null group by category_id) f join categories c on c.id = f.category_id) as category_facets,
      (select coalesce(jsonb_agg(jsonb_build_array(f.band, f.n) order by f.band), '[]'::jsonb)
        from (select case ${bandCase} end as band, count(*) as n from matched m where m.price is not null group by 1) f) as price_facets`);
  const row = rows[0];
  const parse = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T;
  const items = parse<any[]>(row.items);
  const hasMore = items.length > limit;
  const pageItems = items.slice(0, limit);
  const last = pageItems[pageItems.length - 1];
  return {
    total: Number(row.total),
    nextCursor: hasMore && last ? encodeCursor({ key: String(last.sort_key_text), createdAt: String(last.created_at_text), id: String(last.product_id) }) : null,
    items: pageItems.map((i) => ({
      productId: String(i.product_id), merchantId: String(i.merchant_id),
      title: i.title ? String(i.title[1]) : null, titleLocale: i.title ? i.title[0] : null,
      brand: i.brand_slug ? { slug: String(i.brand_slug), name: String(i.brand_name) } : null,
      categorySlug: i.category_slug ?? null, priceFromMinor: i.price === null || i.price === undefined ? null : Number(i.price), currency,
      imageUrl: i.image_url ?? null, score: Math.round(Number(i.score) * 1e6) / 1e6,
    })),
    facets: {
      brands: parse<Array<[string, string, number]>>(row.brand_facets).map(([slug, name, count]) => ({ slug, name, count: Number(count) })),
      categories: parse<Array<[string, number]>>(row.category_facets).map(([slug, count]) => ({ slug, count: Number(count) })),
      priceBands: parse<Array<[number, number]>>(row.price_facets).map(([band, count]) => ({ ...bands[Number(band)], count: Number(count) })),
    },
  };
}
