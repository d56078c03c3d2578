import { beforeAll, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { describeEachBackend } from '../../test/db.js';
import { withTx } from '../db/tx.js';
import { DomainError } from '../http/problem.js';
import { seedDemo } from '../seed/demo.js';
import { demoId } from '../seed/demo-id.js';
import {
  authorisePaymentIntent, cancelPaymentIntent, capturePaymentIntent, checkLedger, createPaymentIntent, creditWallet, currentMemberCode, deliverCardSandboxEvents,
  getPaymentIntent, ledgerAccount, payFromWallet, receiveNotification, recordOrderSettlement, refundPaymentIntent, registerMemberDevice,
  revokeMemberDevice, runSettlement, setFxRate, settlementStatementCsv, verifyMemberCode, walletBalance, walletStatement, balancesByKind, completeSandboxChallenge,
} from './service/index.js';
import { sandboxSignature } from './providers/card-sandbox.js';
import type { ProviderSettings } from './providers/types.js';
import { newOrder, newShopper, refundOrderLine } from './testing.js';

const settings = { sandboxSecret: 'test-secret', alipay: null } satisfies ProviderSettings;
const aurelia = demoId('merchant:casa-aurelia'); // EUR, 12 %
const lumen = demoId('merchant:lumen-tea'); // CNY, 8 %

/** The database's own words for a refusal, looking through the driver's wrapping. */
async function refusal(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(() => null, (e) => e);
  expect(error, 'expected the database to refuse').not.toBeNull();
  const messages: string[] = [];
  for (let current = error; current; current = current.cause) messages.push(String(current.message), String(current.constraint ?? ''));
  return messages.join(' | ');
}

async function expectCode(promise: Promise<unknown>, code: string): Promise<DomainError> {
  const error = await promise.then(() => null, (e) => e);
  expect(error, `expected ${code}`).toBeInstanceOf(DomainError);
  expect((error as DomainError).code).toBe(code);
  return error as DomainError;
}

describeEachBackend('payments ledger in the database', (use) => {
  beforeAll(async () => { await withTx(use().db, (tx) => seedDemo(tx)); });

  it('refuses at commit an entry that does not sum to zero, and keeps nothing of it', async () => {
    const { db } = use();
    const shopper = await newShopper(db);
    const attempt = withTx(db, async (tx) => {
      const wallet = await ledgerAccount(tx, { kind: 'shopper_wallet', ownerId: shopper, currency: 'EUR' });
      const clearing = await ledgerAccount(tx, { kind: 'provider_clearing', provider: 'card_sandbox', currency: 'EUR' });
      const { rows } = await tx.execute(sql`insert into journal_entries (kind, memo) values ('adjustment', 'unbalanced') returning id`);
      await tx.execute(sql`insert into journal_lines (entry_id, account_id, currency, amount_minor) values (${rows[0].id}, ${wallet.id}, 'EUR', 500), (${rows[0].id}, ${clearing.id}, 'EUR', -499)`);
      await tx.execute(sql`update ledger_accounts set balance_minor = 500 where id = ${wallet.id}`);
    });
    expect(await refusal(attempt)).toMatch(/does not balance/);
    const left = await db.execute(sql`select count(*) as n from journal_entries where memo = 'unbalanced'`);
    expect(Number(left.rows[0].n)).toBe(0);
  });

  it('refuses an entry balanced overall but not per currency', async () => {
    const { db } = use();
    const attempt = withTx(db, async (tx) => {
      const eur = await ledgerAccount(tx, { kind: 'order_receipts', currency: 'EUR' });
      const cny = await ledgerAccount(tx, { kind: 'order_receipts', currency: 'CNY' });
      const { rows } = await tx.execute(sql`insert into journal_entries (kind) values ('adjustment') returning id`);
      await tx.execute(sql`insert into journal_lines (entry_id, account_id, currency, amount_minor) values (${rows[0].id}, ${eur.id}, 'EUR', 100), (${rows[0].id}, ${cny.id}, 'CNY', -100)`);
    });
    expect(await refusal(attempt)).toMatch(/does not balance/);
  });

  it('refuses an entry with a single line, a line in another currency than its account, and any change to history', async () => {
    const { db } = use();
    expect(await refusal(withTx(db, async (tx) => {
      const { rows } = await tx.execute(sql`insert into journal_entries (kind) values ('adjustment') returning id`);
      const receipts = await ledgerAccount(tx, { kind: 'order_receipts', currency: 'EUR' });
      await tx.execute(sql`insert into journal_lines (entry_id, account_id, currency, amount_minor) values (${rows[0].id}, ${receipts.id}, 'EUR', 0 + 1)`);
    }))).toMatch(/at least two/);
    expect(await refusal(withTx(db, async (tx) => {
      const receipts = await ledgerAccount(tx, { kind: 'order_receipts', currency: 'EUR' });
      const { rows } = await tx.execute(sql`insert into journal_entries (kind) values ('adjustment') returning id`);
      await tx.execute(sql`insert into journal_lines (entry_id, account_id, currency, amount_minor) values (${rows[0].id}, ${receipts.id}, 'USD', 1), (${rows[0].id}, ${receipts.id}, 'USD', -1)`);
    }))).toMatch(/journal_lines_account_currency/);
    const shopper = await newShopper(db);
    await withTx(db, (tx) => creditWallet(tx, { accountId: shopper, amountMinor: 1000, currency: 'EUR', provider: 'card_sandbox' }));
    expect(await refusal(db.execute(sql`update journal_lines set amount_minor = amount_minor * 2`))).toMatch(/immutable/);
    expect(await refusal(db.execute(sql`delete from journal_entries`))).toMatch(/immutable/);
  });

  it('refuses a wallet balance that is negative or differs from its lines, whatever the code does', async () => {
    const { db } = use();
    const shopper = await newShopper(db);
    await withTx(db, (tx) => creditWallet(tx, { accountId: shopper, amountMinor: 1000, currency: 'EUR', provider: 'card_sandbox' }));
    expect(await refusal(db.execute(sql`update ledger_accounts set balance_minor = -1 where owner_id = ${shopper}`))).toMatch(/wallet_not_negative/);
    expect(await refusal(withTx(db, async (tx) => {
      const wallet = await ledgerAccount(tx, { kind: 'shopper_wallet', ownerId: shopper, currency: 'EUR' });
      const clearing = await ledgerAccount(tx, { kind: 'provider_clearing', provider: 'card_sandbox', currency: 'EUR' });
      // Lines posted without moving the maintained balance.
      const { rows } = await tx.execute(sql`insert into journal_entries (kind) values ('adjustment') returning id`);
      await tx.execute(sql`insert into journal_lines (entry_id, account_id, currency, amount_minor) values (${rows[0].id}, ${wallet.id}, 'EUR', 300), (${rows[0].id}, ${clearing.id}, 'EUR', -300)`);
    }))).toMatch(/differs from its lines/);
    expect(await walletBalance(db, shopper, 'EUR')).toBe(1000);
  });

  it('pays from the wallet, refuses to overdraw it, and lists the statement page by page', async () => {
    const { db } = use();
    const shopper = await newShopper(db);
    await withTx(db, (tx) => creditWallet(tx, { accountId: shopper, amountMinor: 5000, currency: 'EUR', provider: 'card_sandbox' }));
    for (let i = 1; i <= 4; i++) {
      const paid = await withTx(db, (tx) => payFromWallet(tx, { accountId: shopper, amountMinor: 1000, currency: 'EUR', orderId: null }));
      expect(paid.balanceMinor).toBe(5000 - i * 1000);
    }
    const refused = await expectCode(withTx(db, (tx) => payFromWallet(tx, { accountId: shopper, amountMinor: 1001, currency: 'EUR', orderId: null })), 'payments.insufficient_funds');
    expect(refused.extensions).toMatchObject({ balanceMinor: 1000, neededMinor: 1001 });
    await expectCode(withTx(db, (tx) => payFromWallet(tx, { accountId: shopper, amountMinor: 1, currency: 'JPY', orderId: null })), 'payments.insufficient_funds');
    expect(await walletBalance(db, shopper, 'EUR')).toBe(1000);

    const first = await walletStatement(db, shopper, 'EUR', { limit: 2 });
    expect(first.items.map((l) => l.amountMinor)).toEqual([-1000, -1000]);
    const second = await walletStatement(db, shopper, 'EUR', { limit: 2, cursor: first.nextCursor! });
    const third = await walletStatement(db, shopper, 'EUR', { limit: 2, cursor: second.nextCursor! });
    expect([...second.items, ...third.items].map((l) => l.amountMinor)).toEqual([-1000, -1000, 5000]);
    expect([...first.items, ...second.items, ...third.items].map((l) => l.balanceAfterMinor)).toEqual([1000, 2000, 3000, 4000, 5000]);
    expect(third.nextCursor).toBeNull();
    expect(third.items[0].kind).toBe('top_up');
  });

  it('pays once per idempotency key, and checks the payment against its order', async () => {
    const { db } = use();
    const shopper = await newShopper(db);
    await withTx(db, (tx) => creditWallet(tx, { accountId: shopper, amountMinor: 10_000, currency: 'EUR', provider: 'card_sandbox' }));
    const order = await withTx(db, (tx) => newOrder(tx, { accountId: shopper, currency: 'EUR', lines: [{ merchantId: aurelia, amountMinor: 4000 }] }));
    await expectCode(withTx(db, (tx) => payFromWallet(tx, { accountId: shopper, amountMinor: 4000, currency: 'CNY', orderId: order.orderId })), 'payments.amount_mismatch');
    await expectCode(withTx(db, (tx) => payFromWallet(tx, { accountId: shopper, amountMinor: 4001, currency: 'EUR', orderId: order.orderId })), 'payments.amount_mismatch');
    await expectCode(withTx(db, (tx) => payFromWallet(tx, { accountId: shopper, amountMinor: 1, currency: 'EUR', orderId: '00000000-0000-4000-8000-000000000000' })), 'payments.order_not_found');
    const a = await withTx(db, (tx) => payFromWallet(tx, { accountId: shopper, amountMinor: 4000, currency: 'EUR', orderId: order.orderId, idempotencyKey: 'checkout-1' }));
    const b = await withTx(db, (tx) => payFromWallet(tx, { accountId: shopper, amountMinor: 4000, currency: 'EUR', orderId: order.orderId, idempotencyKey: 'checkout-1' }));
    expect(b.id).toBe(a.id);
    expect(await walletBalance(db, shopper, 'EUR')).toBe(6000);
    // The order is paid in full: a second payment under a new key is refused.
    await expectCode(withTx(db, (tx) => payFromWallet(tx, { accountId: shopper, amountMinor: 1, currency: 'EUR', orderId: order.orderId, idempotencyKey: 'checkout-2' })), 'payments.amount_mismatch');
  });

  it('holds on wallet authorisation, captures in part and releases the rest, and refunds never past the capture', async () => {
    const { db } = use();
    const shopper = await newShopper(db);
    await withTx(db, (tx) => creditWallet(tx, { accountId: shopper, amountMinor: 10_000, currency: 'EUR', provider: 'card_sandbox' }));
    const intent = await withTx(db, (tx) => createPaymentIntent(tx, { accountId: shopper, purpose: 'order', provider: 'wallet', amountMinor: 3000, currency: 'EUR', captureMethod: 'manual' }));
    const { intent: authorised } = await withTx(db, (tx) => authorisePaymentIntent(tx, intent.id, {}, settings));
    expect(authorised.status).toBe('authorised');
    expect(await walletBalance(db, shopper, 'EUR')).toBe(7000);
    await expectCode(withTx(db, (tx) => capturePaymentIntent(tx, intent.id, 3001)), 'payments.capture_exceeds_authorisation');
    const captured = await withTx(db, (tx) => capturePaymentIntent(tx, intent.id, 2500));
    expect(captured).toMatchObject({ status: 'captured', capturedMinor: 2500 });
    expect(await walletBalance(db, shopper, 'EUR')).toBe(7500);
    await expectCode(withTx(db, (tx) => cancelPaymentIntent(tx, intent.id)), 'payments.invalid_transition');
    expect((await withTx(db, (tx) => refundPaymentIntent(tx, intent.id, 1000))).status).toBe('partially_refunded');
    await expectCode(withTx(db, (tx) => refundPaymentIntent(tx, intent.id, 1501)), 'payments.refund_exceeds_capture');
    expect((await withTx(db, (tx) => refundPaymentIntent(tx, intent.id, 1500))).status).toBe('refunded');
    expect(await walletBalance(db, shopper, 'EUR')).toBe(10_000);

    const other = await withTx(db, (tx) => createPaymentIntent(tx, { accountId: shopper, purpose: 'order', provider: 'wallet', amountMinor: 4000, currency: 'EUR', captureMethod: 'manual' }));
    await withTx(db, (tx) => authorisePaymentIntent(tx, other.id, {}, settings));
    expect((await withTx(db, (tx) => cancelPaymentIntent(tx, other.id))).status).toBe('cancelled');
    expect(await walletBalance(db, shopper, 'EUR')).toBe(10_000);
  });

  it('tops up through the card sandbox, which answers through the notification path', async () => {
    const { db } = use();
    const shopper = await newShopper(db);
    const topUp = (card: string) => withTx(db, async (tx) => {
      const intent = await createPaymentIntent(tx, { accountId: shopper, purpose: 'top_up', provider: 'card_sandbox', amountMinor: 2000, currency: 'EUR' });
      return (await authorisePaymentIntent(tx, intent.id, { cardNumber: card }, settings)).intent;
    });
    const approved = await topUp('4242424242424242');
    const declined = await topUp('4000000000000002');
    const broke = await topUp('4000000000009995');
    const challenged = await topUp('4000000000003220');
    expect(approved.status).toBe('processing');
    expect(await walletBalance(db, shopper, 'EUR')).toBe(0);
    expect(await deliverCardSandboxEvents(db, settings)).toBe(4);
    expect((await getPaymentIntent(db, approved.id)).status).toBe('captured');
    expect(await getPaymentIntent(db, declined.id)).toMatchObject({ status: 'failed', failureCode: 'card_declined' });
    expect(await getPaymentIntent(db, broke.id)).toMatchObject({ status: 'failed', failureCode: 'insufficient_funds' });
    expect((await getPaymentIntent(db, challenged.id)).status).toBe('requires_action');
    await withTx(db, (tx) => completeSandboxChallenge(tx, challenged.id, shopper, true, settings));
    await deliverCardSandboxEvents(db, settings);
    expect((await getPaymentIntent(db, challenged.id)).status).toBe('captured');
    expect(await walletBalance(db, shopper, 'EUR')).toBe(4000);
  });

  it('lets a guest pay an order by card, but never by a wallet they do not have', async () => {
    const { db } = use();
    const order = await withTx(db, (tx) => newOrder(tx, { accountId: null, currency: 'EUR', lines: [{ merchantId: aurelia, amountMinor: 2_500 }], paidAt: null }));
    await expectCode(withTx(db, (tx) => createPaymentIntent(tx, { accountId: null, purpose: 'order', orderId: order.orderId, provider: 'wallet', amountMinor: 2_500, currency: 'EUR' })), 'payments.amount_invalid');
    const intent = await withTx(db, async (tx) => {
      const created = await createPaymentIntent(tx, { accountId: null, purpose: 'order', orderId: order.orderId, provider: 'card_sandbox', amountMinor: 2_500, currency: 'EUR' });
      return (await authorisePaymentIntent(tx, created.id, { cardNumber: '4242424242424242' }, settings)).intent;
    });
    await deliverCardSandboxEvents(db, settings);
    expect(await getPaymentIntent(db, intent.id)).toMatchObject({ status: 'captured', capturedMinor: 2_500, accountId: null });
    await expectCode(withTx(db, (tx) => refundPaymentIntent(tx, intent.id, 500, { toWallet: true })), 'payments.amount_invalid');
    expect((await withTx(db, (tx) => refundPaymentIntent(tx, intent.id, 500))).status).toBe('partially_refunded');
  });

  it('applies a notification once: duplicates and late ones change nothing, bad signatures are refused and kept', async () => {
    const { db } = use();
    const shopper = await newShopper(db);
    const intent = await withTx(db, async (tx) => {
      const created = await createPaymentIntent(tx, { accountId: shopper, purpose: 'top_up', provider: 'card_sandbox', amountMinor: 1500, currency: 'EUR' });
      return (await authorisePaymentIntent(tx, created.id, { cardNumber: '4242424242424242' }, settings)).intent;
    });
    const body = { id: `evt_dup_${intent.id}`, intentId: intent.id, type: 'authorised', amountMinor: 1500, currency: 'EUR', providerReference: intent.providerReference };
    const signature = sandboxSignature(settings.sandboxSecret, body);
    expect((await receiveNotification(db, 'card_sandbox', body, signature, settings)).outcome).toBe('applied');
    expect((await receiveNotification(db, 'card_sandbox', body, signature, settings)).outcome).toBe('duplicate');
    const late = { ...body, id: `evt_late_${intent.id}`, type: 'declined', declineCode: 'card_declined' };
    expect((await receiveNotification(db, 'card_sandbox', late, sandboxSignature(settings.sandboxSecret, late), settings)).outcome).toBe('stale');
    const tampered = { ...body, id: `evt_tampered_${intent.id}`, amountMinor: 150_000 };
    await expectCode(receiveNotification(db, 'card_sandbox', tampered, signature, settings), 'payments.bad_signature');
    const wrongAmount = { ...body, id: `evt_amount_${intent.id}`, amountMinor: 1 };
    await expectCode(receiveNotification(db, 'card_sandbox', wrongAmount, sandboxSignature(settings.sandboxSecret, wrongAmount), settings), 'payments.amount_mismatch');
    expect(await getPaymentIntent(db, intent.id)).toMatchObject({ status: 'captured', capturedMinor: 1500 });
    expect(await walletBalance(db, shopper, 'EUR')).toBe(1500);
    const { rows } = await db.execute(sql`select outcome, signature_valid from provider_notifications where intent_id = ${intent.id} order by id`);
    expect(rows.map((r) => `${r.outcome}:${r.signature_valid}`)).toEqual(['applied:true', 'duplicate:true', 'stale:true', 'rejected:false', 'rejected:true']);
  });

  it('settles paid lines to merchants minus commission, across currencies at the recorded rate, and reverses refunds in proportion', async () => {
    const { db } = use();
    await withTx(db, (tx) => setFxRate(tx, { base: 'EUR', quote: 'CNY', rate: '7.8000', effectiveAt: new Date('2026-01-01T00:00:00Z') }));
    const shopper = await newShopper(db);
    await withTx(db, (tx) => creditWallet(tx, { accountId: shopper, amountMinor: 100_000, currency: 'EUR', provider: 'card_sandbox' }));
    const order = await withTx(db, (tx) => newOrder(tx, { accountId: shopper, currency: 'EUR', lines: [{ merchantId: aurelia, amountMinor: 10_000 }, { merchantId: lumen, amountMinor: 5_000 }] }));
    await withTx(db, (tx) => payFromWallet(tx, { accountId: shopper, amountMinor: 15_000, currency: 'EUR', orderId: order.orderId }));
    const postings = await withTx(db, (tx) => recordOrderSettlement(tx, order.orderId));
    const byMerchant = Object.fromEntries(postings.map((p) => [p.merchantId, p]));
    expect(byMerchant[aurelia]).toMatchObject({ currency: 'EUR', grossMinor: 10_000, commissionMinor: 1200, netMinor: 8800, fxRateId: null });
    // 50.00 EUR at 7.80 = 390.00 CNY; 8 % commission = 31.20 CNY.
    expect(byMerchant[lumen]).toMatchObject({ currency: 'CNY', grossMinor: 39_000, commissionMinor: 3120, netMinor: 35_880 });
    expect(byMerchant[lumen].fxRateId).not.toBeNull();
    expect(await withTx(db, (tx) => recordOrderSettlement(tx, order.orderId))).toEqual([]);

    // A quarter of the Lumen line comes back.
    await withTx(db, (tx) => refundOrderLine(tx, order.lineIds[1], 1250));
    const reversal = await withTx(db, (tx) => recordOrderSettlement(tx, order.orderId));
    expect(reversal).toHaveLength(1);
    expect(reversal[0]).toMatchObject({ merchantId: lumen, orderAmountMinor: -1250, grossMinor: -9750, commissionMinor: -780, netMinor: -8970 });
    const payables = await balancesByKind(db, 'merchant_payable');
    expect(payables.find((p) => p.ownerId === lumen)?.balanceMinor).toBe(35_880 - 8970);
    expect(payables.find((p) => p.ownerId === aurelia)?.balanceMinor).toBe(8800);

    const runs = await withTx(db, (tx) => runSettlement(tx, { start: new Date(Date.now() - 3600_000), end: new Date(Date.now() + 60_000), merchantId: lumen }));
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ currency: 'CNY', grossMinor: 29_250, commissionMinor: 2340, netMinor: 26_910 });
    const again = await withTx(db, (tx) => runSettlement(tx, { start: new Date(Date.now() - 3600_000), end: new Date(Date.now() + 60_000), merchantId: lumen }));
    expect(again).toEqual([]);
    const { csv, filename } = await settlementStatementCsv(db, lumen, runs[0].id);
    expect(filename).toMatch(/^settlement-.*-CNY\.csv$/);
    const rows = csv.trim().split('\r\n');
    expect(rows[0]).toBe('posted_at,order_id,order_line_id,order_currency,order_amount_minor,currency,gross_minor,commission_minor,net_minor,net,fx_rate_id');
    expect(rows).toHaveLength(4);
    expect(rows[3]).toBe('total,,,,,CNY,29250,2340,26910,269.10,');
    expect(payables.length).toBeGreaterThan(0);
    expect((await balancesByKind(db, 'merchant_payable')).find((p) => p.ownerId === lumen)?.balanceMinor).toBe(0);
  });

  it('identifies the shopper by a fresh member code once, and refuses a replayed, expired or forged one', async () => {
    const { db } = use();
    const shopper = await newShopper(db);
    const device = await withTx(db, (tx) => registerMemberDevice(tx, shopper, 'phone'));
    const t0 = new Date('2026-11-11T11:11:05Z');
    const { code, expiresAt } = await currentMemberCode(db, shopper, device.id, t0);
    expect(code).toMatch(/^28[0-9]{16}$/);
    expect(expiresAt.toISOString()).toBe('2026-11-11T11:11:30.000Z');
    expect(await withTx(db, (tx) => verifyMemberCode(tx, code, new Date(t0.getTime() + 2000)))).toBe(shopper);
    await expectCode(withTx(db, (tx) => verifyMemberCode(tx, code, new Date(t0.getTime() + 3000))), 'payments.member_code_invalid');

    // A code scanned just after its step turned is still good once; a minute later it is not.
    const next = await currentMemberCode(db, shopper, device.id, new Date(t0.getTime() + 30_000));
    expect(await withTx(db, (tx) => verifyMemberCode(tx, next.code, new Date(t0.getTime() + 61_000)))).toBe(shopper);
    const stale = await currentMemberCode(db, shopper, device.id, new Date(t0.getTime() + 90_000));
    await expectCode(withTx(db, (tx) => verifyMemberCode(tx, stale.code, new Date(t0.getTime() + 200_000))), 'payments.member_code_invalid');
    const forged = `${code.slice(0, 12)}${String((Number(code.slice(12)) + 1) % 1_000_000).padStart(6, '0')}`;
    await expectCode(withTx(db, (tx) => verifyMemberCode(tx, forged, new Date(t0.getTime() + 95_000))), 'payments.member_code_invalid');
    await expectCode(withTx(db, (tx) => verifyMemberCode(tx, 'hello', t0)), 'payments.member_code_invalid');

    const later = await currentMemberCode(db, shopper, device.id, new Date(t0.getTime() + 300_000));
    await withTx(db, (tx) => revokeMemberDevice(tx, shopper, device.id));
    await expectCode(withTx(db, (tx) => verifyMemberCode(tx, later.code, new Date(t0.getTime() + 301_000))), 'payments.member_code_invalid');
  });

  it('finds every invariant holding after all of the above', async () => {
    const report = await checkLedger(use().db);
    expect(report.violations).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.entries).toBeGreaterThan(10);
  });
});
