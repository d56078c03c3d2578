import type { Tx } from '../db/tx.js';
import { settleOrderLines } from '../payments/index.js';
import { markPaid } from '../orders/index.js';

/**
 * The order is paid: its `pay` transition with the order and line stamps (one statement; the
 * launch programme and settlement read the stamps), then the merchants are credited from the
 * paid lines it answers, without payments reading the order again.
 */
export async function stampPaid(tx: Tx, orderId: string, actor: string | null, now: Date): Promise<void> {
  const paid = await markPaid(tx, orderId, actor, now);
  await settleOrderLines(tx, orderId, paid.lines);
}
