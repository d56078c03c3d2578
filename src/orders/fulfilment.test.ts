import { beforeAll, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { describeEachBackend } from '../../test/db.js';
import { withTx, type Tx } from '../db/tx.js';
import { seedDemo } from '../seed/demo.js';
import { demoId } from '../seed/demo-id.js';
import type { Principal } from '../identity/model.js';
import { DomainError } from '../http/problem.js';
import { fulfilmentLines, fulfilments, orderLines, orders } from './schema.js';
import { products, skus } from '../catalog/schema.js';
import { checkPickupCode, countWrongCode, locationQueue, dueUncollectedParcels, transitionFulfilment, MAX_CODE_ATTEMPTS, PARTNER_HOLD_DAYS } from './fulfilment.js';
import { getOrder, orderHistory } from './service.js';

const SOL = demoId('location:MAD-SOL');
const DUOMO = demoId('location:MIL-DUO');
const DESK = demoId('location:MAD-PDS');
const WAREHOUSE = demoId('location:MAD-WH1');
const aurelia = demoId('merchant:casa-aurelia');
const carmen = demoId('account:carmen@mercato.test');

const associateAt = (locationId: string): Principal => ({ accountId: demoId(`account:${locationId === SOL ? 'associate.sol' : locationId === DESK ? 'associate.castellana' : 'associate.duomo'}@mercato.test`), email: 'a@x', role: 'associate', merchantId: null, locationId });
const shopper: Principal = { accountId: carmen, email: 'carmen@mercato.test', role: 'shopper', merchantId: null, locationId: null };

async function paidOrder(tx: Tx, kind: 'store_pickup' | 'partner_pickup' | 'express_delivery', source: string, pickup: string | null) {
  const [product] = await tx.insert(products).values({ merchantId: aurelia, status: 'active' }).returning();
  const [sku] = await tx.insert(skus).values({ productId: product.id, merchantId: aurelia, skuCode: `T-${product.id.slice(0, 8)}` }).returning();
  const [order] = await tx.insert(orders).values({ accountId: carmen, channel: 'web', status: 'paid', currency: 'EUR', totalMinor: 5000, paidAt: new Date(), paymentStatus: 'paid' }).returning();
  const [line] = await tx.insert(orderLines).values({ orderId: order.id, merchantId: aurelia, skuId: sku.id, quantity: 2, unitPriceMinor: 2500, amountMinor: 5000, currency: 'EUR', paidAt: new Date() }).returning();
  const [f] = await tx.insert(fulfilments).values({ orderId: order.id, kind, sourceLocationId: source, pickupLocationId: pickup }).returning();
  await tx.insert(fulfilmentLines).values({ fulfilmentId: f.id, orderLineId: line.id, quantity: 2 });
  return { order, fulfilment: f };
}

describeEachBackend('fulfilment steps in the store console', (use) => {
  beforeAll(async () => { await withTx(use().db, (tx) => seedDemo(tx)); });

  it('walks click and collect: pick, pack, ready (code issued), handed over by code; the order completes', async () => {
    const { order, fulfilment } = await withTx(use().db, (tx) => paidOrder(tx, 'store_pickup', SOL, SOL));
    const sol = associateAt(SOL);
    const queue = await locationQueue(use().db, SOL);
    expect(queue.map((q) => q.fulfilment.id)).toContain(fulfilment.id);
    for (const event of ['start_pick', 'pack', 'ready'] as const) await withTx(use().db, (tx) => transitionFulfilment(tx, sol, fulfilment.id, event));
    const view = await getOrder(use().db, shopper, order.id);
    const code = view.fulfilments[0].pickupCode!;
    expect(code).toMatch(/^[0-9]{6}$/);
    expect(view.fulfilments[0].pickupQr).toBe(`mercato:pickup:${fulfilment.id}:${code}`);
    // The associate's view of the same order does not reveal the code.
    expect((await getOrder(use().db, sol, order.id)).fulfilments[0].pickupCode).toBeNull();

    await withTx(use().db, async (tx) => {
      const [f] = await tx.select().from(fulfilments).where(sql`id = ${fulfilment.id}`);
      checkPickupCode(f, code);
      await transitionFulfilment(tx, sol, fulfilment.id, 'hand_over');
    });
    const done = await getOrder(use().db, shopper, order.id);
    expect(done.status).toBe('completed');
    expect(done.fulfilments[0].status).toBe('picked_up');
    const history = await orderHistory(use().db, order.id);
    expect(history.map((h) => h.action)).toEqual(['fulfilment.start_pick', 'order.start_fulfilment', 'fulfilment.pack', 'fulfilment.ready', 'fulfilment.hand_over', 'order.complete']);
    expect(history.every((h) => h.at instanceof Date)).toBe(true);
  });

  it('hides another store\'s fulfilment from an associate (404), and refuses illegal steps (409)', async () => {
    const { fulfilment, order } = await withTx(use().db, (tx) => paidOrder(tx, 'store_pickup', SOL, SOL));
    const other = withTx(use().db, (tx) => transitionFulfilment(tx, associateAt(DUOMO), fulfilment.id, 'start_pick'));
    await expect(other).rejects.toMatchObject({ code: 'orders.fulfilment_not_found' });
    await expect(getOrder(use().db, associateAt(DUOMO), order.id)).rejects.toMatchObject({ code: 'orders.not_found' });
    await expect(withTx(use().db, (tx) => transitionFulfilment(tx, associateAt(SOL), fulfilment.id, 'pack'))).rejects.toMatchObject({ code: 'orders.illegal_transition' });
    await expect(withTx(use().db, (tx) => transitionFulfilment(tx, associateAt(SOL), fulfilment.id, 'dispatch'))).rejects.toMatchObject({ code: 'orders.illegal_transition' });
  });

  it('locks a parcel after too many wrong codes', async () => {
    const { fulfilment } = await withTx(use().db, (tx) => paidOrder(tx, 'store_pickup', SOL, SOL));
    for (const event of ['start_pick', 'pack', 'ready'] as const) await withTx(use().db, (tx) => transitionFulfilment(tx, associateAt(SOL), fulfilment.id, event));
    for (let i = 0; i < MAX_CODE_ATTEMPTS; i++) {
      const [f] = await use().db.select().from(fulfilments).where(sql`id = ${fulfilment.id}`);
      expect(() => checkPickupCode(f, 'nope00')).toThrow(DomainError);
      await countWrongCode(use().db, fulfilment.id);
    }
    const [locked] = await use().db.select().from(fulfilments).where(sql`id = ${fulfilment.id}`);
    expect(() => checkPickupCode(locked, locked.pickupCode!)).toThrow(expect.objectContaining({ code: 'orders.pickup_code_locked' }));
  });

  it('routes a marketplace parcel to a partner desk: received, held, due back to the sender when not collected', async () => {
    const { fulfilment } = await withTx(use().db, (tx) => paidOrder(tx, 'partner_pickup', WAREHOUSE, DESK));
    const operator: Principal = { accountId: demoId('account:operator@mercato.test'), email: 'o', role: 'operator', merchantId: null, locationId: null };
    for (const event of ['start_pick', 'pack', 'send_to_partner'] as const) await withTx(use().db, (tx) => transitionFulfilment(tx, operator, fulfilment.id, event));
    // The desk associate receives it; the Madrid Sol associate may not.
    await expect(withTx(use().db, (tx) => transitionFulfilment(tx, associateAt(SOL), fulfilment.id, 'receive_at_partner'))).rejects.toMatchObject({ code: 'orders.fulfilment_not_found' });
    const received = await withTx(use().db, (tx) => transitionFulfilment(tx, associateAt(DESK), fulfilment.id, 'receive_at_partner'));
    expect(received.pickupCode).toMatch(/^[0-9]{6}$/);
    expect(received.collectBy!.getTime() - received.receivedAt!.getTime()).toBe(PARTNER_HOLD_DAYS * 86_400_000);
    expect(await dueUncollectedParcels(use().db, new Date())).not.toContain(fulfilment.id);
    const later = new Date(Date.now() + (PARTNER_HOLD_DAYS + 1) * 86_400_000);
    // Due for the sweeper, which sends it back with refund and restock (src/flows/exceptions.test.ts).
    expect(await dueUncollectedParcels(use().db, later)).toContain(fulfilment.id);
  });
});
