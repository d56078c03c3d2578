import type { Tx } from '../db/tx.js';
import { demoId } from '../seed/demo-id.js';
import { fxRates } from './schema.js';
import { creditWallet } from './service/wallet.js';

/** Rates in effect from the start of 2026 (1 base = rate quote), close to market at the time of writing. */
export const DEMO_FX_RATES = [
  { base: 'EUR', quote: 'CNY', rate: '7.8231' },
  { base: 'EUR', quote: 'USD', rate: '1.0812' },
  { base: 'EUR', quote: 'JPY', rate: '162.35' },
  { base: 'USD', quote: 'CNY', rate: '7.2355' },
  { base: 'USD', quote: 'JPY', rate: '150.15' },
  { base: 'CNY', quote: 'JPY', rate: '20.7525' },
] as const;

/** Demo shoppers start with money in their wallet, in their own currency. */
export const DEMO_WALLETS = [
  { email: 'carmen@mercato.test', currency: 'EUR', amountMinor: 25_000 },
  { email: 'giulia@mercato.test', currency: 'EUR', amountMinor: 18_000 },
  { email: 'wei@mercato.test', currency: 'CNY', amountMinor: 200_000 },
  { email: 'emma@mercato.test', currency: 'USD', amountMinor: 15_000 },
] as const;

export async function seedPaymentsDemo(tx: Tx): Promise<Record<string, number>> {
  const effectiveAt = new Date('2026-01-01T00:00:00Z');
  await tx.insert(fxRates).values(DEMO_FX_RATES.map((r) => ({ ...r, effectiveAt }))).onConflictDoNothing();
  for (const wallet of DEMO_WALLETS) {
    // The idempotency key makes a second seed post nothing.
    await creditWallet(tx, {
      accountId: demoId(`account:${wallet.email}`), amountMinor: wallet.amountMinor, currency: wallet.currency, provider: 'card_sandbox',
      idempotencyKey: `demo-seed:wallet:${wallet.email}:${wallet.currency}`, memo: 'welcome credit',
    });
  }
  return { fxRates: DEMO_FX_RATES.length, wallets: DEMO_WALLETS.length };
}
