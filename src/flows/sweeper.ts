import type { Database } from '../db/client.js';
import { withTx } from '../db/tx.js';
import { DomainError } from '../http/problem.js';
import { dueUncollectedParcels, staleUnpaidOrders } from '../orders/index.js';
import { returnParcelToSender } from './after-sale.js';
import { AWAITING_PAYMENT_TTL_MS, expireUnpaidOrder } from './checkout.js';

/**
 * One pass of the order housekeeping: orders whose external payment did not arrive within the
 * stock hold are cancelled (stock and slots go back), and partner parcels past their
 * collection deadline go back to the sender (refunded, restocked, settlement reversed). Each
 * order and each parcel in its own transaction.
 */
export async function sweepOrders(database: Database, now = new Date()): Promise<{ expired: number; returnedParcels: number }> {
  const stale = await staleUnpaidOrders(database.db, new Date(now.getTime() - AWAITING_PAYMENT_TTL_MS), 500);
  for (const id of stale) await withTx(database.db, (tx) => expireUnpaidOrder(tx, id));
  // Each parcel in its own transaction: refund, restock and settlement reversal commit together.
  let returnedParcels = 0;
  for (const id of await dueUncollectedParcels(database.db, now)) {
    const sent = await withTx(database.db, async (tx) => {
      try {
        await returnParcelToSender(tx, null, id, { now });
        return true;
      } catch (error) {
        // Collected or sent back by hand since it was listed: nothing to do.
        if (error instanceof DomainError && error.code === 'orders.illegal_transition') return false;
        throw error;
      }
    });
    if (sent) returnedParcels += 1;
  }
  return { expired: stale.length, returnedParcels };
}

export function startOrderSweeper(database: Database, options: { intervalMs?: number; onError?: (error: unknown) => void } = {}): () => Promise<void> {
  let pass: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    pass = pass.then(() => sweepOrders(database)).catch((error) => options.onError?.(error));
  }, options.intervalMs ?? 30_000);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await pass;
  };
}
