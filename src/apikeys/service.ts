import { and, eq, isNull } from 'drizzle-orm';
import { createHash, randomBytes } from 'node:crypto';
import type { Tx } from '../db/tx.js';
import { DomainError } from '../http/problem.js';
import './errors.js';
import { apiKeys } from './schema.js';
import type { Principal } from '../identity/index.js';


const hashKey = (key: string) => createHash('sha256').update(key).digest('hex');
const listed = { id: apiKeys.id, merchantId: apiKeys.merchantId, kind: apiKeys.kind, name: apiKeys.name, prefix: apiKeys.prefix, scopes: apiKeys.scopes, createdAt: apiKeys.createdAt, revokedAt: apiKeys.revokedAt };

export interface NewApiKey { kind: 'publishable' | 'secret'; name: string; scopes?: Array<'read' | 'write'>; merchantId?: string }

/** Creates a key; the clear key is in this answer only (a 256-bit random value, so a plain SHA-256 is enough at rest). */
export async function createApiKey(tx: Tx, principal: Principal, input: NewApiKey) {
  const merchantId = principal.role === 'merchant' ? principal.merchantId : input.merchantId ?? null;
  if (principal.role === 'merchant' && input.merchantId && input.merchantId !== principal.merchantId) throw new DomainError('http.not_found', 'No such merchant resource');
  const key = `${input.kind === 'publishable' ? 'mk_pub_' : 'mk_sec_'}${randomBytes(32).toString('base64url')}`;
  const scopes: Array<'read' | 'write'> = input.kind === 'publishable' ? ['read'] : [...new Set(input.scopes ?? ['read' as const])];
  const values: typeof apiKeys.$inferInsert = { merchantId, kind: input.kind, name: input.name, prefix: key.slice(0, 14), keyHash: hashKey(key), scopes, createdBy: principal.accountId };
  const [row] = await tx.insert(apiKeys).values(values).returning(listed);
  return { ...row, key };
}

export async function listApiKeys(tx: Tx, principal: Principal) {
  return tx.select(listed).from(apiKeys).where(principal.role === 'merchant' ? eq(apiKeys.merchantId, principal.merchantId!) : undefined).orderBy(apiKeys.createdAt);
}

export async function revokeApiKey(tx: Tx, principal: Principal, id: string): Promise<void> {
  const [row] = await tx.select(listed).from(apiKeys).where(eq(apiKeys.id, id));
  if (!row || (principal.role === 'merchant' && row.merchantId !== principal.merchantId)) throw new DomainError('api_keys.not_found', `No API key ${id}`);
  await tx.update(apiKeys).set({ revokedAt: new Date() }).where(and(eq(apiKeys.id, id), isNull(apiKeys.revokedAt)));
}

/** The caller a key stands for: publishable keys none (public routes only); secret keys their merchant's staff, or the operator for a platform key. */
export async function principalForApiKey(tx: Tx, key: string): Promise<{ kind: 'publishable' | 'secret'; scopes: string[]; principal: Principal | null }> {
  const [row] = await tx.select().from(apiKeys).where(and(eq(apiKeys.keyHash, hashKey(key)), isNull(apiKeys.revokedAt)));
  if (!row) throw new DomainError('api_keys.invalid', 'The x-api-key header names no live API key');
  if (row.kind === 'publishable') return { kind: 'publishable', scopes: row.scopes, principal: null };
  const principal: Principal = row.merchantId
    ? { accountId: row.createdBy, email: `api-key:${row.prefix}`, role: 'merchant', merchantId: row.merchantId, locationId: null }
    : { accountId: row.createdBy, email: `api-key:${row.prefix}`, role: 'operator', merchantId: null, locationId: null };
  return { kind: 'secret', scopes: row.scopes, principal };
}
