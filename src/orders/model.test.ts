import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  FULFILMENT_MACHINE, IllegalTransition, ORDER_MACHINE, allocateRefund, applyTransition, holdsAll, planSplit, refundForUnits, shippingFee, shippingZone,
  type CandidateLocation,
} from './model.js';

describe('order state machine', () => {
  it.each([
    ['pending_payment', 'pay', 'paid'],
    ['paid', 'start_fulfilment', 'fulfilling'],
    ['fulfilling', 'complete', 'completed'],
    ['paid', 'cancel', 'cancelled'],
    ['pending_payment', 'expire', 'cancelled'],
  ] as const)('%s --%s--> %s', (from, event, to) => {
    expect(applyTransition('order', ORDER_MACHINE, from, event).to).toBe(to);
  });

  it.each([
    ['completed', 'cancel'], ['cancelled', 'pay'], ['fulfilling', 'cancel'], ['paid', 'pay'],
  ] as const)('refuses %s --%s', (from, event) => {
    expect(() => applyTransition('order', ORDER_MACHINE, from, event)).toThrow(IllegalTransition);
  });
});

describe('fulfilment state machine', () => {
  it('walks a click-and-collect from pending to picked up', () => {
    let status = 'pending' as const as Parameters<typeof applyTransition>[2];
    for (const event of ['start_pick', 'pack', 'ready', 'hand_over'] as const) status = applyTransition('f', FULFILMENT_MACHINE, status as never, event).to;
    expect(status).toBe('picked_up');
  });

  it('refuses handing over a parcel that has not arrived at the partner desk', () => {
    expect(() => applyTransition('f', FULFILMENT_MACHINE, 'in_transit_to_partner', 'hand_over')).toThrow(IllegalTransition);
  });

  it('refuses cancelling once picking has started', () => {
    expect(() => applyTransition('f', FULFILMENT_MACHINE, 'picking', 'cancel')).toThrow(IllegalTransition);
  });
});

const loc = (id: string, distanceM: number, available: Record<string, number>): CandidateLocation => ({ id, kind: 'store', distanceM, available });

describe('split sourcing', () => {
  it('uses one location when the nearest that holds everything exists', () => {
    const plan = planSplit([loc('far', 5000, { a: 5, b: 5 }), loc('near', 1000, { a: 5, b: 5 })], [{ skuId: 'a', quantity: 1 }, { skuId: 'b', quantity: 2 }]);
    expect(plan).toEqual([{ locationId: 'near', lines: [{ skuId: 'a', quantity: 1 }, { skuId: 'b', quantity: 2 }] }]);
  });

  it('prefers fewer shipments over nearer locations', () => {
    const plan = planSplit([loc('a-only', 500, { a: 1 }), loc('b-only', 600, { b: 1 }), loc('both', 4000, { a: 1, b: 1 })], [{ skuId: 'a', quantity: 1 }, { skuId: 'b', quantity: 1 }]);
    expect(plan?.map((s) => s.locationId)).toEqual(['both']);
  });

  it('splits across two locations when no single one holds everything', () => {
    const plan = planSplit([loc('x', 800, { a: 2 }), loc('y', 900, { b: 1 }), loc('z', 700, { c: 9 })], [{ skuId: 'a', quantity: 2 }, { skuId: 'b', quantity: 1 }]);
    expect(plan).toEqual([{ locationId: 'x', lines: [{ skuId: 'a', quantity: 2 }] }, { locationId: 'y', lines: [{ skuId: 'b', quantity: 1 }] }]);
  });

  it('splits one line when no location has the whole quantity', () => {
    const plan = planSplit([loc('x', 100, { a: 2 }), loc('y', 200, { a: 3 })], [{ skuId: 'a', quantity: 4 }]);
    expect(plan?.reduce((n, s) => n + s.lines[0].quantity, 0)).toBe(4);
  });

  it('answers null when the network cannot cover the cart', () => {
    expect(planSplit([loc('x', 100, { a: 1 })], [{ skuId: 'a', quantity: 2 }])).toBeNull();
  });

  it('never plans more units than are available, and covers exactly what is needed', () => {
    fc.assert(fc.property(
      fc.array(fc.record({ distanceM: fc.nat(10_000), a: fc.nat(5), b: fc.nat(5) }), { minLength: 1, maxLength: 6 }),
      fc.integer({ min: 1, max: 8 }), fc.integer({ min: 0, max: 8 }),
      (locs, qa, qb) => {
        const candidates = locs.map((l, i) => loc(`l${i}`, l.distanceM, { a: l.a, b: l.b }));
        const needs = [{ skuId: 'a', quantity: qa }, ...(qb > 0 ? [{ skuId: 'b', quantity: qb }] : [])];
        const plan = planSplit(candidates, needs);
        const totalA = locs.reduce((s, l) => s + l.a, 0), totalB = locs.reduce((s, l) => s + l.b, 0);
        if (totalA < qa || totalB < qb) return plan === null;
        if (!plan) return false;
        for (const shipment of plan) {
          const source = candidates.find((c) => c.id === shipment.locationId)!;
          for (const line of shipment.lines) if (line.quantity > source.available[line.skuId]) return false;
        }
        const planned = (sku: string) => plan.flatMap((s) => s.lines).filter((l) => l.skuId === sku).reduce((s, l) => s + l.quantity, 0);
        return planned('a') === qa && planned('b') === qb && (!candidates.some((c) => holdsAll(c, needs)) || plan.length === 1);
      },
    ));
  });
});

describe('shipping fees', () => {
  it.each([
    ['ES', 'ES', 800, 'domestic', 395],
    ['ES', 'IT', 800, 'eu', 895],
    ['ES', 'CN', 6000, 'international', 6995],
    ['IT', 'IT', 25_000, 'domestic', 1995],
  ] as const)('%s → %s, %i g: %s, %i', (from, to, grams, zone, fee) => {
    expect(shippingZone(from, to)).toBe(zone);
    expect(shippingFee(zone, grams)).toBe(fee);
  });
});

describe('refunds', () => {
  it.each([
    // line (quantity, unit price, amount, refunded), units, units still paid → refund
    [{ quantity: 3, unitPriceMinor: 333, amountMinor: 1000, refundedMinor: 0 }, 1, 3, 333],
    [{ quantity: 3, unitPriceMinor: 333, amountMinor: 1000, refundedMinor: 333 }, 2, 2, 667],
    [{ quantity: 2, unitPriceMinor: 500, amountMinor: 1000, refundedMinor: 1000 }, 1, 2, 0],
    [{ quantity: 2, unitPriceMinor: 500, amountMinor: 1000, refundedMinor: 0 }, 0, 2, 0],
  ])('refundForUnits(%o, %i of %i) = %i', (line, units, stillPaid, expected) => {
    expect(refundForUnits(line, units, stillPaid)).toBe(expected);
  });

  it('spreads an operator refund in proportion, never more than a line has left, the rest to shipping', () => {
    expect(allocateRefund([12_900, 2_500], 1_540)).toEqual({ perLine: [1_290, 250], rest: 0 });
    expect(allocateRefund([100, 0], 150)).toEqual({ perLine: [100, 0], rest: 50 });
    expect(allocateRefund([1, 1, 1], 2)).toEqual({ perLine: [1, 1, 0], rest: 0 });
    fc.assert(fc.property(fc.array(fc.nat({ max: 1_000_000 }), { minLength: 1, maxLength: 8 }), fc.nat({ max: 10_000_000 }), (left, amount) => {
      const { perLine, rest } = allocateRefund(left, amount);
      expect(perLine.reduce((s, p) => s + p, 0) + rest).toBe(amount);
      perLine.forEach((p, i) => { expect(p).toBeGreaterThanOrEqual(0); expect(p).toBeLessThanOrEqual(left[i]); });
      expect(rest).toBe(Math.max(0, amount - left.reduce((s, l) => s + l, 0)));
    }));
  });
});
