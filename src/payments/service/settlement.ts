import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { Tx } from '../../db/tx.js';
import { DomainError } from '../../http/problem.js';
import { recordEvent } from '../../events/index.js';
import { settlementPostings, settlementRuns } from '../schema.js';
import { csvRow, minorToDecimal, settlementDelta } from '../model.js';
import { ledgerAccount, ledgerAccountsFor, postEntry, type LedgerAccountKey, type Posting } from './ledger.js';
import { convert, convertAtRate } from './fx.js';

export type SettlementPosting = typeof settlementPostings.$inferSelect;

interface PaidLine {
  id: string; merchantId: string; amountMinor: number; refundedMinor: number; currency: string; paidAt: Date;
  settlementCurrency: string; commissionBps: number;
  posted: { orderAmountMinor: number; grossMinor: number; commissionMinor: number; rateId: string | null };
}

/** A paid order line as the orders domain knows it: what settlement needs, given by the caller. */
export interface SettlementLine { id: string; merchantId: string; amountMinor: number; refundedMinor: number; currency: string; paidAt: Date }

/**
 * Brings the settlement of an order's paid lines in line with what is paid and not refunded:
 * credits each merchant's payable with the line amount (converted into its settlement currency
 * at the rate of payment time, rate recorded) minus commission; after a refund (order line
 * refunded_minor raised by the orders domain) it posts the proportional reversal. Calling it
 * again changes nothing. The order row is locked, so two calls do not post twice.
 */
export async function recordOrderSettlement(tx: Tx, orderId: string): Promise<SettlementPosting[]> {
  const order = await tx.execute(sql`
    select o.id, (select coalesce(json_agg(json_build_object('id', l.id, 'merchantId', l.merchant_id, 'amountMinor', l.amount_minor, 'refundedMinor', l.refunded_minor,
      'currency', l.currency, 'paidAt', l.paid_at) order by l.id), '[]'::json) from order_lines l where l.order_id = o.id and l.paid_at is not null) as lines
    from orders o where o.id = ${orderId} for update of o`);
  if (!order.rows[0]) throw new DomainError('payments.order_not_found', `No order ${orderId}`);
  const raw = order.rows[0].lines;
  const lines = ((typeof raw === 'string' ? JSON.parse(raw) : raw) as Array<Record<string, any>>).map((l) => ({
    id: String(l.id), merchantId: String(l.merchantId), amountMinor: Number(l.amountMinor), refundedMinor: Number(l.refundedMinor), currency: String(l.currency), paidAt: new Date(l.paidAt),
  }));
  return settleOrderLines(tx, orderId, lines);
}

/**
 * The settlement of an order from the facts its caller holds (the order's paid lines), reading
 * nothing of the order: the caller holds the order's row lock (the orders domain takes it when
 * it marks the order paid), so two settlements of one order run one after the other. Merchant
 * terms and what was already posted come in one query, every ledger account in one more.
 */
export async function settleOrderLines(tx: Tx, orderId: string, paidLines: SettlementLine[]): Promise<SettlementPosting[]> {
  if (paidLines.length === 0) return [];
  const facts = JSON.stringify(paidLines.map((l) => ({ id: l.id, merchant: l.merchantId })));
  const { rows } = await tx.execute(sql`
    select f.id, m.settlement_currency, m.commission_bps,
      coalesce(p.order_amount, 0) as posted_order, coalesce(p.gross, 0) as posted_gross, coalesce(p.commission, 0) as posted_commission, p.rate_id
    from jsonb_to_recordset(${facts}::jsonb) as f(id uuid, merchant uuid)
    join merchants m on m.id = f.merchant
    left join (
      select order_line_id, sum(order_amount_minor) as order_amount, sum(gross_minor) as gross, sum(commission_minor) as commission,
        (array_agg(fx_rate_id order by id))[1] as rate_id
      from settlement_postings where order_id = ${orderId} group by order_line_id
    ) p on p.order_line_id = f.id`);
  const terms = new Map(rows.map((r) => [String(r.id), r]));
  const lines: PaidLine[] = [...paidLines].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).map((l) => {
    const r = terms.get(l.id)!;
    return {
      ...l, settlementCurrency: String(r.settlement_currency), commissionBps: Number(r.commission_bps),
      posted: { orderAmountMinor: Number(r.posted_order), grossMinor: Number(r.posted_gross), commissionMinor: Number(r.posted_commission), rateId: r.rate_id ? String(r.rate_id) : null },
    };
  });

  type Planned = { line: PaidLine; orderDelta: number; delta: ReturnType<typeof settlementDelta>; rateId: string | null };
  const planned: Planned[] = [];
  for (const line of lines) {
    const targetOrderAmount = line.amountMinor - line.refundedMinor;
    if (targetOrderAmount === line.posted.orderAmountMinor) continue;
    let rateId = line.posted.rateId;
    let targetGross = targetOrderAmount;
    if (line.currency !== line.settlementCurrency) {
      if (rateId) targetGross = await convertAtRate(tx, targetOrderAmount, line.currency, line.settlementCurrency, rateId);
      else {
        const conversion = await convert(tx, targetOrderAmount, line.currency, line.settlementCurrency, line.paidAt);
        rateId = conversion.rateId;
        targetGross = conversion.amountMinor;
      }
    }
    const delta = settlementDelta({ grossMinor: targetGross, commissionBps: line.commissionBps }, line.posted);
    planned.push({ line, orderDelta: targetOrderAmount - line.posted.orderAmountMinor, delta, rateId });
  }
  if (planned.length === 0) return [];

  // Every account of every posting, resolved (and opened where missing) at once.
  const keys: LedgerAccountKey[] = [];
  const keyIndex = new Map<string, number>();
  const account = (key: LedgerAccountKey) => {
    const id = `${key.kind}|${key.currency}|${key.ownerId ?? ''}`;
    if (!keyIndex.has(id)) keyIndex.set(id, keys.push(key) - 1);
    return keyIndex.get(id)!;
  };
  const wanted = planned.map(({ line }) => ({
    receipts: account({ kind: 'order_receipts', currency: line.currency }),
    fxFrom: line.currency !== line.settlementCurrency ? account({ kind: 'fx_position', currency: line.currency }) : -1,
    fxTo: line.currency !== line.settlementCurrency ? account({ kind: 'fx_position', currency: line.settlementCurrency }) : -1,
    payable: account({ kind: 'merchant_payable', ownerId: line.merchantId, currency: line.settlementCurrency }),
    commission: account({ kind: 'platform_commission', currency: line.settlementCurrency }),
  }));
  const accounts = await ledgerAccountsFor(tx, keys);

  const postings: Posting[] = [];
  const records: Array<Omit<typeof settlementPostings.$inferInsert, 'entryId'>> = [];
  planned.forEach(({ line, orderDelta, delta, rateId }, i) => {
    const a = wanted[i];
    postings.push({ account: accounts[a.receipts], amountMinor: -orderDelta });
    if (a.fxFrom >= 0) postings.push({ account: accounts[a.fxFrom], amountMinor: orderDelta }, { account: accounts[a.fxTo], amountMinor: -delta.grossMinor });
    postings.push({ account: accounts[a.payable], amountMinor: delta.netMinor }, { account: accounts[a.commission], amountMinor: delta.commissionMinor });
    records.push({
      orderLineId: line.id, orderId, merchantId: line.merchantId, orderCurrency: line.currency, orderAmountMinor: orderDelta,
      currency: line.settlementCurrency, grossMinor: delta.grossMinor, commissionMinor: delta.commissionMinor, netMinor: delta.netMinor, fxRateId: rateId,
    });
  });
  const reversal = records.every((r) => r.orderAmountMinor < 0);
  const { entryId } = await postEntry(tx, { kind: reversal ? 'settlement_reversal' : 'settlement', referenceId: orderId, memo: `order ${orderId}`, postings });
  const inserted = await tx.insert(settlementPostings).values(records.map((r) => ({ ...r, entryId }))).returning();
  await recordEvent(tx, reversal ? 'settlement.reversed' : 'settlement.recorded', orderId, {
    orderId, lines: inserted.map((p) => ({ orderLineId: p.orderLineId, merchantId: p.merchantId, currency: p.currency, netMinor: p.netMinor })),
  });
  return inserted;
}

export type SettlementRun = typeof settlementRuns.$inferSelect;

/**
 * Closes a period: per merchant and settlement currency, gathers the postings of the period not
 * yet in a run, sums them into a payout statement, and posts the payout (payable → payouts).
 * A period already run for a merchant is not run twice.
 */
export async function runSettlement(tx: Tx, period: { start: Date; end: Date; merchantId?: string }): Promise<SettlementRun[]> {
  if (!(period.start < period.end)) throw new DomainError('payments.settlement_period_invalid', 'The period must end after it starts');
  const { rows } = await tx.execute(sql`
    select merchant_id, currency, sum(gross_minor) as gross, sum(commission_minor) as commission, sum(net_minor) as net
    from settlement_postings
    where settlement_run_id is null and created_at >= ${period.start.toISOString()} and created_at < ${period.end.toISOString()}
      ${period.merchantId ? sql`and merchant_id = ${period.merchantId}` : sql``}
    group by merchant_id, currency order by merchant_id, currency`);
  const runs: SettlementRun[] = [];
  for (const r of rows) {
    const merchantId = String(r.merchant_id), currency = String(r.currency);
    const [run] = await tx.insert(settlementRuns).values({
      merchantId, currency, periodStart: period.start, periodEnd: period.end, grossMinor: Number(r.gross), commissionMinor: Number(r.commission), netMinor: Number(r.net),
    }).onConflictDoNothing().returning();
    if (!run) continue;
    await tx.execute(sql`update settlement_postings set settlement_run_id = ${run.id}
      where settlement_run_id is null and merchant_id = ${merchantId} and currency = ${currency}
        and created_at >= ${period.start.toISOString()} and created_at < ${period.end.toISOString()}`);
    let entryId: number | null = null;
    if (run.netMinor !== 0) {
      ({ entryId } = await postEntry(tx, { kind: 'payout', referenceId: run.id, memo: `payout ${period.start.toISOString()}..${period.end.toISOString()}`, postings: [
        { account: await ledgerAccount(tx, { kind: 'merchant_payable', ownerId: merchantId, currency }), amountMinor: -run.netMinor },
        { account: await ledgerAccount(tx, { kind: 'merchant_payouts', ownerId: merchantId, currency }), amountMinor: run.netMinor },
      ] }));
      await tx.update(settlementRuns).set({ entryId }).where(eq(settlementRuns.id, run.id));
    }
    await recordEvent(tx, 'settlement.run', run.id, { runId: run.id, merchantId, currency, netMinor: run.netMinor });
    runs.push({ ...run, entryId });
  }
  return runs;
}

export async function listSettlementRuns(tx: Tx, merchantId: string): Promise<SettlementRun[]> {
  return tx.select().from(settlementRuns).where(eq(settlementRuns.merchantId, merchantId)).orderBy(desc(settlementRuns.periodEnd)).limit(200);
}

/** A run's payout statement as CSV: one row per posting, amounts in minor units and as decimals, then the total. */
export async function settlementStatementCsv(tx: Tx, merchantId: string, runId: string): Promise<{ filename: string; csv: string }> {
  const [run] = await tx.select().from(settlementRuns).where(and(eq(settlementRuns.id, runId), eq(settlementRuns.merchantId, merchantId)));
  if (!run) throw new DomainError('payments.settlement_run_not_found', `No settlement run ${runId} for this merchant`);
  const postings = await tx.select().from(settlementPostings).where(eq(settlementPostings.settlementRunId, runId)).orderBy(asc(settlementPostings.id));
  const header = ['posted_at', 'order_id', 'order_line_id', 'order_currency', 'order_amount_minor', 'currency', 'gross_minor', 'commission_minor', 'net_minor', 'net', 'fx_rate_id'];
  const rows = postings.map((p) => csvRow([
    p.createdAt.toISOString(), p.orderId, p.orderLineId, p.orderCurrency, p.orderAmountMinor, p.currency, p.grossMinor, p.commissionMinor, p.netMinor,
    minorToDecimal(p.netMinor, p.currency), p.fxRateId,
  ]));
  const total = csvRow(['total', '', '', '', '', run.currency, run.grossMinor, run.commissionMinor, run.netMinor, minorToDecimal(run.netMinor, run.currency), '']);
  const day = (d: Date) => d.toISOString().slice(0, 10);
  return { filename: `settlement-${day(run.periodStart)}-${day(run.periodEnd)}-${run.currency}.csv`, csv: [csvRow(header), ...rows, total].join('\r\n') + '\r\n' };
}

/** A merchant's payable (settled, not yet paid out) and paid-out totals per currency, derived from the ledger lines. */
export async function merchantBalances(tx: Tx, merchantId: string): Promise<Array<{ currency: string; payableMinor: number; paidOutMinor: number }>> {
  const { rows } = await tx.execute(sql`
    select a.currency,
      coalesce(sum(l.amount_minor) filter (where a.kind = 'merchant_payable'), 0) as payable,
      coalesce(sum(l.amount_minor) filter (where a.kind = 'merchant_payouts'), 0) as paid_out
    from ledger_accounts a left join journal_lines l on l.account_id = a.id
    where a.owner_id = ${merchantId} and a.kind in ('merchant_payable', 'merchant_payouts')
    group by a.currency order by a.currency`);
  return rows.map((r) => ({ currency: String(r.currency), payableMinor: Number(r.payable), paidOutMinor: Number(r.paid_out) }));
}
