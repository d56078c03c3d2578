import { sql } from 'drizzle-orm';
import type { Tx } from '../db/tx.js';

export interface StockViolation { invariant: string; detail: string }

/** Each invariant as a query listing what breaks it (at most 100 rows each); empty means it holds. */
const STOCK_INVARIANTS = (heldBefore: Date): Array<{ invariant: string; query: ReturnType<typeof sql>; describe: (r: Record<string, any>) => string }> => [
  {
    invariant: 'on-hand equals the movement journal',
    query: sql`select coalesce(s.sku_id, m.sku_id) as sku_id, coalesce(s.location_id, m.location_id) as location_id, coalesce(s.on_hand, 0) as on_hand, coalesce(m.total, 0) as journal
      from stock_levels s
      full join (select sku_id, location_id, sum(quantity) as total from stock_movements group by sku_id, location_id) m on m.sku_id = s.sku_id and m.location_id = s.location_id
      where coalesce(s.on_hand, 0) <> coalesce(m.total, 0) limit 100`,
    describe: (r) => `SKU ${r.sku_id} at ${r.location_id}: on-hand ${r.on_hand}, journal sums to ${r.journal}`,
  },
  {
    invariant: 'reserved equals the held reservations',
    query: sql`select coalesce(s.sku_id, h.sku_id) as sku_id, coalesce(s.location_id, h.location_id) as location_id, coalesce(s.reserved, 0) as reserved, coalesce(h.held, 0) as held
      from stock_levels s
      full join (select l.sku_id, l.location_id, sum(l.quantity) as held from reservation_lines l join reservations r on r.id = l.reservation_id
        where r.status = 'held' group by l.sku_id, l.location_id) h on h.sku_id = s.sku_id and h.location_id = s.location_id
      where coalesce(s.reserved, 0) <> coalesce(h.held, 0) limit 100`,
    describe: (r) => `SKU ${r.sku_id} at ${r.location_id}: reserved ${r.reserved}, held reservations ${r.held}`,
  },
  {
    invariant: 'no reservation is held past its expiry after a sweep',
    query: sql`select id, reference, expires_at from reservations where status = 'held' and expires_at < ${heldBefore} order by expires_at limit 100`,
    describe: (r) => `reservation ${r.id} (${r.reference}) still held, expired ${new Date(r.expires_at).toISOString()}`,
  },
];

/**
 * The inventory's own invariants over the whole database. `heldGraceMs` is how long past its
 * expiry a hold may still be `held` (the sweeper runs every few seconds; 0 right after a sweep).
 */
export async function checkStock(tx: Tx, options: { now?: Date; heldGraceMs?: number } = {}): Promise<StockViolation[]> {
  const heldBefore = new Date((options.now ?? new Date()).getTime() - (options.heldGraceMs ?? 5 * 60_000));
  const violations: StockViolation[] = [];
  for (const { invariant, query, describe } of STOCK_INVARIANTS(heldBefore)) {
    const { rows } = await tx.execute(query);
    for (const row of rows) violations.push({ invariant, detail: describe(row) });
  }
  return violations;
}

export interface MovementTotal { reference: string; skuId: string; kind: string; quantity: number }

/**
 * Units moved per reference, SKU and kind, for the references the orders domain writes
 * (`order:`, `pick:`, `return:`): what the cross-domain check compares with order lines.
 */
export async function movementTotalsByReference(tx: Tx): Promise<MovementTotal[]> {
  const { rows } = await tx.execute(sql`
    select reference, sku_id, kind, sum(quantity) as quantity from stock_movements
    where reference like 'order:%' or reference like 'pick:%' or reference like 'return:%'
    group by reference, sku_id, kind`);
  return rows.map((r) => ({ reference: String(r.reference), skuId: String(r.sku_id), kind: String(r.kind), quantity: Number(r.quantity) }));
}
