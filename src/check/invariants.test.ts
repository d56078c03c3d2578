import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';
import { describeEachBackend } from '../../test/db.js';
import { auth, signInAs, testApp } from '../../test/http.js';
import { openStore, sellableSku, stock, topUp } from '../../test/commerce.js';
import { withTx, type Tx } from '../db/tx.js';
import { demoId } from '../seed/demo-id.js';
import { checkInvariants, formatCheckReport, type CheckReport } from './invariants.js';
import { checkCommand } from './cli.js';

const aurelia = demoId('merchant:casa-aurelia');
const carmenId = demoId('account:carmen@mercato.test');
const HOME = { latitude: 43.26271, longitude: -2.92528, country: 'ES' }; // Bilbao

class Rollback extends Error {}

/** Applies a corruption and runs the check inside one transaction that is then rolled back. */
async function checkAfter(db: Tx, corrupt: (tx: Tx) => Promise<void>): Promise<CheckReport> {
  let report: CheckReport | undefined;
  await withTx(db, async (tx) => {
    await corrupt(tx);
    report = await checkInvariants(tx, { heldGraceMs: 0 });
    throw new Rollback();
  }).catch((error) => { if (!(error instanceof Rollback)) throw error; });
  return report!;
}

function invariantsBroken(report: CheckReport): string[] {
  return report.sections.flatMap((s) => s.violations.map((v) => `${s.name}: ${v.invariant}`));
}

describeEachBackend('mercato check', (use) => {
  let app: FastifyInstance;
  let carmen: string, operator: string, associate: string;
  let orderIds: { express: string; pickup: string; returned: string };

  beforeAll(async () => {
    app = await testApp(use(), { seed: true });
    const { store, bag } = await withTx(use().db, async (tx) => {
      const store = await openStore(tx, { latitude: HOME.latitude + 0.01, longitude: HOME.longitude, city: 'Bilbao' });
      const bag = await sellableSku(tx, { merchantId: aurelia, priceMinor: 9_900 });
      await stock(tx, store.id, bag.skuId, 20);
      await topUp(tx, carmenId, 100_000);
      return { store, bag };
    });
    carmen = await signInAs(app, 'carmen@mercato.test');
    operator = await signInAs(app, 'operator@mercato.test');
    const email = `bilbao-${Date.now()}@mercato.test`;
    await app.inject({ method: 'POST', url: '/v1/admin/accounts', headers: auth(operator), payload: { email, password: 'long enough password', displayName: email, role: 'associate', locationId: store.id } });
    associate = await signInAs(app, email, 'long enough password');
    const place = async (kind: string, quantity: number) => {
      const { cartId } = (await app.inject({ method: 'POST', url: '/v1/carts', headers: auth(carmen), payload: { channel: 'app', currency: 'EUR' } })).json();
      await app.inject({ method: 'PUT', url: `/v1/carts/${cartId}/lines/${bag.skuId}`, headers: auth(carmen), payload: { quantity } });
      const offered = (await app.inject({ url: `/v1/carts/${cartId}/fulfilment-options?lat=${HOME.latitude}&lon=${HOME.longitude}&country=ES`, headers: auth(carmen) })).json();
      const option = offered.options.find((o: any) => o.kind === kind);
      const placed = await app.inject({ method: 'POST', url: `/v1/carts/${cartId}/checkout`, headers: auth(carmen), payload: { optionId: option.id, destination: HOME, payment: { provider: 'wallet' } } });
      expect(placed.statusCode, placed.body).toBe(201);
      return (await app.inject({ url: `/v1/orders/${placed.json().orderId}`, headers: auth(carmen) })).json();
    };
    const express = await place('express_delivery', 1);
    const pickup = await place('store_pickup', 1);
    const returned = await place('express_delivery', 2);
    for (const event of ['start_pick', 'pack', 'dispatch', 'deliver']) {
      await app.inject({ method: 'POST', url: `/v1/fulfilments/${returned.fulfilments[0].id}/steps`, headers: auth(associate), payload: { event } });
    }
    const back = await app.inject({ method: 'POST', url: `/v1/locations/${store.id}/returns`, headers: auth(associate), payload: { orderId: returned.id, refundTo: 'wallet', lines: [{ orderLineId: returned.lines[0].id, quantity: 1 }] } });
    expect(back.statusCode, back.body).toBe(201);
    orderIds = { express: express.id, pickup: pickup.id, returned: returned.id };
  });
  afterAll(() => app.close());

  it('is clean after real orders, deliveries and a return, and the command exits 0', async () => {
    const report = await checkInvariants(use().db, { heldGraceMs: 0 });
    expect(invariantsBroken(report), formatCheckReport(report)).toEqual([]);
    expect(await checkCommand(use(), { heldGraceMs: 0 })).toBe(0);
  });

  const corruptions: Array<[string, string, (tx: Tx) => Promise<void>]> = [
    ['an unbalanced journal entry', 'ledger: every entry sums to zero per currency', async (tx) => {
      const { rows: [entry] } = await tx.execute(sql`insert into journal_entries (kind, memo) values ('adjustment', 'corrupt') returning id`);
      const { rows: [account] } = await tx.execute(sql`select id, currency from ledger_accounts where kind = 'order_receipts' limit 1`);
      await tx.execute(sql`insert into journal_lines (entry_id, account_id, currency, amount_minor) values (${entry.id}, ${account.id}, ${account.currency}, 1), (${entry.id}, ${account.id}, ${account.currency}, 1)`);
    }],
    ['a wallet balance off its lines', 'ledger: a wallet balance equals the sum of its lines', async (tx) => {
      await tx.execute(sql`update ledger_accounts set balance_minor = balance_minor + 1 where kind = 'shopper_wallet' and owner_id = ${carmenId}`);
    }],
    ['on-hand off its journal', 'stock: on-hand equals the movement journal', async (tx) => {
      await tx.execute(sql`update stock_levels set on_hand = on_hand + 1 where (sku_id, location_id) in (select sku_id, location_id from stock_levels limit 1)`);
    }],
    ['a reserved counter off its holds', 'stock: reserved equals the held reservations', async (tx) => {
      await tx.execute(sql`update stock_levels set reserved = reserved + 1 where (sku_id, location_id) in (select sku_id, location_id from stock_levels where on_hand > reserved limit 1)`);
    }],
    ['a hold left past its expiry', 'stock: no reservation is held past its expiry after a sweep', async (tx) => {
      const { rows: [level] } = await tx.execute(sql`select sku_id, location_id from stock_levels where on_hand > reserved limit 1`);
      const { rows: [hold] } = await tx.execute(sql`insert into reservations (reference, status, expires_at) values ('cart:corrupt', 'held', now() - interval '1 hour') returning id`);
      await tx.execute(sql`insert into reservation_lines (reservation_id, sku_id, location_id, quantity) values (${hold.id}, ${level.sku_id}, ${level.location_id}, 1)`);
      await tx.execute(sql`update stock_levels set reserved = reserved + 1 where sku_id = ${level.sku_id} and location_id = ${level.location_id}`);
    }],
    ['a pickup slot booked past capacity', 'slots: a pickup slot\'s bookings fit its capacity', async (tx) => {
      const { rows: [slot] } = await tx.execute(sql`select location_id, slot_start, capacity, booked from pickup_slots where booked > 0 limit 1`);
      for (let i = Number(slot.booked); i <= Number(slot.capacity); i++) {
        await tx.execute(sql`insert into pickup_slot_bookings (location_id, slot_start, reference) values (${slot.location_id}, ${slot.slot_start}, 'corrupt')`);
      }
    }],
    ['an express slot counter off its deliveries', 'slots: an express slot\'s bookings fit its capacity and equal its live deliveries', async (tx) => {
      await tx.execute(sql`update delivery_slots set booked = booked - 1 where booked > 0`);
    }],
    ['an order refund its payments do not know', 'order money: an order\'s refunds equal its payments\' refunds', async (tx) => {
      await tx.execute(sql`update orders set refunded_minor = refunded_minor + 100, payment_status = 'partially_refunded' where id = ${orderIds.express}`);
      await tx.execute(sql`update order_lines set refunded_minor = refunded_minor + 100 where order_id = ${orderIds.express}`);
    }],
    ['a payment refunded behind the order\'s back', 'order money: an order\'s refunds equal its payments\' refunds', async (tx) => {
      await tx.execute(sql`update payment_intents set refunded_minor = 100, status = 'partially_refunded' where order_id = ${orderIds.pickup}`);
    }],
    ['a merchant still paid for a refunded line', 'settlement: a line is settled for what was paid and not refunded', async (tx) => {
      await tx.execute(sql`update order_lines set refunded_minor = refunded_minor + 1 where order_id = ${orderIds.pickup}`);
    }],
    ['a line sold more units than the journal shows', 'order stock: a paid line\'s units are in the stock journal', async (tx) => {
      await tx.execute(sql`update order_lines set quantity = quantity + 1, returned_quantity = returned_quantity where order_id = ${orderIds.express}`);
    }],
    ['a return without its units back in stock', 'orders: a line\'s returned units equal its return records', async (tx) => {
      await tx.execute(sql`update order_lines set returned_quantity = returned_quantity + 1 where order_id = ${orderIds.returned}`);
    }],
    ['units all back but not refunded', 'order stock: a line whose units all came back is refunded in full', async (tx) => {
      await tx.execute(sql`update orders set status = 'cancelled' where id = ${orderIds.pickup}`);
      await tx.execute(sql`update fulfilments set status = 'cancelled' where order_id = ${orderIds.pickup}`);
    }],
    ['an order status its parcels contradict', 'orders: an order\'s status agrees with its fulfilments', async (tx) => {
      await tx.execute(sql`update orders set status = 'completed' where id = ${orderIds.express}`);
    }],
  ];

  for (const [what, invariant, corrupt] of corruptions) {
    it(`catches ${what}`, async () => {
      const report = await checkAfter(use().db, corrupt);
      expect(report.ok).toBe(false);
      expect(invariantsBroken(report)).toContain(invariant);
      expect(formatCheckReport(report)).toContain('✗');
    });
  }

  it('exits 1 with a readable report when something is broken', async () => {
    await use().db.execute(sql`update delivery_slots set booked = booked + 1 where booked < capacity`);
    const lines: string[] = [];
    const log = console.log;
    console.log = (text: string) => lines.push(text);
    try {
      expect(await checkCommand(use(), { heldGraceMs: 0 })).toBe(1);
    } finally {
      console.log = log;
      await use().db.execute(sql`update delivery_slots set booked = booked - 1 where booked > 0`);
    }
    expect(lines.join('\n')).toMatch(/✗ slots: .*\n {4}✗ an express slot's bookings fit its capacity and equal its live deliveries: express slot .* booked \d+, live deliveries \d+/);
    expect(await checkCommand(use(), { heldGraceMs: 0, json: true }).finally(() => undefined)).toBe(0);
  });
});
