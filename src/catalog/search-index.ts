/**
 * The in-process search index: every listed-or-not product's search document (as PostgreSQL
 * tokenised it), inverted lists per lexeme, Chinese gram and trigram, and the shared facts the
 * visibility rule needs (active merchants, brand owners, authorisations). It answers a query
 * without touching the database; search-service.ts keeps it current from PostgreSQL, which
 * stays the source of truth. No I/O here.
 */
import { LOCALE_FALLBACK, PRICE_BANDS_MAJOR, type SearchCursor, type SearchSort } from './model.js';
import type { CatalogLocale } from './schema.js';
import { type TextVector, type TsQuery, matches, queryLexemes, trigramSequence, tsRank, wordSimilarity } from './text-match.js';

export type VectorField = 'es' | 'it' | 'en' | 'simple';

export interface SearchDoc {
  productId: string;
  merchantId: string;
  brandId: string | null;
  categoryId: string | null;
  /** created_at as ISO text with microseconds (sorts as text). */
  created: string;
  /** status = 'active' and no takedown. */
  active: boolean;
  vectors: Record<VectorField, TextVector>;
  latinText: string;
  cjkText: string;
  cjkGrams: string[];
  retailFrom: Record<string, number>;
  titles: Partial<Record<CatalogLocale, string>>;
  imageUrl: string | null;
}

export interface SharedFacts {
  activeMerchants: Set<string>;
  brands: Map<string, { slug: string; name: string; ownerMerchantId: string }>;
  /** Unrevoked authorisations, validity in epoch milliseconds [from, to). */
  authorisations: Array<{ brandId: string; merchantId: string; from: number; to: number }>;
  categories: Map<string, { slug: string; parentId: string | null }>;
  /** Pavilion slug → merchants with a live storefront in it. */
  pavilions: Map<string, Set<string>>;
}

/** The text part of a query, already parsed: PostgreSQL's tsqueries and the Chinese runs. */
export interface TextQuery {
  localeField: VectorField;
  localeQuery: TsQuery | null;
  simpleQuery: TsQuery | null;
  /** Han runs of the query (lower-cased), all of which must be substrings of the Chinese text. */
  hanRuns: string[];
  /** Their bigrams (or single characters), which must all be among the document's grams. */
  hanGrams: string[];
  /** Accent-folded Latin text for the typo fallback; null when too short for trigrams. */
  typoText: string | null;
  /** True when the query had Latin words (even if they were all stop words). */
  hasLatin: boolean;
}

export interface IndexQuery {
  text: TextQuery | null;
  brand?: string;
  category?: string;
  pavilion?: string;
  currency: string;
  currencyUnit: number;
  minPrice?: number;
  maxPrice?: number;
  sort: SearchSort;
  cursor: SearchCursor | null;
  limit: number;
  at: number;
}

export interface IndexHit { doc: SearchDoc; score: number; key: number; price: number | null }

export interface IndexResult {
  total: number;
  page: IndexHit[];
  hasMore: boolean;
  brandFacets: Array<{ slug: string; name: string; count: number }>;
  categoryFacets: Array<{ slug: string; count: number }>;
  priceFacets: Array<{ fromMinor: number; toMinor: number | null; count: number }>;
}

const TYPO_THRESHOLD = Math.fround(0.6); // pg_trgm.word_similarity_threshold, compared as float4

export class SearchIndex {
  private slots: Array<SearchDoc | null> = [];
  private slotOf = new Map<string, number>();
  /** Inverted lists: per vector field, Chinese grams ('cjk') and Latin trigrams ('trgm'), term → slots ascending. */
  private postings = new Map<VectorField | 'cjk' | 'trgm', Map<string, number[]>>();
  private dead = 0;
  private interned = new Map<string, string>();
  shared: SharedFacts = { activeMerchants: new Set(), brands: new Map(), authorisations: [], categories: new Map(), pavilions: new Map() };

  get size(): number { return this.slotOf.size; }

  private boundaries: { of: SharedFacts; times: number[] } | null = null;

  /**
   * Which stretch of time between authorisation starts and ends an instant falls in: the
   * visibility rule gives the same answer for every instant of one stretch.
   */
  visibilityPeriod(at: number): number {
    if (this.boundaries?.of !== this.shared) {
      this.boundaries = { of: this.shared, times: [...new Set(this.shared.authorisations.flatMap((a) => [a.from, a.to]))].sort((a, b) => a - b) };
    }
    const { times } = this.boundaries;
    let lo = 0;
    let hi = times.length;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (times[mid] <= at) lo = mid + 1; else hi = mid; }
    return lo;
  }

  /** One lexeme or gram string shared by every document that has it. */
  intern = (s: string): string => {
    const known = this.interned.get(s);
    if (known !== undefined) return known;
    this.interned.set(s, s);
    return s;
  };

  /** Adds or replaces a product's document; null removes it. */
  put(productId: string, doc: SearchDoc | null): void {
    const old = this.slotOf.get(productId);
    if (old !== undefined) { this.slots[old] = null; this.slotOf.delete(productId); this.dead++; }
    if (doc) {
      const slot = this.slots.length;
      this.slots.push(doc);
      this.slotOf.set(productId, slot);
      this.post(slot, doc);
    }
    // Replaced documents leave their slots behind; rebuild the lists once they are many.
    if (this.dead > 1000 && this.dead > this.slotOf.size) this.compact();
  }

  private post(slot: number, doc: SearchDoc): void {
    for (const field of ['es', 'it', 'en', 'simple'] as const) for (const lexeme of doc.vectors[field].keys()) this.list(field, lexeme).push(slot);
    for (const gram of doc.cjkGrams) this.list('cjk', gram).push(slot);
    for (const trigram of new Set(trigramSequence(doc.latinText))) this.list('trgm', trigram).push(slot);
  }

  private list(kind: VectorField | 'cjk' | 'trgm', term: string): number[] {
    let lists = this.postings.get(kind);
    if (!lists) { lists = new Map(); this.postings.set(kind, lists); }
    let list = lists.get(term);
    if (!list) { list = []; lists.set(term, list); }
    return list;
  }

  private posting(kind: VectorField | 'cjk' | 'trgm', term: string): number[] {
    return this.postings.get(kind)?.get(term) ?? [];
  }

  private compact(): void {
    const docs = this.slots.filter((d): d is SearchDoc => d !== null);
    this.slots = [];
    this.slotOf.clear();
    this.postings.clear();
    this.dead = 0;
    for (const doc of docs) { const slot = this.slots.length; this.slots.push(doc); this.slotOf.set(doc.productId, slot); this.post(slot, doc); }
  }

  search(query: IndexQuery): IndexResult {
    const visible = this.visibility(query);
    if (!query.text) return this.collect(query, visible, this.allSlots(), () => 0);
    const exact = this.exactMatches(query.text);
    const result = this.collect(query, visible, exact, (doc) => this.exactScore(query.text!, doc));
    if (result.total > 0 || !query.text.typoText) return result;
    // Trigram similarity is the fallback: a query whose words match nothing as typed is tried
    // again as a likely typo ("guci" → Gucci).
    const similarity = new Map<SearchDoc, number>();
    const typo = this.typoMatches(query.text.typoText, similarity);
    return this.collect(query, visible, typo, (doc) => similarity.get(doc) ?? 0);
  }

  private allSlots(): number[] {
    const out: number[] = [];
    for (let i = 0; i < this.slots.length; i++) if (this.slots[i]) out.push(i);
    return out;
  }

  /** Slots matching any of the text matchers, ascending, each once. */
  private exactMatches(text: TextQuery): number[] {
    const marked = new Set<number>();
    const tryQuery = (field: VectorField, q: TsQuery | null) => {
      if (!q) return;
      // A one-word query's candidates are its word's list: each of them matches.
      const single = q.kind === 'term';
      for (const slot of this.candidates(field, q)) {
        const doc = this.slots[slot];
        if (doc && !marked.has(slot) && (single || matches(doc.vectors[field], q))) marked.add(slot);
      }
    };
    tryQuery(text.localeField, text.localeQuery);
    tryQuery('simple', text.simpleQuery);
    if (text.hanGrams.length) {
      const lists = text.hanGrams.map((g) => this.posting('cjk', g)).sort((a, b) => a.length - b.length);
      for (const slot of lists[0]) {
        const doc = this.slots[slot];
        if (doc && !marked.has(slot) && text.hanGrams.every((g) => doc.cjkGrams.includes(g)) && text.hanRuns.every((run) => doc.cjkText.includes(run))) marked.add(slot);
      }
    }
    return [...marked].sort((a, b) => a - b);
  }

  /** Slots that may match a tsquery: the shortest list of a required lexeme, or every list it names. */
  private candidates(field: VectorField, q: TsQuery): Iterable<number> {
    const required = requiredLexemes(q);
    if (required.length) {
      let best: number[] | undefined;
      for (const lexeme of required) {
        const list = this.posting(field, lexeme);
        if (!best || list.length < best.length) best = list;
      }
      return best ?? [];
    }
    if (hasNegation(q)) return this.allSlots();
    const union = new Set<number>();
    for (const lexeme of queryLexemes(q)) for (const slot of this.posting(field, lexeme)) union.add(slot);
    return union;
  }

  private exactScore(text: TextQuery, doc: SearchDoc): number {
    let score = 0;
    if (text.hasLatin) score += tsRank(doc.vectors[text.localeField], text.localeQuery) + 0.5 * tsRank(doc.vectors.simple, text.simpleQuery);
    // A match in the Chinese title ranks above one only in the category or brand name.
    if (text.hanGrams.length) score += 1 + (text.hanRuns.every((run) => (doc.titles.zh ?? '').toLowerCase().includes(run)) ? 1 : 0);
    return score;
  }

  private typoMatches(typoText: string, similarity: Map<SearchDoc, number>): number[] {
    const trigrams = new Set(trigramSequence(typoText));
    const counts = new Map<number, number>();
    for (const trigram of trigrams) for (const slot of this.posting('trgm', trigram)) counts.set(slot, (counts.get(slot) ?? 0) + 1);
    const out: number[] = [];
    for (const [slot, count] of counts) {
      const doc = this.slots[slot];
      // Similarity can only reach the threshold if enough of the query's trigrams occur at all.
      if (!doc || count / trigrams.size < TYPO_THRESHOLD) continue;
      const s = wordSimilarity(trigrams, trigramSequence(doc.latinText));
      if (Math.fround(s) >= TYPO_THRESHOLD) { similarity.set(doc, s); out.push(slot); }
    }
    return out.sort((a, b) => a - b);
  }

  /** The visibility rule and the query's filters, as one predicate over documents. */
  private visibility(query: IndexQuery): (doc: SearchDoc) => boolean {
    const { shared } = this;
    const authorised = new Set(shared.authorisations.filter((a) => a.from <= query.at && a.to > query.at).map((a) => `${a.brandId}|${a.merchantId}`));
    const brandId = query.brand === undefined ? undefined : [...shared.brands].find(([, b]) => b.slug === query.brand)?.[0] ?? null;
    const categoryIds = query.category === undefined ? undefined : this.categoryTree(query.category);
    const pavilionMerchants = query.pavilion === undefined ? undefined : shared.pavilions.get(query.pavilion) ?? new Set<string>();
    const { currency, minPrice, maxPrice } = query;
    return (doc) => {
      if (!doc.active || !shared.activeMerchants.has(doc.merchantId)) return false;
      if (doc.brandId !== null && shared.brands.get(doc.brandId)?.ownerMerchantId !== doc.merchantId && !authorised.has(`${doc.brandId}|${doc.merchantId}`)) return false;
      if (brandId !== undefined && doc.brandId !== brandId) return false;
      if (categoryIds && (doc.categoryId === null || !categoryIds.has(doc.categoryId))) return false;
      if (pavilionMerchants && !pavilionMerchants.has(doc.merchantId)) return false;
      if (minPrice !== undefined || maxPrice !== undefined) {
        const price = doc.retailFrom[currency];
        if (price === undefined || (minPrice !== undefined && price < minPrice) || (maxPrice !== undefined && price > maxPrice)) return false;
      }
      return true;
    };
  }

  private categoryTree(slug: string): Set<string> {
    const ids = new Set<string>();
    for (const [id, c] of this.shared.categories) if (c.slug === slug) ids.add(id);
    for (let grew = true; grew;) {
      grew = false;
      for (const [id, c] of this.shared.categories) if (c.parentId && ids.has(c.parentId) && !ids.has(id)) { ids.add(id); grew = true; }
    }
    return ids;
  }

  /** Filters, counts facets and total over every match, and keeps the page after the cursor. */
  private collect(query: IndexQuery, visible: (doc: SearchDoc) => boolean, slots: number[], score: (doc: SearchDoc) => number): IndexResult {
    const bands = PRICE_BANDS_MAJOR.map(([from, to]) => ({ fromMinor: from * query.currencyUnit, toMinor: to === null ? null : to * query.currencyUnit }));
    const brandCounts = new Map<string, number>();
    const categoryCounts = new Map<string, number>();
    const bandCounts = new Array<number>(bands.length).fill(0);
    const pageSize = query.limit + 1;
    const page: IndexHit[] = [];
    const cursor = query.cursor ? { key: Number(query.cursor.key), created: query.cursor.createdAt, id: query.cursor.id } : null;
    let total = 0;
    for (const slot of slots) {
      const doc = this.slots[slot];
      if (!doc || !visible(doc)) continue;
      total++;
      if (doc.brandId !== null) brandCounts.set(doc.brandId, (brandCounts.get(doc.brandId) ?? 0) + 1);
      if (doc.categoryId !== null) categoryCounts.set(doc.categoryId, (categoryCounts.get(doc.categoryId) ?? 0) + 1);
      const price = doc.retailFrom[query.currency] ?? null;
      if (price !== null) {
        for (let b = 0; b < bands.length; b++) {
          const upper = bands[b].toMinor;
          if (price >= bands[b].fromMinor && (upper === null || price < upper)) { bandCounts[b]++; break; }
        }
      }
      const s = query.sort === 'relevance' ? score(doc) : 0;
      const key = query.sort === 'relevance' ? Math.round(s * 1e6) / 1e6
        : query.sort === 'newest' ? 0
        : query.sort === 'price_asc' ? -(price ?? 999999999999999)
        : (price ?? -1);
      if (cursor && compareHit(key, doc, cursor.key, cursor.created, cursor.id) >= 0) continue;
      // Keep the best pageSize hits, ordered by key, then creation, then id, all descending.
      if (page.length === pageSize && compareHit(key, doc, page[pageSize - 1].key, page[pageSize - 1].doc.created, page[pageSize - 1].doc.productId) <= 0) continue;
      let at = page.length;
      while (at > 0 && compareHit(key, doc, page[at - 1].key, page[at - 1].doc.created, page[at - 1].doc.productId) > 0) at--;
      page.splice(at, 0, { doc, score: s, key, price });
      if (page.length > pageSize) page.pop();
    }
    const { brands, categories } = this.shared;
    return {
      total,
      page: page.slice(0, query.limit),
      hasMore: page.length > query.limit,
      brandFacets: [...brandCounts].flatMap(([id, count]) => { const b = brands.get(id); return b ? [{ slug: b.slug, name: b.name, count }] : []; })
        .sort((a, b) => b.count - a.count || (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0)),
      categoryFacets: [...categoryCounts].flatMap(([id, count]) => { const c = categories.get(id); return c ? [{ slug: c.slug, count }] : []; })
        .sort((a, b) => b.count - a.count || (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0)),
      priceFacets: bands.map((b, i) => ({ ...b, count: bandCounts[i] })).filter((b) => b.count > 0),
    };
  }
}

/** Positive when (key, doc) sorts before the other hit in the descending order. */
function compareHit(key: number, doc: SearchDoc, otherKey: number, otherCreated: string, otherId: string): number {
  if (key !== otherKey) return key > otherKey ? 1 : -1;
  if (doc.created !== otherCreated) return doc.created > otherCreated ? 1 : -1;
  if (doc.productId !== otherId) return doc.productId > otherId ? 1 : -1;
  return 0;
}

/** Lexemes every match must contain (the terms of the top-level conjunction). */
function requiredLexemes(q: TsQuery): string[] {
  if (q.kind === 'term') return [q.lexeme];
  if (q.kind === 'and' || q.kind === 'phrase') return [...requiredLexemes(q.left), ...requiredLexemes(q.right)];
  return [];
}

function hasNegation(q: TsQuery): boolean {
  if (q.kind === 'not') return true;
  if (q.kind === 'term') return false;
  return hasNegation(q.left) || hasNegation(q.right);
}

/** The title to show: the requested language, else the fallback order. */
export function displayTitle(doc: SearchDoc, locale: CatalogLocale): { locale: CatalogLocale; title: string } | null {
  for (const candidate of LOCALE_FALLBACK[locale]) {
    const title = doc.titles[candidate];
    if (title !== undefined) return { locale: candidate, title };
  }
  return null;
}
