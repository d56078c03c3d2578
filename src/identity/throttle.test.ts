import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';
import { describeEachBackend } from '../../test/db.js';
import { expectProblem, testApp } from '../../test/http.js';
import { DEMO_PASSWORD } from '../seed/demo-id.js';
import { SIGN_UP_THROTTLE, THROTTLE, passwordProblem } from './model.js';

describe('password rules', () => {
  it.each([
    ['aaaaaaaaaa', 'carmen@mercato.test', 'must not repeat one or two characters'],
    ['          ', 'carmen@mercato.test', 'must not be only spaces'],
    ['abababababab', 'carmen@mercato.test', 'must not repeat one or two characters'],
    ['short', 'carmen@mercato.test', 'must have at least 10 characters'],
    ['carmen@mercato.test', 'carmen@mercato.test', 'must not contain your e-mail address'],
    ['My Carmen 2026!', 'Carmen@mercato.test', 'must not contain your e-mail address'],
    ['Password123', 'x@mercato.test', 'is one of the most common passwords'],
    ['1234567890', 'x@mercato.test', 'is one of the most common passwords'],
    ['qwertyuiop', 'x@mercato.test', 'is one of the most common passwords'],
  ])('refuses %j for %s', (password, email, why) => {
    expect(passwordProblem(password, email)).toBe(why);
  });

  it.each([
    ['long enough password', 'carmen@mercato.test'],
    [DEMO_PASSWORD, 'wei@mercato.test'],
    ['香港的茶叶很好喝啊呀', 'wei@mercato.test'],
    ['correct horse battery staple', 'ab@mercato.test'], // a 2-letter local part is not checked
  ])('accepts %j', (password, email) => {
    expect(passwordProblem(password, email)).toBeNull();
  });
});

describeEachBackend('sign-in and sign-up throttles', (use) => {
  let app: FastifyInstance;
  beforeAll(async () => { app = await testApp(use(), { seed: true }); });
  afterAll(() => app.close());

  it('cannot be raced: 20 concurrent wrong passwords for one account check at most 5 passwords', async () => {
    const attempts = await Promise.all(Array.from({ length: 20 }, (_, i) => app.inject({
      method: 'POST', url: '/v1/sessions', payload: { email: 'emma@mercato.test', password: `wrong password ${i}` }, remoteAddress: `198.51.100.${i + 1}`,
    })));
    const statuses = attempts.map((a) => a.statusCode);
    expect(statuses.filter((s) => s === 401)).toHaveLength(THROTTLE.account);
    expect(statuses.filter((s) => s === 429)).toHaveLength(20 - THROTTLE.account);
    for (const refused of attempts.filter((a) => a.statusCode === 429)) expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    // The right password is refused too until the window ends.
    expectProblem(await app.inject({ method: 'POST', url: '/v1/sessions', payload: { email: 'emma@mercato.test', password: DEMO_PASSWORD } }), 429, 'identity.login_throttled');
  });

  it('cannot be raced per address either: 80 concurrent guesses over many accounts from one address check at most 50', async () => {
    const from = '203.0.113.77';
    const attempts = await Promise.all(Array.from({ length: 80 }, (_, i) => app.inject({
      method: 'POST', url: '/v1/sessions', payload: { email: `nobody${i}@mercato.test`, password: 'wrong password' }, remoteAddress: from,
    })));
    const statuses = attempts.map((a) => a.statusCode);
    expect(statuses.filter((s) => s === 401)).toHaveLength(THROTTLE.ip);
    expect(statuses.filter((s) => s === 429)).toHaveLength(80 - THROTTLE.ip);
  });

  it('lets the right password in, and a success takes its own attempt off the address\'s count', async () => {
    const from = { remoteAddress: '192.0.2.40' };
    for (let i = 0; i < 60; i++) {
      const ok = await app.inject({ method: 'POST', url: '/v1/sessions', payload: { email: 'carmen@mercato.test', password: DEMO_PASSWORD }, ...from });
      expect(ok.statusCode).toBe(201);
    }
    const { rows } = await use().db.execute(sql`select failures from login_throttle where scope = 'ip' and key = '192.0.2.40'`);
    expect(Number(rows[0]?.failures ?? 0)).toBe(0);
  });

  it('answers a sign-up the same for a registered e-mail, creating nothing, and refuses weak passwords', async () => {
    const fresh = await app.inject({ method: 'POST', url: '/v1/accounts', payload: { email: 'brand.new@mercato.test', password: 'long enough password', displayName: 'New' }, remoteAddress: '192.0.2.50' });
    const taken = await app.inject({ method: 'POST', url: '/v1/accounts', payload: { email: 'Carmen@mercato.test', password: 'long enough password', displayName: 'Impostor' }, remoteAddress: '192.0.2.50' });
    expect(fresh.statusCode).toBe(202);
    expect(taken.statusCode).toBe(fresh.statusCode);
    expect(taken.body).toBe(fresh.body);
    const { rows } = await use().db.execute(sql`select display_name from accounts where lower(email) = 'carmen@mercato.test'`);
    expect(rows.map((r) => r.display_name)).not.toContain('Impostor');
    for (const password of ['aaaaaaaaaa', '          ', 'weak.shopper@x', '1234567890']) {
      const weak = expectProblem(await app.inject({ method: 'POST', url: '/v1/accounts', payload: { email: 'weak.shopper@mercato.test', password, displayName: 'Weak' }, remoteAddress: '192.0.2.51' }), 400, 'identity.password_weak');
      expect(weak.errors[0].field).toBe('/password');
    }
  });

  it('throttles sign-ups per address, even when sent all at once', async () => {
    const attempts = await Promise.all(Array.from({ length: SIGN_UP_THROTTLE.ip + 5 }, (_, i) => app.inject({
      method: 'POST', url: '/v1/accounts', payload: { email: `flood${i}@mercato.test`, password: 'long enough password', displayName: 'Flood' }, remoteAddress: '192.0.2.60',
    })));
    expect(attempts.filter((a) => a.statusCode === 202)).toHaveLength(SIGN_UP_THROTTLE.ip);
    const refused = attempts.filter((a) => a.statusCode === 429);
    expect(refused).toHaveLength(5);
    expectProblem(refused[0], 429, 'identity.sign_up_throttled');
    // Another address may still sign up.
    expect((await app.inject({ method: 'POST', url: '/v1/accounts', payload: { email: 'elsewhere@mercato.test', password: 'long enough password', displayName: 'Else' }, remoteAddress: '192.0.2.61' })).statusCode).toBe(202);
  });
});
