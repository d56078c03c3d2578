import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { backends, freshDatabase } from '../../test/db.js';
import { withTx } from '../db/tx.js';
import type { Database } from '../db/client.js';
import { DomainError } from '../http/problem.js';
import { seedDemo } from '../seed/demo.js';
import { demoId } from '../seed/demo-id.js';
import {
  authorisePaymentIntent, checkLedger, createPaymentIntent, creditWallet, payFromWallet, receiveNotification, recordOrderSettlement, walletBalance,
} from './service/index.js';
import { sandboxSignature } from './providers/card-sandbox.js';
import { newOrder, newShopper } from './testing.js';

const settings = { sandboxSecret: 'concurrency', alipay: null };

describe('payments under concurrent clients on the PostgreSQL server', () => {
  let database: Database | undefined;
  beforeAll(async () => {
    if (!backends().includes('postgres')) return;
    database = await freshDatabase('postgres', 30);
    await withTx(database.db, (tx) => seedDemo(tx));
  }, 60_000);
  afterAll(async () => { await database?.close(); });

  const skipped = () => {
    if (database) return false;
    console.warn('!!!!!!!! PostgreSQL server not available: the payments concurrency tests did NOT run !!!!!!!!');
    return true;
  };

  it('pays an order once when 30 payments for it race', async () => {
    if (skipped()) return;
    const { db } = database!;
    const shopper = await newShopper(db, 'racer');
    await withTx(db, (tx) => creditWallet(tx, { accountId: shopper, amountMinor: 1_000_000, currency: 'EUR', provider: 'card_sandbox' }));
    const order = await withTx(db, (tx) => newOrder(tx, { accountId: shopper, currency: 'EUR', lines: [{ merchantId: demoId('merchant:casa-aurelia'), amountMinor: 7_000 }] }));
    const outcomes = await Promise.allSettled(Array.from({ length: 30 }, () =>
      withTx(db, (tx) => payFromWallet(tx, { accountId: shopper, amountMinor: 7_000, currency: 'EUR', orderId: order.orderId }))));
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    expect(outcomes.every((o) => o.status === 'fulfilled' || (o.reason instanceof DomainError && o.reason.code === 'payments.amount_mismatch'))).toBe(true);
    expect(await walletBalance(db, shopper, 'EUR')).toBe(1_000_000 - 7_000);
  });

  it('applies one notification once when the provider sends it 20 times at once', async () => {
    if (skipped()) return;
    const { db } = database!;
    const shopper = await newShopper(db, 'notified');
    const intent = await withTx(db, async (tx) => {
      const created = await createPaymentIntent(tx, { accountId: shopper, purpose: 'top_up', provider: 'card_sandbox', amountMinor: 3_000, currency: 'EUR' });
      return (await authorisePaymentIntent(tx, created.id, { cardNumber: '4242424242424242' }, settings)).intent;
    });
    const body = { id: `evt_storm_${intent.id}`, intentId: intent.id, type: 'authorised', amountMinor: 3_000, currency: 'EUR', providerReference: intent.providerReference };
    const signature = sandboxSignature(settings.sandboxSecret, body);
    const outcomes = await Promise.all(Array.from({ length: 20 }, () => receiveNotification(db, 'card_sandbox', body, signature, settings).then((r) => r.outcome, (e) => `error:${e.message}`)));
    expect(outcomes.filter((o) => o === 'applied')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'duplicate')).toHaveLength(19);
    expect(await walletBalance(db, shopper, 'EUR')).toBe(3_000);
  });

  it('settles an order once when 10 settlement calls race', async () => {
    if (skipped()) return;
    const { db } = database!;
    const shopper = await newShopper(db, 'settled');
    const order = await withTx(db, (tx) => newOrder(tx, { accountId: shopper, currency: 'EUR', lines: [{ merchantId: demoId('merchant:lumen-tea'), amountMinor: 9_999 }] }));
    await Promise.all(Array.from({ length: 10 }, () => withTx(db, (tx) => recordOrderSettlement(tx, order.orderId))));
    const { rows } = await db.execute(sql`select count(*) as n, sum(order_amount_minor) as settled from settlement_postings where order_id = ${order.orderId}`);
    expect(Number(rows[0].n)).toBe(1);
    expect(Number(rows[0].settled)).toBe(9_999);
    expect((await checkLedger(db)).violations).toEqual([]);
  });
});
