import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { allocateInArrivalOrder, normaliseLines } from './model.js';

describe('allocateInArrivalOrder', () => {
  it.each([
    ['everyone fits', 5, [1, 1, 1], [true, true, true], 2],
    ['the last unit goes to the first buyer', 1, [1, 1], [true, false], 0],
    ['a large request does not block a smaller one behind it', 3, [1, 5, 2], [true, false, true], 0],
    ['nothing left', 0, [1], [false], 0],
    ['negative availability counts as none', -2, [1], [false], 0],
  ])('%s', (_name, available, quantities, granted, remaining) => {
    expect(allocateInArrivalOrder(available, quantities)).toEqual({ granted, remaining });
  });

  it('never grants more than is available, and refuses only what no longer fits', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 500 }), fc.array(fc.integer({ min: 1, max: 20 }), { maxLength: 200 }), (available, quantities) => {
      const { granted, remaining } = allocateInArrivalOrder(available, quantities);
      const given = quantities.reduce((sum, q, i) => (granted[i] ? sum + q : sum), 0);
      if (given > available || remaining !== available - given) return false;
      // A refused request did not fit in what was left when its turn came.
      let left = available;
      return quantities.every((q, i) => {
        const ok = granted[i] === q <= left;
        if (granted[i]) left -= q;
        return ok;
      });
    }));
  });
});

describe('normaliseLines', () => {
  it('merges a SKU at a location named twice and orders lines by (sku, location)', () => {
    const lines = normaliseLines([
      { skuId: 'b', locationId: 'x', quantity: 1 },
      { skuId: 'a', locationId: 'y', quantity: 2 },
      { skuId: 'b', locationId: 'x', quantity: 3 },
      { skuId: 'a', locationId: 'x', quantity: 1 },
    ]);
    expect(lines).toEqual([
      { skuId: 'a', locationId: 'x', quantity: 1, index: 3 },
      { skuId: 'a', locationId: 'y', quantity: 2, index: 1 },
      { skuId: 'b', locationId: 'x', quantity: 4, index: 0 },
    ]);
  });
});
