import { sql } from 'drizzle-orm';
import type { Tx } from '../../db/tx.js';

export interface LedgerViolation { invariant: string; detail: string }

export interface LedgerReport {
  ok: boolean;
  entries: number;
  lines: number;
  accounts: number;
  violations: LedgerViolation[];
}

/** Each invariant as a query that lists what breaks it; an empty answer means it holds. */
const INVARIANTS: Array<{ invariant: string; query: ReturnType<typeof sql>; describe: (row: Record<string, any>) => string }> = [
  {
    invariant: 'every entry sums to zero per currency',
    query: sql`select entry_id, currency, sum(amount_minor) as total from journal_lines group by entry_id, currency having sum(amount_minor) <> 0 limit 100`,
    describe: (r) => `entry ${r.entry_id} sums to ${r.total} ${r.currency}`,
  },
  {
    invariant: 'every entry has at least two lines',
    query: sql`select e.id, count(l.id) as lines from journal_entries e left join journal_lines l on l.entry_id = e.id group by e.id having count(l.id) < 2 limit 100`,
    describe: (r) => `entry ${r.id} has ${r.lines} line(s)`,
  },
  {
    invariant: 'no wallet is negative',
    query: sql`select id, owner_id, currency, balance_minor from ledger_accounts where kind = 'shopper_wallet' and balance_minor < 0 limit 100`,
    describe: (r) => `wallet ${r.id} of ${r.owner_id} holds ${r.balance_minor} ${r.currency}`,
  },
  {
    invariant: 'a wallet balance equals the sum of its lines',
    query: sql`select a.id, a.balance_minor, coalesce(sum(l.amount_minor), 0) as derived from ledger_accounts a left join journal_lines l on l.account_id = a.id
      where a.kind = 'shopper_wallet' group by a.id having a.balance_minor <> coalesce(sum(l.amount_minor), 0) limit 100`,
    describe: (r) => `wallet ${r.id} says ${r.balance_minor}, its lines say ${r.derived}`,
  },
  {
    invariant: 'a line is in its account\'s currency',
    query: sql`select l.id, l.currency, a.currency as account_currency from journal_lines l join ledger_accounts a on a.id = l.account_id where a.currency <> l.currency limit 100`,
    describe: (r) => `line ${r.id} in ${r.currency} on a ${r.account_currency} account`,
  },
  {
    invariant: 'refunds never exceed captures, captures never exceed the amount',
    query: sql`select id, amount_minor, captured_minor, refunded_minor from payment_intents where refunded_minor > captured_minor or captured_minor > amount_minor or refunded_minor < 0 limit 100`,
    describe: (r) => `intent ${r.id}: amount ${r.amount_minor}, captured ${r.captured_minor}, refunded ${r.refunded_minor}`,
  },
  {
    invariant: 'a captured intent has its money in the ledger',
    query: sql`select i.id, i.captured_minor, coalesce(sum(l.amount_minor), 0) as posted from payment_intents i
      left join journal_entries e on e.reference_id = i.id and e.kind in ('capture', 'top_up', 'wallet_payment')
      left join journal_lines l on l.entry_id = e.id and l.amount_minor > 0
        and l.account_id in (select id from ledger_accounts where kind = case when i.purpose = 'top_up' then 'shopper_wallet' else 'order_receipts' end)
      group by i.id having i.captured_minor <> coalesce(sum(l.amount_minor), 0) limit 100`,
    describe: (r) => `intent ${r.id} captured ${r.captured_minor} but the ledger received ${r.posted}`,
  },
  {
    invariant: 'no order is paid beyond its total',
    query: sql`select o.id, o.total_minor, sum(i.captured_minor - i.refunded_minor) as paid from orders o join payment_intents i on i.order_id = o.id
      where i.currency = o.currency group by o.id having sum(i.captured_minor - i.refunded_minor) > o.total_minor limit 100`,
    describe: (r) => `order ${r.id} totals ${r.total_minor} but its intents hold ${r.paid}`,
  },
  {
    invariant: 'settlement never exceeds what an order line paid',
    query: sql`select p.order_line_id, sum(p.order_amount_minor) as settled, min(l.amount_minor) as amount from settlement_postings p
      join order_lines l on l.id = p.order_line_id group by p.order_line_id having sum(p.order_amount_minor) > min(l.amount_minor) or sum(p.order_amount_minor) < 0 limit 100`,
    describe: (r) => `order line ${r.order_line_id} settled ${r.settled} of ${r.amount}`,
  },
  {
    invariant: 'a settlement run totals its postings',
    query: sql`select r.id, r.net_minor, coalesce(sum(p.net_minor), 0) as postings from settlement_runs r left join settlement_postings p on p.settlement_run_id = r.id
      group by r.id having r.net_minor <> coalesce(sum(p.net_minor), 0) limit 100`,
    describe: (r) => `run ${r.id} says ${r.net_minor}, its postings ${r.postings}`,
  },
];

/** Verifies every ledger invariant (`mercato ledger check`); `ok` is false on any violation. */
export async function checkLedger(tx: Tx): Promise<LedgerReport> {
  const violations: LedgerViolation[] = [];
  for (const { invariant, query, describe } of INVARIANTS) {
    const { rows } = await tx.execute(query);
    for (const row of rows) violations.push({ invariant, detail: describe(row) });
  }
  const { rows } = await tx.execute(sql`select (select count(*) from journal_entries) as entries, (select count(*) from journal_lines) as lines, (select count(*) from ledger_accounts) as accounts`);
  return { ok: violations.length === 0, entries: Number(rows[0].entries), lines: Number(rows[0].lines), accounts: Number(rows[0].accounts), violations };
}

export interface OrderMoney { orderId: string; currency: string; capturedMinor: number; refundedMinor: number }

/** What the payment intents of each order captured and refunded (in the intents' currency). */
export async function moneyPerOrder(tx: Tx): Promise<OrderMoney[]> {
  const { rows } = await tx.execute(sql`
    select order_id, currency, sum(captured_minor) as captured, sum(refunded_minor) as refunded
    from payment_intents where order_id is not null group by order_id, currency`);
  return rows.map((r) => ({ orderId: String(r.order_id), currency: String(r.currency), capturedMinor: Number(r.captured), refundedMinor: Number(r.refunded) }));
}

/** What has been settled to merchants per order line, in the order's currency. */
export async function settledPerOrderLine(tx: Tx): Promise<Map<string, number>> {
  const { rows } = await tx.execute(sql`select order_line_id, sum(order_amount_minor) as settled from settlement_postings group by order_line_id`);
  return new Map(rows.map((r) => [String(r.order_line_id), Number(r.settled)]));
}
