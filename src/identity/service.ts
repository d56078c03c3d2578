import { and, eq, sql, lt } from 'drizzle-orm';
import type { Tx } from '../db/tx.js';
import { pgConstraint } from '../db/tx.js';
import { DomainError } from '../http/problem.js';
import { accounts, sessions } from './schema.js';
import {
  type Locale, type Principal, type Role, SESSION_TTL_MS, THROTTLE, decoyPasswordHash, hashPassword, hashToken,
  newSessionToken, normaliseEmail, throttleWait, verifyPassword,
} from './model.js';
import './errors.js';

export interface NewAccount {
  email: string;
  password: string;
  displayName: string;
  role: Role;
  merchantId?: string | null;
  locationId?: string | null;
  locale?: Locale;
}

export type Account = Omit<typeof accounts.$inferSelect, 'passwordHash'>;

const publicColumns = {
  id: accounts.id, email: accounts.email, displayName: accounts.displayName, role: accounts.role,
  merchantId: accounts.merchantId, locationId: accounts.locationId, locale: accounts.locale, createdAt: accounts.createdAt,
};

export async function createAccount(tx: Tx, input: NewAccount): Promise<Account> {
  const merchantId = input.merchantId ?? null;
  const locationId = input.locationId ?? null;
  if ((input.role === 'merchant') !== (merchantId !== null)) {
    throw new DomainError('identity.binding_invalid', 'A merchant account needs merchantId, and only a merchant account may have one', {}, [{ field: '/merchantId', message: 'does not match the role' }]);
  }
  if ((input.role === 'associate') !== (locationId !== null)) {
    throw new DomainError('identity.binding_invalid', 'An associate account needs locationId, and only an associate account may have one', {}, [{ field: '/locationId', message: 'does not match the role' }]);
  }
  const passwordHash = await hashPassword(input.password);
  try {
    const [row] = await tx.insert(accounts).values({
      email: normaliseEmail(input.email), passwordHash, displayName: input.displayName, role: input.role,
      merchantId, locationId, locale: input.locale ?? 'en',
    }).returning(publicColumns);
    return row;
  } catch (error) {
    const constraint = pgConstraint(error);
    if (constraint === 'accounts_email_key') throw new DomainError('identity.email_taken', `${normaliseEmail(input.email)} is already registered`);
    if (constraint === 'accounts_merchant_id_fkey') throw new DomainError('identity.binding_invalid', 'No merchant with that id', {}, [{ field: '/merchantId', message: 'does not exist' }]);
    if (constraint === 'accounts_location_id_fkey') throw new DomainError('identity.binding_invalid', 'No location with that id', {}, [{ field: '/locationId', message: 'does not exist' }]);
    throw error;
  }
}

export async function getAccount(tx: Tx, accountId: string): Promise<Account> {
  const [row] = await tx.select(publicColumns).from(accounts).where(eq(accounts.id, accountId));
  if (!row) throw new DomainError('identity.account_not_found', `No account ${accountId}`);
  return row;
}

export interface IssuedSession {
  token: string;
  expiresAt: Date;
  account: Account;
}

export async function startSession(tx: Tx, account: Account, client: { ip?: string; userAgent?: string } = {}): Promise<IssuedSession> {
  const token = newSessionToken();
  const expiresAt = new Date(Date.now() + SESSION_TTL_MS);
  await tx.insert(sessions).values({
    tokenHash: hashToken(token), accountId: account.id, expiresAt, clientIp: client.ip ?? null, userAgent: client.userAgent?.slice(0, 300) ?? null,
  });
  return { token, expiresAt, account };
}

/**
 * Signs in with email and password. Failed attempts are counted per account and per client
 * address; past the limit the caller gets 429 with Retry-After, even with the right password.
 * Throttle counters are written outside any request transaction on purpose: a failed sign-in
 * must still count.
 */
export async function signIn(db: Tx, email: string, password: string, client: { ip: string; userAgent?: string }): Promise<IssuedSession> {
  const accountKey = normaliseEmail(email);
  const now = new Date();
  await refuseIfThrottled(db, 'account', accountKey, THROTTLE.account, now);
  await refuseIfThrottled(db, 'ip', client.ip, THROTTLE.ip, now);

  const [row] = await db.select().from(accounts).where(sql`lower(${accounts.email}) = ${accountKey}`);
  const valid = await verifyPassword(password, row?.passwordHash ?? (await decoyPasswordHash()));
  if (!row || !valid) {
    await recordFailure(db, 'account', accountKey);
    await recordFailure(db, 'ip', client.ip);
    throw new DomainError('identity.invalid_credentials', 'Email or password is wrong');
  }
  await db.execute(sql`delete from login_throttle where scope = 'account' and key = ${accountKey}`);
  const { passwordHash: _omit, ...account } = row;
  return startSession(db, account, client);
}

async function refuseIfThrottled(db: Tx, scope: 'account' | 'ip', key: string, limit: number, now: Date): Promise<void> {
  const result = await db.execute(sql`select failures, window_started_at from login_throttle where scope = ${scope} and key = ${key}`);
  const row = result.rows[0] as { failures: number; window_started_at: string | Date } | undefined;
  if (!row) return;
  const wait = throttleWait(Number(row.failures), new Date(row.window_started_at), limit, now);
  if (wait > 0) {
    throw new DomainError('identity.login_throttled', `Too many failed sign-ins for this ${scope === 'ip' ? 'address' : 'account'}; retry in ${wait} s`, { retryAfterSeconds: wait });
  }
}

async function recordFailure(db: Tx, scope: 'account' | 'ip', key: string): Promise<void> {
  // One atomic upsert: a new window starts when the old one has run out.
  await db.execute(sql`
    insert into login_throttle (scope, key, window_started_at, failures) values (${scope}, ${key}, now(), 1)
    on conflict (scope, key) do update set
      failures = case when login_throttle.window_started_at < now() - make_interval(secs => ${THROTTLE.windowMs / 1000}) then 1 else login_throttle.failures + 1 end,
      window_started_at = case when login_throttle.window_started_at < now() - make_interval(secs => ${THROTTLE.windowMs / 1000}) then now() else login_throttle.window_started_at end`);
}

/** The principal behind a bearer token, or null when the token is unknown or expired. */
export async function principalForToken(db: Tx, token: string): Promise<Principal | null> {
  const [row] = await db
    .select({ accountId: accounts.id, email: accounts.email, role: accounts.role, merchantId: accounts.merchantId, locationId: accounts.locationId })
    .from(sessions)
    .innerJoin(accounts, eq(accounts.id, sessions.accountId))
    .where(and(eq(sessions.tokenHash, hashToken(token)), sql`${sessions.expiresAt} > now()`));
  return row ?? null;
}

export async function endSession(tx: Tx, token: string): Promise<void> {
  await tx.delete(sessions).where(eq(sessions.tokenHash, hashToken(token)));
}

export async function purgeExpiredSessions(tx: Tx): Promise<number> {
  const gone = await tx.delete(sessions).where(lt(sessions.expiresAt, new Date())).returning({ tokenHash: sessions.tokenHash });
  return gone.length;
}
