/**
 * The generative lifecycle test's world, model and commands (issue 11): random sequences of REAL
 * service operations — checkout (wallet, card), the till (wallet, card approved or declined),
 * paying late, expiry, cancellation, picking (short picks included), packing and the other
 * console steps, hand-over with right and wrong codes, partner desks and return to sender,
 * returns at another store, operator refunds, top-ups, restocking — against a small model of
 * what each shopper's wallet, each shelf and each order should then hold. `mercato check` runs
 * after every sequence. Used by src/check/lifecycle.test.ts (short) and bench/lifecycle.ts (long).
 */
import fc from 'fast-check';
import { sql } from 'drizzle-orm';
import type { Database } from '../src/db/client.js';
import { withTx, type Tx } from '../src/db/tx.js';
import { DomainError } from '../src/http/problem.js';
import type { Principal } from '../src/identity/model.js';
import type { Location } from '../src/locations/index.js';
import { receiveStock, sweepExpiredReservations } from '../src/inventory/index.js';
import { creditWallet, providerSettingsFromEnv, walletBalance, type ProviderSettings } from '../src/payments/index.js';
import { applyProviderEvent } from '../src/payments/service/intents.js';
import { openCart, setCartLine } from '../src/orders/carts.js';
import { fulfilmentOptions } from '../src/orders/sourcing.js';
import { checkPickupCode, countWrongCode, lockFulfilment, transitionFulfilment } from '../src/orders/fulfilment.js';
import type { FulfilmentEvent } from '../src/orders/model.js';
import { checkout, markOrderPaid } from '../src/flows/checkout.js';
import { cancelOrder, recordPick, refundOrderByOperator, returnAtStore, returnParcelToSender } from '../src/flows/after-sale.js';
import { openBasket, payBasket, scanItem } from '../src/flows/till.js';
import { sweepOrders } from '../src/flows/sweeper.js';
import { seedDemo } from '../src/seed/demo.js';
import { demoId } from '../src/seed/demo-id.js';
import { checkInvariants, formatCheckReport } from '../src/check/invariants.js';
import { makeLocation } from '../src/inventory/test-fixtures.js';
import { openStore, sellableSku } from './commerce.js';

// A Valladolid neighbourhood, far from the demo stores.
const HOME = { latitude: 41.65184, longitude: -4.72853, country: 'ES' };
const LATER = 20 * 60_000; // past the 15-minute hold of an unpaid order

export interface World {
  database: Database;
  shoppers: Principal[];
  operator: Principal;
  storeA: Location; storeB: Location; warehouse: Location; desk: Location;
  skus: Array<{ skuId: string; barcode: string }>;
  settings: ProviderSettings;
  ops: { count: number; refused: Record<string, number> };
}

const staff = (accountId: string, role: 'associate' | 'operator', locationId: string | null): Principal => ({ accountId, email: 'staff@mercato.test', role, merchantId: null, locationId });

export async function buildWorld(database: Database): Promise<World> {
  return withTx(database.db, async (tx) => {
    await seedDemo(tx);
    const storeA = await openStore(tx, { latitude: HOME.latitude + 0.01, longitude: HOME.longitude, city: 'Valladolid' });
    const storeB = await openStore(tx, { latitude: HOME.latitude - 0.02, longitude: HOME.longitude, city: 'Valladolid', localDelivery: false, offersPickup: false });
    const warehouse = await makeLocation(tx, { kind: 'warehouse', latitude: 41.60, longitude: -4.80, shipsOrders: true, acceptsReturns: false, city: 'Valladolid' });
    const desk = await makeLocation(tx, { kind: 'partner_pickup_point', latitude: HOME.latitude + 0.005, longitude: HOME.longitude + 0.005, city: 'Valladolid', partnerName: 'Galerías' });
    const skus = [
      await sellableSku(tx, { merchantId: demoId('merchant:casa-aurelia'), priceMinor: 12_900 }),
      await sellableSku(tx, { merchantId: demoId('merchant:casa-aurelia'), priceMinor: 4_500 }),
      await sellableSku(tx, { merchantId: demoId('merchant:lumen-tea'), priceMinor: 1_250 }),
    ];
    for (const sku of skus) {
      await receiveStock(tx, { skuId: sku.skuId, locationId: storeA.id, quantity: 8 });
      await receiveStock(tx, { skuId: sku.skuId, locationId: warehouse.id, quantity: 8 });
    }
    const shoppers = ['carmen', 'giulia', 'emma'].map((name): Principal => ({ accountId: demoId(`account:${name}@mercato.test`), email: `${name}@mercato.test`, role: 'shopper', merchantId: null, locationId: null }));
    for (const shopper of shoppers) await creditWallet(tx, { accountId: shopper.accountId, amountMinor: 50_000, currency: 'EUR', provider: 'card_sandbox', memo: 'lifecycle opening balance' });
    const operator = staff(demoId('account:operator@mercato.test'), 'operator', null);
    return { database, shoppers, operator, storeA, storeB, warehouse, desk, skus, settings: providerSettingsFromEnv('lifecycle-test-secret-not-the-default'), ops: { count: 0, refused: {} } };
  });
}

// --- the model -------------------------------------------------------------------------------

type Kind = 'express_delivery' | 'store_pickup' | 'partner_pickup' | 'store_to_home' | 'pos_takeaway';
interface ModelFulfilment { id: string; kind: Kind; status: string; source: string; lines: Array<{ lineId: string; skuId: string; quantity: number; picked: number | null }> }
interface ModelOrder {
  id: string; shopper: number; wallet: boolean; status: string; total: number; refunded: number;
  lines: Array<{ id: string; skuId: string; quantity: number; amount: number; returned: number }>;
  fulfilments: ModelFulfilment[];
}

export interface Model {
  wallets: number[];
  onHand: Map<string, number>;
  reserved: Map<string, number>;
  orders: ModelOrder[];
}

const key = (locationId: string, skuId: string) => `${locationId}|${skuId}`;
const bump = (map: Map<string, number>, k: string, by: number) => map.set(k, (map.get(k) ?? 0) + by);

/** The model starts from what the database holds now (the world outlives each sequence). */
export async function modelOf(world: World): Promise<Model> {
  const wallets = await Promise.all(world.shoppers.map((s) => walletBalance(world.database.db, s.accountId, 'EUR')));
  const onHand = new Map<string, number>();
  const reserved = new Map<string, number>();
  const { rows } = await world.database.db.execute(sql`select sku_id, location_id, on_hand, reserved from stock_levels where sku_id in (${sql.join(world.skus.map((s) => sql`${s.skuId}`), sql`, `)})`);
  for (const r of rows) {
    onHand.set(key(String(r.location_id), String(r.sku_id)), Number(r.on_hand));
    reserved.set(key(String(r.location_id), String(r.sku_id)), Number(r.reserved));
  }
  return { wallets, onHand, reserved, orders: [] };
}

/** The order's status as the model expects it from its parcels. */
function expectedStatus(order: ModelOrder): string {
  if (order.status === 'pending_payment' || order.status === 'cancelled') return order.status;
  const fs = order.fulfilments;
  const terminal = (s: string) => ['delivered', 'picked_up', 'returned_to_sender', 'cancelled'].includes(s);
  if (fs.every((f) => terminal(f.status))) {
    if (fs.some((f) => f.status === 'delivered' || f.status === 'picked_up')) return 'completed';
    if (fs.some((f) => f.status === 'returned_to_sender')) return 'returned';
    return 'cancelled';
  }
  return fs.some((f) => f.status !== 'pending' && f.status !== 'cancelled') ? 'fulfilling' : 'paid';
}

async function refresh(world: World, order: ModelOrder): Promise<void> {
  const { rows: fs } = await world.database.db.execute(sql`select id, status from fulfilments where order_id = ${order.id}`);
  for (const f of order.fulfilments) f.status = String(fs.find((r) => r.id === f.id)!.status);
}

/** The real state must be what the model says: wallets, shelves, the order's status and refunds. */
async function compare(world: World, model: Model, order?: ModelOrder): Promise<void> {
  const db = world.database.db;
  for (const [i, shopper] of world.shoppers.entries()) {
    const real = await walletBalance(db, shopper.accountId, 'EUR');
    if (real !== model.wallets[i]) throw new Error(`wallet of ${shopper.email}: model ${model.wallets[i]}, real ${real}`);
  }
  const { rows } = await db.execute(sql`select sku_id, location_id, on_hand, reserved from stock_levels where sku_id in (${sql.join(world.skus.map((s) => sql`${s.skuId}`), sql`, `)})`);
  for (const r of rows) {
    const k = key(String(r.location_id), String(r.sku_id));
    if (Number(r.on_hand) !== (model.onHand.get(k) ?? 0)) throw new Error(`on-hand of ${k}: model ${model.onHand.get(k) ?? 0}, real ${r.on_hand}`);
    if (Number(r.reserved) !== (model.reserved.get(k) ?? 0)) throw new Error(`reserved of ${k}: model ${model.reserved.get(k) ?? 0}, real ${r.reserved}`);
  }
  if (order) {
    const { rows: [real] } = await db.execute(sql`select status, refunded_minor from orders where id = ${order.id}`);
    const status = expectedStatus(order);
    if (real.status !== status) throw new Error(`order ${order.id}: model ${status}, real ${real.status}`);
    order.status = status;
    if (Number(real.refunded_minor) !== order.refunded) throw new Error(`order ${order.id} refunded: model ${order.refunded}, real ${real.refunded_minor}`);
    if (order.refunded > order.total) throw new Error(`order ${order.id} refunded ${order.refunded} of ${order.total}`);
  }
}

/** Runs one operation; a refusal must be a domain error (a 4xx), never anything else. */
async function attempt<T>(world: World, name: string, work: () => Promise<T>, allowed: string[]): Promise<T | null> {
  world.ops.count += 1;
  try {
    return await work();
  } catch (error) {
    if (error instanceof DomainError && allowed.some((code) => error.code === code || (code.endsWith('.*') && error.code.startsWith(code.slice(0, -1))))) {
      world.ops.refused[`${name}: ${error.code}`] = (world.ops.refused[`${name}: ${error.code}`] ?? 0) + 1;
      return null;
    }
    throw error;
  }
}

/** Credits a refund where the order's money goes back: the wallet for wallet-paid orders. */
function refundTo(model: Model, order: ModelOrder, amount: number, toWallet = false): void {
  order.refunded += amount;
  if (order.wallet || toWallet) model.wallets[order.shopper] += amount;
}

async function loadOrder(world: World, orderId: string, shopper: number, wallet: boolean): Promise<ModelOrder> {
  const db = world.database.db;
  const { rows: [o] } = await db.execute(sql`select status, total_minor from orders where id = ${orderId}`);
  const { rows: lines } = await db.execute(sql`select id, sku_id, quantity, amount_minor from order_lines where order_id = ${orderId} order by id`);
  const { rows: fs } = await db.execute(sql`select id, kind, status, source_location_id from fulfilments where order_id = ${orderId} order by id`);
  const { rows: fls } = await db.execute(sql`select fl.fulfilment_id, fl.order_line_id, fl.quantity, l.sku_id from fulfilment_lines fl join order_lines l on l.id = fl.order_line_id where l.order_id = ${orderId}`);
  return {
    id: orderId, shopper, wallet, status: String(o.status), total: Number(o.total_minor), refunded: 0,
    lines: lines.map((l) => ({ id: String(l.id), skuId: String(l.sku_id), quantity: Number(l.quantity), amount: Number(l.amount_minor), returned: 0 })),
    fulfilments: fs.map((f) => ({
      id: String(f.id), kind: f.kind as Kind, status: String(f.status), source: String(f.source_location_id),
      lines: fls.filter((l) => l.fulfilment_id === f.id).map((l) => ({ lineId: String(l.order_line_id), skuId: String(l.sku_id), quantity: Number(l.quantity), picked: null })),
    })),
  };
}

// --- commands ---------------------------------------------------------------------------------

type Cmd = fc.AsyncCommand<Model, World>;
const pickOne = <T>(items: T[], index: number): T => items[index % items.length];
const fulfilmentsWhere = (m: Model, test: (f: ModelFulfilment, o: ModelOrder) => boolean) => m.orders.flatMap((o) => o.fulfilments.filter((f) => test(f, o)).map((f) => ({ o, f })));

class Checkout implements Cmd {
  constructor(readonly shopper: number, readonly sku: number, readonly quantity: number, readonly kind: 'express_delivery' | 'store_pickup' | 'partner_pickup', readonly card: boolean) {}
  check = () => true;
  async run(m: Model, w: World) {
    const shopper = w.shoppers[this.shopper];
    const { skuId } = w.skus[this.sku];
    const result = await attempt(w, 'checkout', () => withTx(w.database.db, async (tx) => {
      const { cart } = await openCart(tx, { principal: shopper }, { channel: 'app', currency: 'EUR' });
      await tx.execute(sql`delete from cart_lines where cart_id = ${cart.id}`);
      await setCartLine(tx, cart, skuId, this.quantity);
      const { options } = await fulfilmentOptions(tx, [{ skuId, quantity: this.quantity }], HOME, 'EUR');
      const option = options.find((o) => o.kind === this.kind);
      if (!option) throw new DomainError('orders.option_unavailable', `no ${this.kind}`);
      return checkout(tx, shopper, { cartId: cart.id, access: { principal: shopper }, optionId: option.id, destination: HOME, payment: { provider: this.card ? 'card_sandbox' : 'wallet' } });
    }), ['orders.option_unavailable', 'inventory.sold_out', 'payments.insufficient_funds']);
    if (!result) return compare(w, m);
    const order = await loadOrder(w, result.orderId, this.shopper, !this.card);
    m.orders.push(order);
    for (const f of order.fulfilments) {
      const expectedSource = this.kind === 'partner_pickup' ? w.warehouse.id : w.storeA.id;
      if (f.source !== expectedSource) throw new Error(`${this.kind} sourced from ${f.source}`);
      for (const l of f.lines) bump(this.card ? m.reserved : m.onHand, key(f.source, l.skuId), this.card ? l.quantity : -l.quantity);
    }
    if (!this.card) m.wallets[this.shopper] -= order.total;
    await compare(w, m, order);
  }
  toString = () => `checkout(${this.shopper}, sku${this.sku} × ${this.quantity}, ${this.kind}, ${this.card ? 'card' : 'wallet'})`;
}

class TillSale implements Cmd {
  constructor(readonly shopper: number, readonly sku: number, readonly quantity: number, readonly payment: 'wallet' | 'card' | 'declined', readonly deliver: boolean) {}
  check = () => true;
  async run(m: Model, w: World) {
    const associate = staff(w.operator.accountId, 'associate', w.storeA.id);
    const shopper = w.shoppers[this.shopper];
    const receipt = await attempt(w, 'till', () => withTx(w.database.db, async (tx) => {
      const basket = await openBasket(tx, associate, 'EUR');
      await scanItem(tx, associate, basket.id, w.skus[this.sku].barcode, this.quantity);
      // The member code's check is tested on its own; here the basket is simply the shopper's.
      await tx.execute(sql`update carts set account_id = ${shopper.accountId} where id = ${basket.id}`);
      const cardNumber = this.payment === 'declined' ? '4000000000000002' : '4242424242424242';
      return payBasket(tx, associate, basket.id, { provider: this.payment === 'wallet' ? 'wallet' : 'card_sandbox', cardNumber, deliverTo: this.deliver ? HOME : undefined }, w.settings);
    }), ['inventory.sold_out', 'payments.insufficient_funds', 'payments.card_declined']);
    if (this.payment === 'declined' && receipt) throw new Error('a declined card gave a receipt');
    if (!receipt) return compare(w, m);
    const order = await loadOrder(w, receipt.orderId, this.shopper, this.payment === 'wallet');
    order.status = 'paid';
    m.orders.push(order);
    bump(m.onHand, key(w.storeA.id, w.skus[this.sku].skuId), -this.quantity);
    if (this.payment === 'wallet') m.wallets[this.shopper] -= receipt.totalMinor;
    await compare(w, m, order);
  }
  toString = () => `till(${this.shopper}, sku${this.sku} × ${this.quantity}, ${this.payment}${this.deliver ? ', deliver home' : ''})`;
}

class PayLate implements Cmd {
  constructor(readonly index: number, readonly afterHold: boolean) {}
  check = (m: Model) => m.orders.some((o) => o.status === 'pending_payment');
  async run(m: Model, w: World) {
    const order = pickOne(m.orders.filter((o) => o.status === 'pending_payment'), this.index);
    const now = new Date(Date.now() + (this.afterHold ? LATER : 0));
    const { rows: [intent] } = await w.database.db.execute(sql`select id, amount_minor from payment_intents where order_id = ${order.id} and status = 'created'`);
    w.ops.count += 1;
    await withTx(w.database.db, (tx) => applyProviderEvent(tx, { notificationId: `life-${order.id}`, intentId: String(intent.id), outcome: 'paid', amountMinor: Number(intent.amount_minor) }));
    const outcome = await withTx(w.database.db, (tx) => markOrderPaid(tx, order.id, null, now));
    for (const f of order.fulfilments) for (const l of f.lines) bump(m.reserved, key(f.source, l.skuId), -l.quantity);
    if (outcome === 'paid') {
      order.status = 'paid';
      for (const f of order.fulfilments) for (const l of f.lines) bump(m.onHand, key(f.source, l.skuId), -l.quantity);
    } else if (outcome === 'refunded_sold_out') {
      order.status = 'cancelled';
      order.refunded = order.total;
      for (const f of order.fulfilments) f.status = 'cancelled';
    } else throw new Error(`pay late answered ${outcome}`);
    await compare(w, m, order);
  }
  toString = () => `payLate(#${this.index}${this.afterHold ? ', after the hold' : ''})`;
}

class Sweep implements Cmd {
  check = () => true;
  async run(m: Model, w: World) {
    w.ops.count += 1;
    const later = new Date(Date.now() + LATER);
    await withTx(w.database.db, (tx) => sweepExpiredReservations(tx, later));
    await sweepOrders(w.database, later);
    // Every unpaid order expired; every hold is back.
    for (const o of m.orders.filter((x) => x.status === 'pending_payment')) {
      o.status = 'cancelled';
      for (const f of o.fulfilments) f.status = 'cancelled';
    }
    for (const k of m.reserved.keys()) m.reserved.set(k, 0);
    await compare(w, m);
  }
  toString = () => 'expire (sweep)';
}

class Cancel implements Cmd {
  constructor(readonly index: number) {}
  check = (m: Model) => m.orders.some((o) => o.status === 'pending_payment' || o.status === 'paid');
  async run(m: Model, w: World) {
    const order = pickOne(m.orders.filter((o) => o.status === 'pending_payment' || o.status === 'paid'), this.index);
    const done = await attempt(w, 'cancel', () => withTx(w.database.db, (tx) => cancelOrder(tx, w.shoppers[order.shopper], order.id, 'lifecycle')).then(() => true), ['orders.not_cancellable']);
    const cancellable = order.fulfilments.every((f) => f.status === 'pending') && !order.fulfilments.some((f) => f.kind === 'pos_takeaway' || f.kind === 'store_to_home');
    if (Boolean(done) !== cancellable) throw new Error(`cancel of ${order.id}: model says ${cancellable}, real ${Boolean(done)}`);
    if (done) {
      for (const f of order.fulfilments) for (const l of f.lines) bump(order.status === 'pending_payment' ? m.reserved : m.onHand, key(f.source, l.skuId), order.status === 'pending_payment' ? -l.quantity : l.quantity);
      if (order.status === 'paid') refundTo(m, order, order.total - order.refunded);
      order.status = 'cancelled';
      for (const f of order.fulfilments) f.status = 'cancelled';
    }
    await compare(w, m, order);
  }
  toString = () => `cancel(#${this.index})`;
}

/** The next console step of a parcel, by kind and status. */
const NEXT: Record<string, Partial<Record<string, FulfilmentEvent>>> = {
  express_delivery: { pending: 'start_pick', picking: 'pack', packed: 'dispatch', out_for_delivery: 'deliver' },
  store_to_home: { pending: 'start_pick', picking: 'pack', packed: 'dispatch', out_for_delivery: 'deliver' },
  store_pickup: { pending: 'start_pick', picking: 'pack', packed: 'ready' },
  partner_pickup: { pending: 'start_pick', picking: 'pack', packed: 'send_to_partner', in_transit_to_partner: 'receive_at_partner' },
};

class Step implements Cmd {
  constructor(readonly index: number) {}
  check = (m: Model) => fulfilmentsWhere(m, (f, o) => o.status !== 'pending_payment' && o.status !== 'cancelled' && !!NEXT[f.kind]?.[f.status]).length > 0;
  async run(m: Model, w: World) {
    const { o, f } = pickOne(fulfilmentsWhere(m, (f2, o2) => o2.status !== 'pending_payment' && o2.status !== 'cancelled' && !!NEXT[f2.kind]?.[f2.status]), this.index);
    const event = NEXT[f.kind][f.status]!;
    w.ops.count += 1;
    const at = event === 'receive_at_partner' ? w.desk.id : f.source;
    await withTx(w.database.db, (tx) => transitionFulfilment(tx, staff(w.operator.accountId, 'associate', at), f.id, event));
    await refresh(w, o);
    await compare(w, m, o);
  }
  toString = () => `step(#${this.index})`;
}

class Pick implements Cmd {
  constructor(readonly index: number, readonly missing: number) {}
  check = (m: Model) => fulfilmentsWhere(m, (f) => f.status === 'picking' && f.lines.some((l) => l.picked === null)).length > 0;
  async run(m: Model, w: World) {
    const { o, f } = pickOne(fulfilmentsWhere(m, (f2) => f2.status === 'picking' && f2.lines.some((l) => l.picked === null)), this.index);
    const lines = f.lines.filter((l) => l.picked === null).map((l) => ({ orderLineId: l.lineId, pickedQuantity: Math.max(0, l.quantity - this.missing) }));
    w.ops.count += 1;
    const result = await withTx(w.database.db, (tx) => recordPick(tx, staff(w.operator.accountId, 'associate', f.source), f.id, lines));
    for (const l of f.lines) l.picked ??= lines.find((x) => x.orderLineId === l.lineId)!.pickedQuantity;
    const shortUnits = lines.reduce((s, l) => s + f.lines.find((x) => x.lineId === l.orderLineId)!.quantity - l.pickedQuantity, 0);
    // A short pick refunds what is left of the missing units (nothing when an operator already
    // refunded the whole order); a full pick refunds nothing.
    if ((shortUnits === 0 && result.refundedMinor !== 0) || result.refundedMinor > o.total - o.refunded) throw new Error(`short pick of ${shortUnits} refunded ${result.refundedMinor} (${o.total - o.refunded} left)`);
    if (result.closed !== f.lines.every((l) => l.picked === 0)) throw new Error('an emptied parcel was not closed (or a full one was)');
    refundTo(m, o, result.refundedMinor);
    await refresh(w, o);
    await compare(w, m, o);
  }
  toString = () => `pick(#${this.index}, ${this.missing} missing per line)`;
}

class HandOver implements Cmd {
  constructor(readonly index: number, readonly rightCode: boolean) {}
  check = (m: Model) => fulfilmentsWhere(m, (f) => f.status === 'ready_for_pickup' || f.status === 'received_at_partner').length > 0;
  async run(m: Model, w: World) {
    const { o, f } = pickOne(fulfilmentsWhere(m, (f2) => f2.status === 'ready_for_pickup' || f2.status === 'received_at_partner'), this.index);
    const at = f.kind === 'partner_pickup' ? w.desk.id : f.source;
    const parcel = await lockFulfilment(w.database.db, f.id);
    const code = this.rightCode ? parcel.pickupCode! : String((Number(parcel.pickupCode) + 1) % 1_000_000).padStart(6, '0');
    const handed = await attempt(w, 'hand over', async () => {
      try {
        checkPickupCode(parcel, code);
      } catch (error) {
        if ((error as DomainError).code === 'orders.pickup_code_wrong') await countWrongCode(w.database.db, f.id);
        throw error;
      }
      return withTx(w.database.db, (tx) => transitionFulfilment(tx, staff(w.operator.accountId, 'associate', at), f.id, 'hand_over'));
    }, ['orders.pickup_code_wrong', 'orders.pickup_code_locked']);
    if (this.rightCode && parcel.failedCodeAttempts < 5 && !handed) throw new Error('the right code was refused');
    if (!this.rightCode && handed) throw new Error('a wrong code handed the parcel over');
    await refresh(w, o);
    await compare(w, m, o);
  }
  toString = () => `handOver(#${this.index}, ${this.rightCode ? 'right' : 'wrong'} code)`;
}

class ReturnToSender implements Cmd {
  constructor(readonly index: number, readonly early: boolean) {}
  check = (m: Model) => fulfilmentsWhere(m, (f) => f.status === 'received_at_partner').length > 0;
  async run(m: Model, w: World) {
    const { o, f } = pickOne(fulfilmentsWhere(m, (f2) => f2.status === 'received_at_partner'), this.index);
    w.ops.count += 1;
    let amount: number;
    if (this.early) {
      // Before the deadline the desk is refused; an operator with a reason may.
      const refused = await attempt(w, 'return to sender', () => withTx(w.database.db, (tx) => returnParcelToSender(tx, staff(w.operator.accountId, 'associate', w.desk.id), f.id)), ['orders.parcel_not_due']);
      if (refused) throw new Error('the desk sent a parcel back before its deadline');
      amount = (await withTx(w.database.db, (tx) => returnParcelToSender(tx, w.operator, f.id, { reason: 'shopper asked to cancel' }))).amountMinor;
    } else {
      await w.database.db.execute(sql`update fulfilments set collect_by = now() - interval '1 second' where id = ${f.id}`);
      const before = Number((await w.database.db.execute(sql`select refunded_minor from orders where id = ${o.id}`)).rows[0].refunded_minor);
      await sweepOrders(w.database);
      amount = Number((await w.database.db.execute(sql`select refunded_minor from orders where id = ${o.id}`)).rows[0].refunded_minor) - before;
    }
    for (const l of f.lines) {
      const units = l.picked ?? l.quantity;
      bump(m.onHand, key(f.source, l.skuId), units);
      o.lines.find((x) => x.id === l.lineId)!.returned += units;
    }
    refundTo(m, o, amount);
    await refresh(w, o);
    if (f.status !== 'returned_to_sender') throw new Error(`parcel ${f.id} is ${f.status} after return to sender`);
    await compare(w, m, o);
  }
  toString = () => `returnToSender(#${this.index}${this.early ? ', early by an operator' : ', after the deadline'})`;
}

class ReturnAtStore implements Cmd {
  constructor(readonly index: number, readonly quantity: number, readonly atB: boolean, readonly toWallet: boolean) {}
  check = (m: Model) => m.orders.some((o) => o.fulfilments.some((f) => f.status === 'delivered' || f.status === 'picked_up'));
  async run(m: Model, w: World) {
    const o = pickOne(m.orders.filter((x) => x.fulfilments.some((f) => f.status === 'delivered' || f.status === 'picked_up')), this.index);
    const line = pickOne(o.lines, this.index);
    const handedOver = o.fulfilments.filter((f) => f.status === 'delivered' || f.status === 'picked_up').flatMap((f) => f.lines).filter((l) => l.lineId === line.id).reduce((s, l) => s + (l.picked ?? l.quantity), 0);
    const sentBack = o.fulfilments.filter((f) => f.status === 'returned_to_sender').flatMap((f) => f.lines).filter((l) => l.lineId === line.id).reduce((s, l) => s + (l.picked ?? l.quantity), 0);
    const returnable = handedOver - (line.returned - sentBack);
    const store = this.atB ? w.storeB : w.storeA;
    const saved = await attempt(w, 'return', () => withTx(w.database.db, (tx) => returnAtStore(tx, staff(w.operator.accountId, 'associate', store.id), store.id, o.id, { lines: [{ orderLineId: line.id, quantity: this.quantity }], refundTo: this.toWallet ? 'wallet' : 'original' })), ['orders.return_exceeds']);
    if (Boolean(saved) !== this.quantity <= returnable) throw new Error(`return of ${this.quantity} with ${returnable} returnable: real ${saved ? 'accepted' : 'refused'}`);
    if (saved) {
      line.returned += this.quantity;
      bump(m.onHand, key(store.id, line.skuId), this.quantity);
      refundTo(m, o, Number(saved.amountMinor), this.toWallet);
    }
    await compare(w, m, o);
  }
  toString = () => `returnAtStore(#${this.index}, ${this.quantity} at ${this.atB ? 'another store' : 'the same store'}, to ${this.toWallet ? 'wallet' : 'original'})`;
}

class OperatorRefund implements Cmd {
  constructor(readonly index: number, readonly share: number) {}
  check = (m: Model) => m.orders.some((o) => o.status !== 'pending_payment' && o.status !== 'cancelled' && o.refunded < o.total);
  async run(m: Model, w: World) {
    const o = pickOne(m.orders.filter((x) => x.status !== 'pending_payment' && x.status !== 'cancelled' && x.refunded < x.total), this.index);
    const amount = Math.max(1, Math.floor(((o.total - o.refunded) * this.share) / 100));
    w.ops.count += 1;
    await withTx(w.database.db, (tx) => refundOrderByOperator(tx, w.operator, o.id, { amountMinor: amount, reason: 'goodwill' }));
    refundTo(m, o, amount);
    await compare(w, m, o);
  }
  toString = () => `operatorRefund(#${this.index}, ${this.share}% of what is left)`;
}

class TopUp implements Cmd {
  constructor(readonly shopper: number, readonly amount: number) {}
  check = () => true;
  async run(m: Model, w: World) {
    w.ops.count += 1;
    await withTx(w.database.db, (tx) => creditWallet(tx, { accountId: w.shoppers[this.shopper].accountId, amountMinor: this.amount, currency: 'EUR', provider: 'card_sandbox' }));
    m.wallets[this.shopper] += this.amount;
    await compare(w, m);
  }
  toString = () => `topUp(${this.shopper}, ${this.amount})`;
}

class Restock implements Cmd {
  constructor(readonly sku: number, readonly warehouse: boolean, readonly quantity: number) {}
  check = () => true;
  async run(m: Model, w: World) {
    w.ops.count += 1;
    const location = this.warehouse ? w.warehouse : w.storeA;
    await withTx(w.database.db, (tx) => receiveStock(tx, { skuId: w.skus[this.sku].skuId, locationId: location.id, quantity: this.quantity }));
    bump(m.onHand, key(location.id, w.skus[this.sku].skuId), this.quantity);
    await compare(w, m);
  }
  toString = () => `restock(sku${this.sku}, ${this.quantity} at ${this.warehouse ? 'the warehouse' : 'the store'})`;
}

const shopper = fc.nat({ max: 2 });
const sku = fc.nat({ max: 2 });
const index = fc.nat({ max: 50 });

const checkoutArb = fc.tuple(shopper, sku, fc.integer({ min: 1, max: 3 }), fc.constantFrom('express_delivery', 'store_pickup', 'partner_pickup') as fc.Arbitrary<'express_delivery' | 'store_pickup' | 'partner_pickup'>, fc.boolean())
    .map(([s, k, q, kind, card]) => new Checkout(s, k, q, kind, card));
const stepArb = index.map((i) => new Step(i));

/** Weighted by repetition: orders are placed and moved along more often than anything else. */
export const commands = [
  checkoutArb, checkoutArb, checkoutArb,
  fc.tuple(shopper, sku, fc.integer({ min: 1, max: 2 }), fc.constantFrom('wallet', 'card', 'declined') as fc.Arbitrary<'wallet' | 'card' | 'declined'>, fc.boolean())
    .map(([s, k, q, p, d]) => new TillSale(s, k, q, p, d)),
  fc.tuple(index, fc.boolean()).map(([i, late]) => new PayLate(i, late)),
  fc.constant(null).map(() => new Sweep()),
  index.map((i) => new Cancel(i)),
  stepArb, stepArb, stepArb, stepArb, stepArb,
  fc.tuple(index, fc.constantFrom(0, 0, 1, 3)).map(([i, missing]) => new Pick(i, missing)),
  fc.tuple(index, fc.constantFrom(0, 0, 1, 3)).map(([i, missing]) => new Pick(i, missing)),
  fc.tuple(index, fc.boolean()).map(([i, right]) => new HandOver(i, right)),
  fc.tuple(index, fc.boolean()).map(([i, right]) => new HandOver(i, right)),
  fc.tuple(index, fc.boolean()).map(([i, early]) => new ReturnToSender(i, early)),
  fc.tuple(index, fc.integer({ min: 1, max: 3 }), fc.boolean(), fc.boolean()).map(([i, q, b, wallet]) => new ReturnAtStore(i, q, b, wallet)),
  fc.tuple(index, fc.integer({ min: 1, max: 100 })).map(([i, share]) => new OperatorRefund(i, share)),
  fc.tuple(shopper, fc.integer({ min: 1_000, max: 60_000 })).map(([s, a]) => new TopUp(s, a)),
  fc.tuple(sku, fc.boolean(), fc.integer({ min: 1, max: 6 })).map(([k, wh, q]) => new Restock(k, wh, q)),
];

/**
 * Runs `runs` random sequences of up to `maxCommands` operations; after each sequence the
 * sweepers run and `mercato check` must find nothing. Throws (with fast-check's counterexample)
 * on the first model mismatch, unexpected error or invariant violation.
 */
export async function runLifecycle(world: World, options: { runs: number; maxCommands: number; seed?: number }): Promise<void> {
  await fc.assert(
    fc.asyncProperty(fc.commands(commands, { maxCommands: options.maxCommands, size: 'max' }), async (cmds) => {
      const setup = async () => ({ model: await modelOf(world), real: world });
      await fc.asyncModelRun(setup, cmds);
      const later = new Date(Date.now() + LATER);
      await withTx(world.database.db, (tx) => sweepExpiredReservations(tx, later));
      await sweepOrders(world.database, later);
      const report = await checkInvariants(world.database.db, { heldGraceMs: 0, now: later });
      if (!report.ok) throw new Error(`mercato check after ${cmds}:\n${formatCheckReport(report)}`);
    }),
    { numRuns: options.runs, seed: options.seed, endOnFailure: true },
  );
}

export type { Tx };
