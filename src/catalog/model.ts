/**
 * Pure rules of the catalogue: barcodes, translation fallback, B2B tier pricing and MOQ, the
 * text normalisation search relies on, price bands and search cursors. No I/O here.
 */
import type { CatalogLocale } from './schema.js';

export const CATALOG_LOCALES: readonly CatalogLocale[] = ['es', 'it', 'en', 'zh'];

/** Which translation to show when the requested one is missing. */
export const LOCALE_FALLBACK: Record<CatalogLocale, readonly CatalogLocale[]> = {
  es: ['es', 'en', 'it', 'zh'],
  it: ['it', 'en', 'es', 'zh'],
  en: ['en', 'es', 'it', 'zh'],
  zh: ['zh', 'en', 'es', 'it'],
};

export function pickTranslation<T>(byLocale: Partial<Record<CatalogLocale, T>>, locale: CatalogLocale): { locale: CatalogLocale; value: T } | null {
  for (const candidate of LOCALE_FALLBACK[locale]) {
    const value = byLocale[candidate];
    if (value !== undefined && value !== null && value !== '') return { locale: candidate, value };
  }
  return null;
}

/** PostgreSQL text-search configuration per locale (stemming); Chinese is handled by n-grams. */
export const SEARCH_CONFIG: Record<CatalogLocale, 'spanish' | 'italian' | 'english' | 'simple'> = { es: 'spanish', it: 'italian', en: 'english', zh: 'simple' };

/** EAN-13: 13 digits whose last is the check digit (weights 1,3,1,3… over the first twelve). */
export function isValidEan13(code: string): boolean {
  if (!/^[0-9]{13}$/.test(code)) return false;
  const digits = [...code].map(Number);
  const sum = digits.slice(0, 12).reduce((s, d, i) => s + d * (i % 2 === 0 ? 1 : 3), 0);
  return (10 - (sum % 10)) % 10 === digits[12];
}

/** Completes twelve digits into a valid EAN-13 (demo data, benchmarks). */
export function ean13(twelveDigits: string): string {
  const sum = [...twelveDigits].map(Number).reduce((s, d, i) => s + d * (i % 2 === 0 ? 1 : 3), 0);
  return `${twelveDigits}${(10 - (sum % 10)) % 10}`;
}

// --- price lists ---------------------------------------------------------------------------------

export interface PriceTier { minQuantity: number; unitAmountMinor: number }

export type TierOutcome =
  | { ok: true; unitAmountMinor: number; lineAmountMinor: number; tierMinQuantity: number }
  | { ok: false; reason: 'below_moq'; moq: number }
  | { ok: false; reason: 'no_tier' };

/** The unit price for a quantity: the tier with the highest minimum not above it; MOQ first. */
export function priceForQuantity(tiers: readonly PriceTier[], moq: number, quantity: number): TierOutcome {
  if (quantity < moq) return { ok: false, reason: 'below_moq', moq };
  let best: PriceTier | undefined;
  for (const tier of tiers) if (tier.minQuantity <= quantity && (!best || tier.minQuantity > best.minQuantity)) best = tier;
  if (!best) return { ok: false, reason: 'no_tier' };
  return { ok: true, unitAmountMinor: best.unitAmountMinor, lineAmountMinor: best.unitAmountMinor * quantity, tierMinQuantity: best.minQuantity };
}

/** A list's tiers must start at its MOQ and never get dearer as quantity grows. */
export function tiersProblem(tiers: readonly PriceTier[], moq: number): string | null {
  if (!tiers.length) return 'at least one tier is needed';
  const sorted = [...tiers].sort((a, b) => a.minQuantity - b.minQuantity);
  if (sorted[0].minQuantity !== moq) return `the first tier must start at the minimum order quantity (${moq})`;
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i].minQuantity === sorted[i - 1].minQuantity) return `two tiers start at ${sorted[i].minQuantity}`;
    if (sorted[i].unitAmountMinor > sorted[i - 1].unitAmountMinor) return `the tier from ${sorted[i].minQuantity} is dearer than the one before`;
  }
  return null;
}

// --- search text ---------------------------------------------------------------------------------

const HAN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/u;
const HAN_RUN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+/gu;

export function hasHan(text: string): boolean {
  return HAN.test(text);
}

/** The Han runs of a text. */
export function hanRuns(text: string): string[] {
  return text.match(HAN_RUN) ?? [];
}

/**
 * The grams a query must all find in a document's `cjk_grams` (1- and 2-character grams of its
 * Chinese text): bigrams of each run, or the single character of a one-character run.
 */
export function cjkQueryGrams(query: string): string[] {
  const grams = new Set<string>();
  for (const run of hanRuns(query)) {
    const chars = [...run];
    if (chars.length === 1) grams.add(chars[0]);
    for (let i = 0; i + 1 < chars.length; i++) grams.add(chars[i] + chars[i + 1]);
  }
  return [...grams];
}

/** Latin part of a query, lower-cased and accent-folded (what trigram similarity compares). */
export function latinPart(query: string): string {
  return query.replace(HAN_RUN, ' ').normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
}

// --- facets and cursors ----------------------------------------------------------------------

/** Price bands for the facet, in major units of the currency, upper bound exclusive. */
export const PRICE_BANDS_MAJOR: ReadonlyArray<[number, number | null]> = [[0, 50], [50, 200], [200, 1000], [1000, 5000], [5000, null]];

export type SearchSort = 'relevance' | 'newest' | 'price_asc' | 'price_desc';

/** Where the next page starts: the last item's sort key, creation time and id. */
export interface SearchCursor { key: string; createdAt: string; id: string }

export function encodeCursor(cursor: SearchCursor): string {
  return Buffer.from(JSON.stringify([cursor.key, cursor.createdAt, cursor.id])).toString('base64url');
}

export function decodeCursor(text: string): SearchCursor | null {
  try {
    const [key, createdAt, id] = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as unknown[];
    if (typeof key !== 'string' || !/^-?[0-9]+(\.[0-9]+)?$/.test(key)) return null;
    if (typeof createdAt !== 'string' || Number.isNaN(Date.parse(createdAt))) return null;
    if (typeof id !== 'string' || !/^[0-9a-f-]{36}$/.test(id)) return null;
    return { key, createdAt, id };
  } catch {
    return null;
  }
}
