import { asc, eq } from 'drizzle-orm';
import type { Tx } from '../db/tx.js';
import { DomainError } from '../http/problem.js';
import { type Principal, actsForMerchant } from '../identity/model.js';
import { merchants } from './schema.js';
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
