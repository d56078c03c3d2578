import { sql } from 'drizzle-orm';
import type { Tx } from '../db/tx.js';

/**
 * Opening stock for every SKU that exists when the seed runs, at the demo stores and the
 * warehouse (deterministic quantities from the codes, so reseeding changes nothing), each with
 * its `receipt` movement. SKUs that arrive later get stock through the API or a reseed.
 */
export async function seedInventoryDemo(tx: Tx): Promise<Record<string, number>> {
  const { rows } = await tx.execute(sql`
    with inserted as (
      insert into stock_levels (sku_id, location_id, on_hand)
      select s.id, l.id, 3 + abs(hashtext(s.sku_code || '@' || l.code)) % 38
      from skus s cross join locations l
      where l.kind in ('store', 'warehouse', 'popup', 'corner') and l.code in ('MAD-SOL', 'MAD-SAL', 'MAD-CHA', 'MIL-DUO', 'MIL-BRE', 'SHA-NJR', 'SHA-JAS', 'MAD-WH1', 'MIL-POP', 'MAD-CRN')
      on conflict do nothing
      returning sku_id, location_id, on_hand)
    insert into stock_movements (sku_id, location_id, kind, quantity, on_hand_after, reason)
    select sku_id, location_id, 'receipt', on_hand, on_hand, 'demo opening stock' from inserted
    returning 1`);
  return { stockLevels: rows.length };
}
