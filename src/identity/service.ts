import { and, eq, sql, lt } from 'drizzle-orm';
import type { Tx } from '../db/tx.js';
import { pgConstraint, withTx } from '../db/tx.js';
import { DomainError } from '../http/problem.js';
import { accounts, sessions } from './schema.js';
import {
  type Locale, type Principal, type Role, SESSION_TTL_MS, SIGN_UP_THROTTLE, THROTTLE, decoyPasswordHash, hashPassword, hashToken,
  newSessionToken, normaliseEmail, passwordProblem, verifyPassword,
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
  merchantId: accounts.merchantId, locationId: accounts.locationId, locale: accounts.locale, currency: accounts.currency, createdAt: accounts.createdAt,
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
  const weak = passwordProblem(input.password, input.email);
  if (weak) throw new DomainError('identity.password_weak', `The password ${weak}`, {}, [{ field: '/password', message: weak }]);
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

export interface ProfileChanges {
  displayName?: string;
  locale?: Locale;
  currency?: string | null;
}

/** A signed-in person changes their own name, language or currency preference. */
export async function updateProfile(tx: Tx, accountId: string, changes: ProfileChanges): Promise<Account> {
  const [row] = await tx.update(accounts).set(changes).where(eq(accounts.id, accountId)).returning(publicColumns);
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
 * Signs in with email and password. Attempts are counted per account and per client address
 * BEFORE the password is checked, with one atomic upsert each that answers the new count: 20
 * concurrent guesses (in one process or many) get 5 checks and 15 × 429, never 20 checks. A
 * successful sign-in clears the account's count and takes its own attempt off the address's.
 * Past the limit the caller gets 429 with Retry-After, even with the right password. The counters
 * are written outside any request transaction on purpose: a failed sign-in must still count.
 */
export async function signIn(db: Tx, email: string, password: string, client: { ip: string; userAgent?: string }): Promise<IssuedSession> {
  const accountKey = normaliseEmail(email);
  await takeAttempt(db, 'account', accountKey, THROTTLE.account, THROTTLE.windowMs);
  try {
    await takeAttempt(db, 'ip', client.ip, THROTTLE.ip, THROTTLE.windowMs);
  } catch (error) {
    await giveBackAttempt(db, 'account', accountKey);
    throw error;
  }

  const [row] = await db.select().from(accounts).where(sql`lower(${accounts.email}) = ${accountKey}`);
  const valid = await verifyPassword(password, row?.passwordHash ?? (await decoyPasswordHash()));
  if (!row || !valid) throw new DomainError('identity.invalid_credentials', 'Email or password is wrong');
  await db.execute(sql`delete from login_throttle where scope = 'account' and key = ${accountKey}`);
  await giveBackAttempt(db, 'ip', client.ip);
  const { passwordHash: _omit, ...account } = row;
  return startSession(db, account, client);
}

export type ThrottleScope = 'account' | 'ip' | 'sign_up_ip';

/**
 * Counts one attempt and refuses it when it is past `limit` in the current window: a single
 * `INSERT … ON CONFLICT DO UPDATE … RETURNING`, so the increment and the answer are one atomic
 * step in the database, whatever runs at the same time. A window that has run out starts again.
 */
export async function takeAttempt(db: Tx, scope: ThrottleScope, key: string, limit: number, windowMs: number): Promise<void> {
  const windowSeconds = windowMs / 1000;
  const { rows } = await db.execute(sql`
    insert into login_throttle (scope, key, window_started_at, failures) values (${scope}, ${key}, now(), 1)
    on conflict (scope, key) do update set
      failures = case when login_throttle.window_started_at < now() - make_interval(secs => ${windowSeconds}) then 1 else login_throttle.failures + 1 end,
      window_started_at = case when login_throttle.window_started_at < now() - make_interval(secs => ${windowSeconds}) then now() else login_throttle.window_started_at end
    returning failures, ceil(extract(epoch from (window_started_at + make_interval(secs => ${windowSeconds}) - now())))::int as wait_seconds`);
  const row = rows[0] as { failures: number; wait_seconds: number };
  if (Number(row.failures) > limit) {
    const wait = Math.max(1, Number(row.wait_seconds));
    const what = scope === 'account' ? 'sign-ins for this account' : scope === 'ip' ? 'sign-ins from this address' : 'sign-ups from this address';
    throw new DomainError(scope === 'sign_up_ip' ? 'identity.sign_up_throttled' : 'identity.login_throttled', `Too many ${what}; retry in ${wait} s`, { retryAfterSeconds: wait });
  }
}

async function giveBackAttempt(db: Tx, scope: ThrottleScope, key: string): Promise<void> {
  await db.execute(sql`update login_throttle set failures = greatest(failures - 1, 0) where scope = ${scope} and key = ${key}`);
}

/**
 * Registers a shopper without telling whether the e-mail was already registered: a new e-mail
 * gets its account, a registered one changes nothing, and both answer the same (the password is
 * hashed either way, so the time taken does not tell either). Throttled per client address.
 */
export async function signUp(db: Tx, input: Omit<NewAccount, 'role' | 'merchantId' | 'locationId'>, client: { ip: string }): Promise<{ created: boolean }> {
  await takeAttempt(db, 'sign_up_ip', client.ip, SIGN_UP_THROTTLE.ip, SIGN_UP_THROTTLE.windowMs);
  try {
    await withTx(db, (tx) => createAccount(tx, { ...input, role: 'shopper' }));
    return { created: true };
  } catch (error) {
    if (error instanceof DomainError && error.code === 'identity.email_taken') return { created: false };
    throw error;
  }
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

/**
 * Shopper profiles for customers brought in by an order-history import: one multi-row insert,
 * ids chosen by the caller so it can map them back. They cannot sign in (no password) until the
 * shopper claims the profile; the address is a placeholder under the reserved `.invalid` domain.
 */
export async function createImportedShoppers(tx: Tx, shoppers: Array<{ id: string; displayName: string }>): Promise<number> {
  if (shoppers.length === 0) return 0;
  const { rows: [{ n }] } = await tx.execute(sql`
    with inserted as (insert into accounts (id, email, password_hash, display_name, role)
    select s.id, 'imported-' || s.id::text || '@customers.invalid', '!', s.name, 'shopper'
    from jsonb_to_recordset(${JSON.stringify(shoppers.map((s) => ({ id: s.id, name: s.displayName })))}::jsonb) as s(id uuid, name text)
    returning 1) select count(*)::int as n from inserted`);
  return Number(n);
}
