import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { backends, describeEachBackend, freshDatabase } from '../../test/db.js';
import { withTx } from '../db/tx.js';
import { DomainError } from '../http/problem.js';
import type { Db } from '../db/client.js';
import { checkLedger, creditWallet, payFromWallet, refundPaymentIntent, walletBalance } from './service/index.js';
import { newShopper } from './testing.js';

type Command =
  | { kind: 'top_up'; shopper: number; amount: number }
  | { kind: 'pay'; shopper: number; amount: number }
  | { kind: 'refund'; payment: number; amount: number }
  | { kind: 'concurrent_spends'; shopper: number; amounts: number[] };

const SHOPPERS = 3;
const amount = fc.integer({ min: 1, max: 5_000 });
const command: fc.Arbitrary<Command> = fc.oneof(
  fc.record({ kind: fc.constant('top_up' as const), shopper: fc.nat(SHOPPERS - 1), amount }),
  fc.record({ kind: fc.constant('pay' as const), shopper: fc.nat(SHOPPERS - 1), amount }),
  fc.record({ kind: fc.constant('refund' as const), payment: fc.nat(50), amount: fc.integer({ min: 1, max: 3_000 }) }),
  fc.record({ kind: fc.constant('concurrent_spends' as const), shopper: fc.nat(SHOPPERS - 1), amounts: fc.array(amount, { minLength: 2, maxLength: 6 }) }),
);

const isCode = (error: unknown, code: string) => error instanceof DomainError && error.code === code;

/** Runs the commands against the ledger and a plain model of it, asserting they agree after each step. */
async function runAgainstModel(db: Db, commands: Command[]): Promise<void> {
  const shoppers: string[] = [];
  for (let i = 0; i < SHOPPERS; i++) shoppers.push(await newShopper(db, `prop${i}`));
  const balances = shoppers.map(() => 0);
  const payments: Array<{ intentId: string; shopper: number; captured: number; refunded: number }> = [];
  const pay = (shopper: number, amountMinor: number) => withTx(db, (tx) => payFromWallet(tx, { accountId: shoppers[shopper], amountMinor, currency: 'EUR', orderId: null }));

  for (const c of commands) {
    if (c.kind === 'top_up') {
      await withTx(db, (tx) => creditWallet(tx, { accountId: shoppers[c.shopper], amountMinor: c.amount, currency: 'EUR', provider: 'card_sandbox' }));
      balances[c.shopper] += c.amount;
    } else if (c.kind === 'pay') {
      const outcome = await pay(c.shopper, c.amount).then((p) => p, (e) => e);
      if (c.amount <= balances[c.shopper]) {
        expect(outcome.id).toBeDefined();
        balances[c.shopper] -= c.amount;
        payments.push({ intentId: outcome.id, shopper: c.shopper, captured: c.amount, refunded: 0 });
      } else {
        expect(isCode(outcome, 'payments.insufficient_funds')).toBe(true);
      }
    } else if (c.kind === 'refund') {
      if (payments.length === 0) continue;
      const p = payments[c.payment % payments.length];
      const outcome = await withTx(db, (tx) => refundPaymentIntent(tx, p.intentId, c.amount)).then((i) => i, (e) => e);
      if (c.amount <= p.captured - p.refunded) {
        expect(outcome.refundedMinor).toBe(p.refunded + c.amount);
        p.refunded += c.amount;
        balances[p.shopper] += c.amount;
      } else {
        expect(isCode(outcome, 'payments.refund_exceeds_capture') || isCode(outcome, 'payments.invalid_transition')).toBe(true);
      }
    } else {
      const outcomes = await Promise.allSettled(c.amounts.map((a) => pay(c.shopper, a)));
      let spent = 0;
      outcomes.forEach((o, i) => {
        if (o.status === 'fulfilled') {
          spent += c.amounts[i];
          payments.push({ intentId: o.value.id, shopper: c.shopper, captured: c.amounts[i], refunded: 0 });
        } else {
          expect(isCode(o.reason, 'payments.insufficient_funds')).toBe(true);
        }
      });
      expect(spent).toBeLessThanOrEqual(balances[c.shopper]);
      balances[c.shopper] -= spent;
    }
    for (let i = 0; i < SHOPPERS; i++) expect(await walletBalance(db, shoppers[i], 'EUR')).toBe(balances[i]);
  }
  const report = await checkLedger(db);
  expect(report.violations).toEqual([]);
}

describeEachBackend('payments ledger under random sequences (fast-check)', (use) => {
  it('keeps every entry balanced, no wallet negative and no refund above its capture, whatever the sequence', async () => {
    await fc.assert(fc.asyncProperty(fc.array(command, { minLength: 1, maxLength: 25 }), (commands) => runAgainstModel(use().db, commands)), { numRuns: 15 });
  }, 180_000);
});

describe('200 parallel spends against one wallet on the PostgreSQL server', () => {
  it('never overdraws it: exactly the spends the balance covers succeed', async () => {
    if (!backends().includes('postgres')) {
      console.warn('!!!!!!!! PostgreSQL server not available: the 200-parallel-spend test did NOT run !!!!!!!!');
      return;
    }
    const database = await freshDatabase('postgres', 30);
    try {
      const { db } = database;
      const shopper = await newShopper(db, 'hot-wallet');
      await withTx(db, (tx) => creditWallet(tx, { accountId: shopper, amountMinor: 10_000, currency: 'EUR', provider: 'card_sandbox' }));
      const outcomes = await Promise.allSettled(Array.from({ length: 200 }, () =>
        withTx(db, (tx) => payFromWallet(tx, { accountId: shopper, amountMinor: 75, currency: 'EUR', orderId: null }))));
      const succeeded = outcomes.filter((o) => o.status === 'fulfilled').length;
      const refusals = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
      expect(refusals.every((o) => isCode(o.reason, 'payments.insufficient_funds'))).toBe(true);
      expect(succeeded).toBe(Math.floor(10_000 / 75));
      expect(await walletBalance(db, shopper, 'EUR')).toBe(10_000 - succeeded * 75);
      const report = await checkLedger(db);
      expect(report.violations).toEqual([]);
    } finally {
      await database.close();
    }
  }, 120_000);
});
