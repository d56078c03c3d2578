import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { backends, describeEachBackend, freshDatabase } from '../../test/db.js';
import { openStore, sellableSku, stock, topUp, onHand } from '../../test/commerce.js';
import { withTx } from '../db/tx.js';
import type { Database } from '../db/client.js';
import { seedDemo } from '../seed/demo.js';
import { demoId } from '../seed/demo-id.js';
import { createAccount } from '../identity/service.js';
import type { Principal } from '../identity/model.js';
import { openCart, setCartLine } from '../orders/carts.js';
import { fulfilmentOptions, EXPRESS_SLOT_CAPACITY } from '../orders/sourcing.js';
import { checkout, markOrderPaid } from './checkout.js';
import { sweepOrders } from './sweeper.js';
import { sweepExpiredReservations } from '../inventory/index.js';
import { authorisePaymentIntent, checkLedger, providerSettingsFromEnv } from '../payments/index.js';
import { deliverCardSandboxEvents } from '../payments/service/notifications.js';

const aurelia = demoId('merchant:casa-aurelia');
const HOME = { latitude: 43.26271, longitude: -2.92528, country: 'ES' }; // Bilbao

async function shopper(database: Database, name: string): Promise<Principal> {
  const account = await withTx(database.db, (tx) => createAccount(tx, { email: `${name}@mercato.test`, password: 'long enough password', displayName: name, role: 'shopper' }));
  await withTx(database.db, (tx) => topUp(tx, account.id, 1_000_000));
  return { accountId: account.id, email: account.email, role: 'shopper', merchantId: null, locationId: null };
}

async function cartOf(database: Database, who: Principal, skuId: string, quantity = 1): Promise<string> {
  return withTx(database.db, async (tx) => {
    const { cart } = await openCart(tx, { principal: who }, { channel: 'web', currency: 'EUR' });
    await setCartLine(tx, cart, skuId, quantity);
    return cart.id;
  });
}

describeEachBackend('unpaid orders', (use) => {
  beforeAll(async () => { await withTx(use().db, (tx) => seedDemo(tx)); });

  it('cancels an order whose external payment never came, and gives its stock back', async () => {
    const { store, sku } = await withTx(use().db, async (tx) => {
      const store = await openStore(tx, { latitude: HOME.latitude, longitude: HOME.longitude, city: 'Bilbao' });
      const sku = await sellableSku(tx, { merchantId: aurelia, priceMinor: 1000 });
      await stock(tx, store.id, sku.skuId, 3);
      return { store, sku };
    });
    const who = await shopper(use(), `unpaid-${Date.now()}`);
    const cartId = await cartOf(use(), who, sku.skuId, 2);
    const { options } = await fulfilmentOptions(use().db, [{ skuId: sku.skuId, quantity: 2 }], HOME, 'EUR');
    const placed = await withTx(use().db, (tx) => checkout(tx, who, { cartId, access: { principal: who }, optionId: options[0].id, destination: HOME, payment: { provider: 'card_sandbox' } }));
    expect(placed.status).toBe('pending_payment');
    expect(await onHand(use().db, store.id, sku.skuId)).toEqual({ onHand: 3, reserved: 2 });

    const later = new Date(Date.now() + 16 * 60_000);
    await withTx(use().db, (tx) => sweepExpiredReservations(tx, later));
    expect((await sweepOrders(use(), later)).expired).toBeGreaterThanOrEqual(1);
    expect(await onHand(use().db, store.id, sku.skuId)).toEqual({ onHand: 3, reserved: 0 });
    const { rows } = await use().db.execute(sql`select status from orders where id = ${placed.orderId}`);
    expect(rows[0].status).toBe('cancelled');
    // A payment notification arriving now changes nothing.
    expect(await withTx(use().db, (tx) => markOrderPaid(tx, placed.orderId, null))).toBe('already');
  });

  it('refunds a payment that arrives after the hold ran out and the last units were sold', async () => {
    const { store, sku } = await withTx(use().db, async (tx) => {
      const store = await openStore(tx, { latitude: HOME.latitude + 0.3, longitude: HOME.longitude, city: 'Bilbao' });
      const sku = await sellableSku(tx, { merchantId: aurelia, priceMinor: 700 });
      await stock(tx, store.id, sku.skuId, 1);
      return { store, sku };
    });
    const slow = await shopper(use(), `slow-${Date.now()}`);
    const fast = await shopper(use(), `fast-${Date.now()}`);
    const here = { ...HOME, latitude: HOME.latitude + 0.3 };
    const { options } = await fulfilmentOptions(use().db, [{ skuId: sku.skuId, quantity: 1 }], here, 'EUR');
    const slowCart = await cartOf(use(), slow, sku.skuId);
    const fastCart = await cartOf(use(), fast, sku.skuId);
    const slowOrder = await withTx(use().db, (tx) => checkout(tx, slow, { cartId: slowCart, access: { principal: slow }, optionId: options[0].id, destination: here, payment: { provider: 'card_sandbox' } }));
    await withTx(use().db, (tx) => sweepExpiredReservations(tx, new Date(Date.now() + 16 * 60_000)));
    const fastOrder = await withTx(use().db, (tx) => checkout(tx, fast, { cartId: fastCart, access: { principal: fast }, optionId: options[0].id, destination: here, payment: { provider: 'wallet' } }));
    expect(fastOrder.status).toBe('paid');
    // The slow shopper's card is captured only now: there is nothing left to sell them.
    const settings = providerSettingsFromEnv('test-secret');
    await withTx(use().db, (tx) => authorisePaymentIntent(tx, slowOrder.paymentIntentId, { cardNumber: '4242424242424242' }, settings));
    await use().db.execute(sql`update card_sandbox_events set deliver_after = now() - interval '1 second'`);
    await deliverCardSandboxEvents(use().db, settings);
    expect(await withTx(use().db, (tx) => markOrderPaid(tx, slowOrder.orderId, null))).toBe('refunded_sold_out');
    const { rows } = await use().db.execute(sql`select o.status, i.status as payment from orders o join payment_intents i on i.order_id = o.id where o.id = ${slowOrder.orderId}`);
    expect(rows[0]).toEqual({ status: 'cancelled', payment: 'refunded' });
    expect(await onHand(use().db, store.id, sku.skuId)).toEqual({ onHand: 0, reserved: 0 });
    expect((await checkLedger(use().db)).ok).toBe(true);
  });
});

describe.skipIf(!backends().includes('postgres'))('concurrent checkouts on the PostgreSQL server', () => {
  let database: Database;
  beforeAll(async () => {
    database = await freshDatabase('postgres', 30);
    await withTx(database.db, (tx) => seedDemo(tx));
  }, 120_000);
  afterAll(() => database?.close());

  it('never books an express slot past its capacity, and the losers leave nothing behind', async () => {
    const { sku } = await withTx(database.db, async (tx) => {
      const store = await openStore(tx, { latitude: HOME.latitude, longitude: HOME.longitude, city: 'Bilbao' });
      const sku = await sellableSku(tx, { merchantId: aurelia, priceMinor: 1500 });
      await stock(tx, store.id, sku.skuId, 500);
      return { store, sku };
    });
    const buyers = await Promise.all(Array.from({ length: 30 }, (_, i) => shopper(database, `slot-${i}-${Date.now()}`)));
    const carts = await Promise.all(buyers.map((b) => cartOf(database, b, sku.skuId)));
    const { options } = await fulfilmentOptions(database.db, [{ skuId: sku.skuId, quantity: 1 }], HOME, 'EUR');
    const express = options.find((o) => o.kind === 'express_delivery')!;
    const slotStart = express.shipments[0].earliestSlot!.start;
    const results = await Promise.allSettled(buyers.map((b, i) => withTx(database.db, (tx) => checkout(tx, b, {
      cartId: carts[i], access: { principal: b }, optionId: express.id, slotStart, destination: HOME, payment: { provider: 'wallet' },
    }))));
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(won).toHaveLength(EXPRESS_SLOT_CAPACITY);
    expect(lost.every((r) => (r.reason as { code?: string }).code === 'orders.option_unavailable')).toBe(true);
    const { rows } = await database.db.execute(sql`select (select booked from delivery_slots where slot_start = ${slotStart} and capacity = ${EXPRESS_SLOT_CAPACITY} limit 1) as booked,
      (select count(*)::int from orders where cart_id in (${sql.join(carts.map((c) => sql`${c}::uuid`), sql`, `)})) as orders`);
    expect(rows[0]).toEqual({ booked: EXPRESS_SLOT_CAPACITY, orders: EXPRESS_SLOT_CAPACITY });
  }, 120_000);
});
