import { randomBytes, scrypt as scryptCb, timingSafeEqual, createHash } from 'node:crypto';
import { promisify } from 'node:util';

export const ROLES = ['shopper', 'merchant', 'associate', 'operator', 'analyst'] as const;
export type Role = (typeof ROLES)[number];
export const LOCALES = ['es', 'it', 'en', 'zh'] as const;
export type Locale = (typeof LOCALES)[number];

/** Who is calling: resolved from the bearer token on every request. */
export interface Principal {
  accountId: string;
  email: string;
  role: Role;
  /** Set for role `merchant` only: the one merchant this account acts for. */
  merchantId: string | null;
  /** Set for role `associate` only: the one location this account works at. */
  locationId: string | null;
}

/** An operator may act for any merchant; merchant staff only for their own. */
export function actsForMerchant(principal: Principal, merchantId: string): boolean {
  return principal.role === 'operator' || (principal.role === 'merchant' && principal.merchantId === merchantId);
}

/** An operator may act at any location; an associate only at their own. */
export function actsAtLocation(principal: Principal, locationId: string): boolean {
  return principal.role === 'operator' || (principal.role === 'associate' && principal.locationId === locationId);
}

// --- passwords: scrypt, a memory-hard KDF in Node's standard library -------------------------

const scrypt = promisify(scryptCb) as (password: string, salt: Buffer, keylen: number, options: object) => Promise<Buffer>;
const KEY_LENGTH = 32;

/** log2 of scrypt's N. 15 (32 MiB, ~100 ms) in production; tests may lower it through the env. */
function defaultCost(): number {
  const fromEnv = Number(process.env.MERCATO_SCRYPT_LOG_N);
  return Number.isInteger(fromEnv) && fromEnv >= 10 && fromEnv <= 20 ? fromEnv : 15;
}

/** `scrypt$logN$r$p$salt$hash`, so the cost can be raised later without breaking old hashes. */
export async function hashPassword(password: string, logN = defaultCost()): Promise<string> {
  const salt = randomBytes(16);
  const r = 8, p = 1;
  const key = await scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, { N: 2 ** logN, r, p, maxmem: 256 * 2 ** logN * r });
  return ['scrypt', logN, r, p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, logN, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const key = await scrypt(password.normalize('NFKC'), Buffer.from(salt, 'base64url'), expected.length, {
    N: 2 ** Number(logN), r: Number(r), p: Number(p), maxmem: 256 * 2 ** Number(logN) * Number(r),
  });
  return timingSafeEqual(key, expected);
}

/** A hash to compare against when the account does not exist, so timing does not reveal it. */
let decoyHash: Promise<string> | undefined;
export function decoyPasswordHash(): Promise<string> {
  decoyHash ??= hashPassword('decoy-password-never-matches');
  return decoyHash;
}

// --- session tokens ----------------------------------------------------------------------------

export const SESSION_TTL_MS = 30 * 24 * 3600 * 1000;

export function newSessionToken(): string {
  return `mct_${randomBytes(32).toString('base64url')}`;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

// --- login throttling --------------------------------------------------------------------------

export const THROTTLE = {
  windowMs: 15 * 60 * 1000,
  account: 5,
  ip: 50,
} as const;

/** Sign-ups per client address per hour. */
export const SIGN_UP_THROTTLE = { windowMs: 60 * 60 * 1000, ip: 10 } as const;

// --- password rules ------------------------------------------------------------------------------

export const PASSWORD_MIN_LENGTH = 10;

/**
 * Passwords too common to allow whatever their length (from the usual breached-password top
 * lists, the ones of 10+ characters, plus this shop's own name). Compared case-insensitively.
 */
const COMMON_PASSWORDS = new Set([
  '1234567890', '0123456789', '12345678910', '1234567891', '0987654321', '1111111111', '1q2w3e4r5t', 'qwertyuiop', 'asdfghjkl;',
  'password12', 'password123', 'password1234', 'passw0rd123', 'iloveyou12', 'qwerty1234', 'qwerty12345', 'abc1234567', 'abcdefghij',
  'letmein123', 'welcome123', 'football12', 'baseball12', 'sunshine12', 'princess12', 'administrator', 'contraseña', 'contrasena1',
  '1qaz2wsx3edc', 'zaq12wsxcde', 'qazwsxedcrfv', '!qaz2wsx3edc', 'changeme123', 'mercato123', 'mercato2026', 'mercatopassword',
]);

/**
 * Why a password may not be used, or null when it may: at least 10 characters, not one
 * character repeated, not only spaces, not containing the e-mail's local part (when that is 3+
 * characters), not a well-known password.
 */
export function passwordProblem(password: string, email: string): string | null {
  const normalised = password.normalize('NFKC');
  const characters = [...normalised];
  if (characters.length < PASSWORD_MIN_LENGTH) return `must have at least ${PASSWORD_MIN_LENGTH} characters`;
  if (normalised.trim().length === 0) return 'must not be only spaces';
  if (new Set(characters.map((c) => c.toLowerCase())).size < 3) return 'must not repeat one or two characters';
  const lower = normalised.toLowerCase();
  const local = normaliseEmail(email).split('@')[0] ?? '';
  if (local.length >= 3 && lower.replace(/\s+/g, '').includes(local)) return 'must not contain your e-mail address';
  if (COMMON_PASSWORDS.has(lower.replace(/\s+/g, ''))) return 'is one of the most common passwords';
  return null;
}

/** Seconds until a throttled caller may try again, or 0 when not throttled. */
export function throttleWait(failures: number, windowStartedAt: Date, limit: number, now: Date): number {
  const elapsed = now.getTime() - windowStartedAt.getTime();
  if (elapsed >= THROTTLE.windowMs || failures < limit) return 0;
  return Math.ceil((THROTTLE.windowMs - elapsed) / 1000);
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}
