import { and, asc, eq, or, sql } from 'drizzle-orm';
// A CommonJS package: Node's ESM loader (the compiled server) sees only its default export.
import countries from 'i18n-iso-countries';
import { type Tx, pgCode } from '../db/tx.js';
import { DomainError } from '../http/problem.js';
import { type Principal, actsForMerchant } from '../identity/index.js';
import { recordEvent } from '../events/index.js';
import { authorisationValid } from './model.js';
import { brandAuthorisations, brands, merchants, pavilionStorefronts, pavilions, storefronts, type LocalisedText } from './schema.js';
import './errors.js';

export type Merchant = typeof merchants.$inferSelect;
export type NewMerchant = Pick<typeof merchants.$inferInsert, 'id' | 'legalName' | 'country' | 'kind' | 'settlementCurrency' | 'commissionBps' | 'status'>;
export type MerchantChanges = Partial<Pick<Merchant, 'legalName' | 'country' | 'settlementCurrency'>>;

export async function createMerchant(tx: Tx, input: NewMerchant): Promise<Merchant> {
  const [row] = await tx.insert(merchants).values(input).returning();
  return row;
}

/** Operators see every merchant; merchant staff only their own. */
export async function listMerchants(tx: Tx, principal: Principal): Promise<Merchant[]> {
  if (principal.role === 'operator') return tx.select().from(merchants).orderBy(asc(merchants.legalName));
  if (principal.role === 'merchant' && principal.merchantId) return tx.select().from(merchants).where(eq(merchants.id, principal.merchantId));
  return [];
}

export async function getMerchant(tx: Tx, principal: Principal, merchantId: string): Promise<Merchant> {
  // Someone else's merchant answers exactly like a missing one.
  if (!actsForMerchant(principal, merchantId)) throw new DomainError('merchants.not_found', `No merchant ${merchantId}`);
  const [row] = await tx.select().from(merchants).where(eq(merchants.id, merchantId));
  if (!row) throw new DomainError('merchants.not_found', `No merchant ${merchantId}`);
  return row;
}

export async function updateMerchant(tx: Tx, principal: Principal, merchantId: string, changes: MerchantChanges): Promise<Merchant> {
  await getMerchant(tx, principal, merchantId);
  const [row] = await tx.update(merchants).set(changes).where(eq(merchants.id, merchantId)).returning();
  return row;
}

// --- storefronts and pavilions -----------------------------------------------------------------

export type Storefront = typeof storefronts.$inferSelect;
export type NewStorefront = { name: string; slug: string; logoUrl?: string | null; description?: LocalisedText };

function slugConflict(error: unknown, what: string): never {
  if (pgCode(error) === '23505') throw new DomainError('merchants.slug_taken', `The slug of this ${what} is already in use`);
  throw error;
}

export async function createStorefront(tx: Tx, principal: Principal, merchantId: string, input: NewStorefront): Promise<Storefront> {
  await getMerchant(tx, principal, merchantId);
  try {
    const [row] = await tx.insert(storefronts).values({ ...input, merchantId }).returning();
    return row;
  } catch (error) { slugConflict(error, 'storefront'); }
}

export async function listStorefronts(tx: Tx, merchantId: string): Promise<Storefront[]> {
  return tx.select().from(storefronts).where(eq(storefronts.merchantId, merchantId)).orderBy(asc(storefronts.createdAt));
}

export async function getStorefront(tx: Tx, storefrontId: string, merchantId?: string): Promise<Storefront> {
  const [row] = await tx.select().from(storefronts).where(merchantId
    ? and(eq(storefronts.id, storefrontId), eq(storefronts.merchantId, merchantId)) : eq(storefronts.id, storefrontId));
  if (!row) throw new DomainError('merchants.storefront_not_found', `No storefront ${storefrontId}`);
  return row;
}

export async function updateStorefront(tx: Tx, merchantId: string, storefrontId: string, changes: Partial<NewStorefront>): Promise<Storefront> {
  await getStorefront(tx, storefrontId, merchantId);
  try {
    const [row] = await tx.update(storefronts).set(changes).where(eq(storefronts.id, storefrontId)).returning();
    return row;
  } catch (error) { slugConflict(error, 'storefront'); }
}

export type Pavilion = typeof pavilions.$inferSelect;

export async function createPavilion(tx: Tx, input: { slug: string; name: LocalisedText; description?: LocalisedText }): Promise<Pavilion> {
  try {
    const [row] = await tx.insert(pavilions).values(input).returning();
    return row;
  } catch (error) { slugConflict(error, 'pavilion'); }
}

export async function setPavilionStorefronts(tx: Tx, pavilionId: string, storefrontIds: string[]): Promise<void> {
  const [pavilion] = await tx.select({ id: pavilions.id }).from(pavilions).where(eq(pavilions.id, pavilionId));
  if (!pavilion) throw new DomainError('merchants.pavilion_not_found', `No pavilion ${pavilionId}`);
  for (const id of storefrontIds) await getStorefront(tx, id);
  await tx.delete(pavilionStorefronts).where(eq(pavilionStorefronts.pavilionId, pavilionId));
  if (storefrontIds.length) await tx.insert(pavilionStorefronts).values(storefrontIds.map((storefrontId, position) => ({ pavilionId, storefrontId, position })));
}

export interface PavilionView extends Pavilion { storefronts: Array<Pick<Storefront, 'id' | 'name' | 'slug' | 'logoUrl' | 'description' | 'merchantId'>> }

/** Pavilions with their live storefronts, as shoppers browse them. */
export async function listPavilions(tx: Tx): Promise<PavilionView[]> {
  const rows = await tx.select().from(pavilions).orderBy(asc(pavilions.slug));
  const members = await tx.select({ pavilionId: pavilionStorefronts.pavilionId, storefront: storefronts }).from(pavilionStorefronts)
    .innerJoin(storefronts, eq(storefronts.id, pavilionStorefronts.storefrontId))
    .where(eq(storefronts.status, 'live')).orderBy(asc(pavilionStorefronts.position));
  return rows.map((p) => ({
    ...p,
    storefronts: members.filter((m) => m.pavilionId === p.id).map(({ storefront: s }) => ({ id: s.id, name: s.name, slug: s.slug, logoUrl: s.logoUrl, description: s.description, merchantId: s.merchantId })),
  }));
}

// --- brands and authorisations -----------------------------------------------------------------

export type Brand = typeof brands.$inferSelect;
export type NewBrand = Omit<typeof brands.$inferInsert, 'id' | 'createdAt'>;
export type BrandAuthorisation = typeof brandAuthorisations.$inferSelect;

export async function createBrand(tx: Tx, input: NewBrand): Promise<Brand> {
  const [owner] = await tx.select({ id: merchants.id }).from(merchants).where(eq(merchants.id, input.ownerMerchantId));
  if (!owner) {
    throw new DomainError('http.reference_not_found', `No merchant ${input.ownerMerchantId} to own the brand`, {}, [{ field: '/ownerMerchantId', message: 'is not a known merchant' }]);
  }
  try {
    const [row] = await tx.insert(brands).values(input).returning();
    return row;
  } catch (error) { slugConflict(error, 'brand'); }
}

export async function listBrands(tx: Tx): Promise<Brand[]> {
  return tx.select().from(brands).orderBy(asc(brands.name));
}

export async function getBrand(tx: Tx, brandId: string): Promise<Brand> {
  const [row] = await tx.select().from(brands).where(eq(brands.id, brandId));
  if (!row) throw new DomainError('merchants.brand_not_found', `No brand ${brandId}`);
  return row;
}

async function ownedBrand(tx: Tx, ownerMerchantId: string, brandId: string): Promise<Brand> {
  const brand = await getBrand(tx, brandId);
  if (brand.ownerMerchantId !== ownerMerchantId) throw new DomainError('merchants.not_brand_owner', `Merchant ${ownerMerchantId} does not own brand ${brand.name}`);
  return brand;
}

/** The owner of a brand lets another merchant list under it for a period. */
export async function grantAuthorisation(tx: Tx, ownerMerchantId: string, input: { brandId: string; merchantId: string; scope?: string; territories?: string[] | null; validFrom: Date; validTo: Date; grantedBy?: string | null }): Promise<BrandAuthorisation> {
  await ownedBrand(tx, ownerMerchantId, input.brandId);
  if (input.territories) input = { ...input, territories: territoryCodes(input.territories) };
  const [reseller] = await tx.select({ id: merchants.id }).from(merchants).where(eq(merchants.id, input.merchantId));
  if (!reseller) throw new DomainError('merchants.not_found', `No merchant ${input.merchantId}`);
  const [row] = await tx.insert(brandAuthorisations).values(input).returning();
  await recordEvent(tx, 'brand_authorisation.granted', row.id, { brandId: row.brandId, merchantId: row.merchantId, territories: row.territories, validTo: row.validTo.toISOString() });
  return row;
}

/** Territories as sorted, distinct ISO 3166-1 alpha-2 codes; an unknown code is refused. */
export function territoryCodes(codes: string[]): string[] {
  const unknown = codes.filter((c) => !/^[A-Z]{2}$/.test(c) || !countries.isValid(c));
  if (unknown.length > 0 || codes.length === 0) {
    throw new DomainError('merchants.territory_invalid', unknown.length ? `Not ISO 3166-1 alpha-2 country codes: ${unknown.join(', ')}` : 'Name at least one country, or leave territories out for everywhere', { unknown },
      unknown.map((code) => ({ field: `/territories/${codes.indexOf(code)}`, message: `${code} is not an ISO 3166-1 alpha-2 country code` })));
  }
  return [...new Set(codes)].sort();
}

/** Revoking keeps the row (the audit of who could list when); the listings hide at once. */
export async function revokeAuthorisation(tx: Tx, ownerMerchantId: string, authorisationId: string, now = new Date()): Promise<BrandAuthorisation> {
  const [found] = await tx.select().from(brandAuthorisations).where(eq(brandAuthorisations.id, authorisationId));
  if (!found) throw new DomainError('merchants.authorisation_not_found', `No authorisation ${authorisationId}`);
  const brand = await getBrand(tx, found.brandId);
  if (brand.ownerMerchantId !== ownerMerchantId) throw new DomainError('merchants.authorisation_not_found', `No authorisation ${authorisationId}`);
  const [row] = await tx.update(brandAuthorisations).set({ revokedAt: sql`coalesce(${brandAuthorisations.revokedAt}, ${now})` })
    .where(eq(brandAuthorisations.id, authorisationId)).returning();
  await recordEvent(tx, 'brand_authorisation.revoked', row.id, { brandId: row.brandId, merchantId: row.merchantId });
  return row;
}

/** Authorisations a merchant granted (as brand owner) or holds (as reseller). */
export async function listAuthorisations(tx: Tx, merchantId: string): Promise<Array<BrandAuthorisation & { brandName: string; validNow: boolean }>> {
  const rows = await tx.select({ a: brandAuthorisations, brandName: brands.name }).from(brandAuthorisations)
    .innerJoin(brands, eq(brands.id, brandAuthorisations.brandId))
    .where(or(eq(brands.ownerMerchantId, merchantId), eq(brandAuthorisations.merchantId, merchantId)))
    .orderBy(asc(brands.name), asc(brandAuthorisations.validFrom));
  const now = new Date();
  return rows.map(({ a, brandName }) => ({ ...a, brandName, validNow: authorisationValid(a, now) }));
}

/** May this merchant list under this brand at this moment (owner or validly authorised)? */
export async function mayListUnderBrand(tx: Tx, merchantId: string, brandId: string, at = new Date()): Promise<boolean> {
  const { rows } = await tx.execute(sql`
    select 1 from brands b where b.id = ${brandId} and (b.owner_merchant_id = ${merchantId} or exists (
      select 1 from brand_authorisations a where a.brand_id = b.id and a.merchant_id = ${merchantId}
        and a.revoked_at is null and a.valid_from <= ${at} and a.valid_to > ${at}))`);
  return rows.length > 0;
}

/** The brand with this slug, if any (the catalogue import names brands by slug). */
export async function brandIdBySlug(tx: Tx, slug: string): Promise<string | null> {
  const [row] = await tx.select({ id: brands.id }).from(brands).where(eq(brands.slug, slug));
  return row?.id ?? null;
}
