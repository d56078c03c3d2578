import { describe, expect, it } from 'vitest';
import { THROTTLE, actsAtLocation, actsForMerchant, hashPassword, hashToken, newSessionToken, throttleWait, verifyPassword, type Principal } from './model.js';

const base: Principal = { accountId: 'a', email: 'x@y.z', role: 'shopper', merchantId: null, locationId: null };

describe('passwords', () => {
  it('verifies the right password and refuses a wrong one', async () => {
    const stored = await hashPassword('correct horse battery', 10);
    expect(stored.startsWith('scrypt$10$8$1$')).toBe(true);
    expect(await verifyPassword('correct horse battery', stored)).toBe(true);
    expect(await verifyPassword('correct horse batterY', stored)).toBe(false);
  });

  it('salts every hash, so equal passwords do not give equal hashes', async () => {
    expect(await hashPassword('same password', 10)).not.toBe(await hashPassword('same password', 10));
  });

  it('refuses a stored value of an unknown scheme', async () => {
    expect(await verifyPassword('x', 'md5$abc')).toBe(false);
  });
});

describe('session tokens', () => {
  it('are long, random and stored only as a hash', () => {
    const a = newSessionToken();
    expect(a).toMatch(/^mct_[A-Za-z0-9_-]{43}$/);
    expect(newSessionToken()).not.toBe(a);
    expect(hashToken(a)).not.toContain(a.slice(4));
  });
});

describe('login throttling', () => {
  const start = new Date('2026-11-11T10:00:00Z');
  it.each([
    { failures: 4, minutes: 1, wait: 0, why: 'under the limit' },
    { failures: 5, minutes: 1, wait: 14 * 60, why: 'at the limit, inside the window' },
    { failures: 9, minutes: 14.5, wait: 30, why: 'half a minute left in the window' },
    { failures: 9, minutes: 15, wait: 0, why: 'the window has run out' },
  ])('waits $wait s with $failures failures after $minutes min ($why)', ({ failures, minutes, wait }) => {
    const now = new Date(start.getTime() + minutes * 60_000);
    expect(throttleWait(failures, start, THROTTLE.account, now)).toBe(wait);
  });
});

describe('tenant rules', () => {
  it.each([
    { principal: { ...base, role: 'operator' as const }, merchant: 'm1', allowed: true },
    { principal: { ...base, role: 'merchant' as const, merchantId: 'm1' }, merchant: 'm1', allowed: true },
    { principal: { ...base, role: 'merchant' as const, merchantId: 'm1' }, merchant: 'm2', allowed: false },
    { principal: base, merchant: 'm1', allowed: false },
  ])('$principal.role of $principal.merchantId acting for $merchant: $allowed', ({ principal, merchant, allowed }) => {
    expect(actsForMerchant(principal, merchant)).toBe(allowed);
  });

  it.each([
    { principal: { ...base, role: 'associate' as const, locationId: 'l1' }, location: 'l1', allowed: true },
    { principal: { ...base, role: 'associate' as const, locationId: 'l1' }, location: 'l2', allowed: false },
    { principal: { ...base, role: 'operator' as const }, location: 'l2', allowed: true },
    { principal: { ...base, role: 'merchant' as const, merchantId: 'm1' }, location: 'l1', allowed: false },
  ])('$principal.role at $location: $allowed', ({ principal, location, allowed }) => {
    expect(actsAtLocation(principal, location)).toBe(allowed);
  });
});
