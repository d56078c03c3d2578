import { expect, it } from 'vitest';
import { DomainError, allProblemKinds, problemKind } from './problem.js';
import '../orders/errors.js';

it('refuses a code no catalogue lists when compiling (npm run typecheck fails on a typo)', () => {
  // @ts-expect-error — a typo of orders.cart_closed: if this compiled, the unused directive would fail the typecheck.
  const typo = () => new DomainError('orders.cart_closd');
  expect(typo).toBeTypeOf('function');
  expect(new DomainError('orders.cart_closed').code).toBe('orders.cart_closed');
  expect(problemKind('orders.cart_closed')?.status).toBe(409);
});

it('gives every registered code a status and a title', () => {
  for (const [code, kind] of Object.entries(allProblemKinds())) {
    expect(code).toMatch(/^[a-z]+\.[a-z0-9_]+$/);
    expect(kind.status).toBeGreaterThanOrEqual(400);
    expect(kind.title.length).toBeGreaterThan(0);
  }
});
