import { eq } from 'drizzle-orm';
import type { Tx } from '../db/tx.js';
import { recordOrderSettlement } from '../payments/index.js';
import { orderLines, orders } from '../orders/schema.js';
import { transitionOrder } from '../orders/fulfilment.js';

/** The order and its lines are paid (the launch programme and settlement read that); merchants are credited. */
export async function stampPaid(tx: Tx, orderId: string, actor: string | null, now: Date): Promise<void> {
  await tx.update(orders).set({ paidAt: now, paymentStatus: 'paid' }).where(eq(orders.id, orderId));
  await tx.update(orderLines).set({ paidAt: now }).where(eq(orderLines.orderId, orderId));
  await transitionOrder(tx, orderId, 'pay', actor);
  await recordOrderSettlement(tx, orderId);
}
