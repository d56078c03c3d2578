import { sql } from 'drizzle-orm';
import { QUICK, benchDatabase, closedLoop } from './harness.js';
import type { Benchmark } from './run.js';
import { withTx } from '../src/db/tx.js';
import { checkLedger, creditWallet, payFromWallet, walletBalance } from '../src/payments/index.js';
import { newShopper } from '../src/payments/testing.js';

const CLIENTS = 16;

/**
 * Wallet payments per second on the PostgreSQL server, each one transaction as checkout runs it:
 * order check (locks the order), captured intent, wallet debit by conditional UPDATE, balanced
 * entry, outbox event, deferred ledger checks at commit. Three shapes: one wallet per client
 * paying orders; the same without orders (till charges); and every client on one hot wallet.
 */
export const benchmark: Benchmark = {
  name: 'payments',
  clients: [CLIENTS],
  async run(ceiling) {
    const bench = await benchDatabase('payments');
    const seconds = QUICK ? 3 : 10;
    try {
      const { db } = bench.database;
      const shoppers: string[] = [];
      for (let i = 0; i < CLIENTS; i++) {
        const shopper = await newShopper(db, `bench${i}`);
        await withTx(db, (tx) => creditWallet(tx, { accountId: shopper, amountMinor: 1e12, currency: 'EUR', provider: 'card_sandbox' }));
        shoppers.push(shopper);
      }
      // Orders to pay, a slice per client, as the orders domain would have placed them.
      const perClient = QUICK ? 4_000 : 12_000;
      for (let c = 0; c < CLIENTS; c++) {
        await db.execute(sql`insert into orders (account_id, channel, currency, total_minor) select ${shoppers[c]}, 'app', 'EUR', 500 from generate_series(1, ${perClient})`);
      }
      const { rows } = await db.execute(sql`select id, account_id from orders order by account_id, id`);
      const orders = new Map<string, string[]>();
      for (const r of rows) orders.set(String(r.account_id), [...(orders.get(String(r.account_id)) ?? []), String(r.id)]);
      await db.execute(sql`analyze`);

      const ratio = (perSecond: number) => Math.round((perSecond / ceiling[CLIENTS].tps) * 100) / 100;
      const orderPayments = await closedLoop({
        clients: CLIENTS, seconds, until: () => false,
        operation: (client, i) => withTx(db, (tx) => payFromWallet(tx, { accountId: shoppers[client], amountMinor: 500, currency: 'EUR', orderId: orders.get(shoppers[client])![i] })),
      });
      const tillCharges = await closedLoop({
        clients: CLIENTS, seconds,
        operation: (client) => withTx(db, (tx) => payFromWallet(tx, { accountId: shoppers[client], amountMinor: 250, currency: 'EUR', orderId: null })),
      });
      const hotWallet = await closedLoop({
        clients: CLIENTS, seconds,
        operation: () => withTx(db, (tx) => payFromWallet(tx, { accountId: shoppers[0], amountMinor: 100, currency: 'EUR', orderId: null })),
      });
      const report = await checkLedger(db);
      const balance = await walletBalance(db, shoppers[0], 'EUR');
      return {
        pgbenchTpcbLikeTps: ceiling[CLIENTS].tps,
        walletOrderPayments: { ...orderPayments, ratioToPgbench: ratio(orderPayments.perSecond) },
        walletTillCharges: { ...tillCharges, ratioToPgbench: ratio(tillCharges.perSecond) },
        oneHotWallet: { ...hotWallet, ratioToPgbench: ratio(hotWallet.perSecond) },
        ledgerCheck: { ok: report.ok, entries: report.entries, violations: report.violations.length, hotWalletBalanceNonNegative: balance >= 0 },
      };
    } finally {
      await bench.drop();
    }
  },
};
