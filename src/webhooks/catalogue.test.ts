import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { EVENTS_DOC, renderEventCatalogue } from './catalogue-doc.js';
import { TOPICS } from './catalogue.js';
import { ORDER_MACHINE, FULFILMENT_MACHINE } from '../orders/model.js';
import { retryDelayMs, outcomeOf } from './model.js';
import { signPayload, verifySignature } from './signature.js';

describe('event catalogue', () => {
  it('docs/events.md is what the code generates (run `npm run docs:events` after changing a topic)', () => {
    expect(readFileSync(EVENTS_DOC, 'utf8')).toBe(renderEventCatalogue());
  });

  it('lists every event the order and fulfilment state machines emit', () => {
    const emitted = [...ORDER_MACHINE, ...FULFILMENT_MACHINE].map((t) => t.emits).filter((e): e is string => Boolean(e));
    const listed = new Set(TOPICS.map((t) => t.topic));
    expect(emitted.filter((e) => !listed.has(e))).toEqual([]);
  });
});

describe('retry schedule', () => {
  const policy = { baseDelayMs: 1000, maxDelayMs: 60_000, maxAttempts: 5 };
  it.each([
    [1, 0, 500], [1, 1, 1000], [2, 0, 1000], [2, 1, 2000], [3, 0.5, 3000], [10, 0, 30_000], [10, 1, 60_000],
  ])('retry %i with random %f waits %i ms (exponential, equal jitter, capped)', (attempt, random, expected) => {
    expect(retryDelayMs(policy, attempt, random)).toBe(expected);
  });
  it.each([
    [200, 1, 'succeeded'], [204, 5, 'succeeded'], [500, 1, 'retry'], [301, 1, 'retry'], [null, 4, 'retry'], [500, 5, 'dead'], [null, 5, 'dead'],
  ] as const)('status %s on attempt %i is %s', (status, attempt, outcome) => {
    expect(outcomeOf(policy, status, attempt)).toBe(outcome);
  });
});

describe('signature', () => {
  const body = '{"id":"e1"}';
  it.each([
    ['the right secret and body', 'k', body, 1000, { ok: true, timestamp: 1000 }],
    ['another secret', 'other', body, 1000, { ok: false, reason: 'mismatch' }],
    ['a changed body', 'k', '{"id":"e2"}', 1000, { ok: false, reason: 'mismatch' }],
    ['an old timestamp', 'k', body, 1000 - 301, { ok: false, reason: 'expired' }],
  ])('verifies with %s', (_name, secret, received, signedAt, expected) => {
    const header = signPayload('k', body, signedAt);
    expect(verifySignature({ secret, body: received, header, now: 1000 })).toEqual(expected);
  });
  it('refuses a malformed header and accepts any of several v1 values (secret rotation)', () => {
    expect(verifySignature({ secret: 'k', body, header: 'nonsense', now: 1000 })).toEqual({ ok: false, reason: 'malformed' });
    expect(verifySignature({ secret: 'k', body, header: undefined })).toEqual({ ok: false, reason: 'malformed' });
    const old = signPayload('old', body, 1000).split(',')[1];
    expect(verifySignature({ secret: 'k', body, header: `${signPayload('k', body, 1000)},${old}`, now: 1000 }).ok).toBe(true);
  });
});
