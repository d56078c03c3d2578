/**
 * `mercato check`: every invariant that money, stock and settlement must keep, over the whole
 * database. Each domain checks its own tables (through its index); the cross-domain checks here
 * compare what the orders say happened with what payments and inventory recorded.
 */
import type { Tx } from '../db/tx.js';
import { checkStock, movementTotalsByReference, type MovementTotal } from '../inventory/index.js';
import { checkPickupSlots } from '../locations/index.js';
import { checkOrderRecords, orderFacts, type OrderFact, type OrderLineFact } from '../orders/index.js';
import { checkLedger, moneyPerOrder, settledPerOrderLine, type OrderMoney } from '../payments/index.js';

export interface Violation { invariant: string; detail: string }

export interface CheckSection { name: string; checked: string; violations: Violation[] }

export interface CheckReport { ok: boolean; sections: CheckSection[] }

export interface CheckOptions {
  now?: Date;
  /** How long past its expiry a hold may still be held (the sweeper's period); 0 right after a sweep. */
  heldGraceMs?: number;
}

export async function checkInvariants(tx: Tx, options: CheckOptions = {}): Promise<CheckReport> {
  const ledger = await checkLedger(tx);
  const stock = await checkStock(tx, options);
  const records = await checkOrderRecords(tx);
  const isSlot = (v: Violation) => v.invariant.startsWith('an express slot');
  const slots = [...await checkPickupSlots(tx), ...records.filter(isSlot)];
  const orderRecords = records.filter((v) => !isSlot(v));
  const facts = await orderFacts(tx);
  const money = await moneyPerOrder(tx);
  const settled = await settledPerOrderLine(tx);
  const movements = await movementTotalsByReference(tx);
  const sections: CheckSection[] = [
    { name: 'ledger', checked: `${ledger.entries} entries, ${ledger.lines} lines, ${ledger.accounts} accounts (balanced entries, wallets equal their lines, refunds within captures)`, violations: ledger.violations },
    { name: 'stock', checked: 'on-hand equals the movement journal, reserved equals the held reservations, no hold past its expiry', violations: stock },
    { name: 'slots', checked: 'pickup and express slots: bookings within capacity, counters equal bookings', violations: slots },
    { name: 'orders', checked: `${facts.orders.length} orders, ${facts.lines.length} lines: returns recorded, refunds and payment status consistent, status follows fulfilments`, violations: orderRecords },
    { name: 'order money', checked: 'each order\'s refunds equal its payments\' refunds; a paid order captured its total; an unpaid one kept nothing', violations: orderMoney(facts.orders, money) },
    { name: 'settlement', checked: 'each paid line is settled to its merchant for what was paid and not refunded; unpaid lines are not settled', violations: lineSettlement(facts.lines, settled) },
    { name: 'order stock', checked: 'each line\'s units in the stock journal: sold, short-picked, returned, restocked; no unit kept without being paid for', violations: lineStock(facts.lines, movements) },
  ];
  return { ok: sections.every((s) => s.violations.length === 0), sections };
}

export function orderMoney(orders: OrderFact[], money: OrderMoney[]): Violation[] {
  const byOrder = new Map<string, OrderMoney[]>();
  for (const m of money) byOrder.set(m.orderId, [...(byOrder.get(m.orderId) ?? []), m]);
  const violations: Violation[] = [];
  for (const order of orders) {
    const intents = byOrder.get(order.orderId) ?? [];
    if (intents.some((m) => m.currency !== order.currency)) {
      violations.push({ invariant: 'an order is paid in its currency', detail: `order ${order.orderId} (${order.currency}) has payments in ${intents.map((m) => m.currency).join(', ')}` });
      continue;
    }
    const captured = intents.reduce((s, m) => s + m.capturedMinor, 0);
    const refunded = intents.reduce((s, m) => s + m.refundedMinor, 0);
    if (refunded !== order.refundedMinor) {
      violations.push({ invariant: 'an order\'s refunds equal its payments\' refunds', detail: `order ${order.orderId}: refunded ${order.refundedMinor} on the order, ${refunded} on its payments` });
    }
    if (order.paid && captured !== order.totalMinor) {
      violations.push({ invariant: 'a paid order captured its total', detail: `order ${order.orderId}: total ${order.totalMinor}, captured ${captured}` });
    }
    if (!order.paid && captured - refunded !== 0) {
      violations.push({ invariant: 'an unpaid order keeps no money', detail: `order ${order.orderId} (${order.status}): captured ${captured}, refunded ${refunded}` });
    }
  }
  return violations;
}

export function lineSettlement(lines: OrderLineFact[], settled: Map<string, number>): Violation[] {
  const violations: Violation[] = [];
  for (const line of lines) {
    const expected = line.paid ? line.amountMinor - line.refundedMinor : 0;
    const actual = settled.get(line.lineId) ?? 0;
    if (actual !== expected) {
      violations.push({ invariant: 'a line is settled for what was paid and not refunded', detail: `order line ${line.lineId} (order ${line.orderId}): paid and not refunded ${expected}, settled ${actual}` });
    }
  }
  return violations;
}

/**
 * A paid line's units: sold once (−quantity under `order:`), short-picked units reversed
 * (+ under `pick:`) and written off, returned or sent-back units back (+ under `return:`), a
 * cancelled order's units restocked (+ under `order:`). What is left out of stock is what the shopper
 * kept, which must be paid for: a line whose units all came back is refunded in full.
 */
export function lineStock(lines: OrderLineFact[], movements: MovementTotal[]): Violation[] {
  const byReference = new Map<string, MovementTotal[]>();
  for (const m of movements) byReference.set(m.reference, [...(byReference.get(m.reference) ?? []), m]);
  const violations: Violation[] = [];
  for (const line of lines) {
    const moved = line.references.flatMap((reference) => byReference.get(reference) ?? []).filter((m) => m.skuId === line.skuId);
    const sum = (kinds: string[], sign: 1 | -1) => moved.filter((m) => kinds.includes(m.kind) && Math.sign(m.quantity) === sign).reduce((s, m) => s + m.quantity, 0);
    const sold = -sum(['sale'], -1);
    const back = sum(['return', 'adjustment'], 1);
    const writtenOff = -sum(['damage'], -1);
    const cancelled = line.orderStatus === 'cancelled';
    if (!line.paid) {
      if (sold !== back) violations.push({ invariant: 'an unpaid line takes no stock', detail: `order line ${line.lineId} (order ${line.orderId}, ${line.orderStatus}): ${sold} sold, ${back} back` });
      continue;
    }
    // A cancelled order keeps nothing (cancelled before picking, or every parcel emptied by short picks).
    const kept = cancelled ? 0 : line.quantity - line.shortQuantity - line.returnedQuantity;
    if (sold !== line.quantity || sold - back !== kept || writtenOff !== line.shortQuantity || kept < 0) {
      violations.push({
        invariant: 'a paid line\'s units are in the stock journal',
        detail: `order line ${line.lineId} (order ${line.orderId}, ${line.orderStatus}): quantity ${line.quantity}, short ${line.shortQuantity}, returned ${line.returnedQuantity}; journal: sold ${sold}, back ${back}, written off ${writtenOff}`,
      });
    }
    if (kept === 0 && line.refundedMinor !== line.amountMinor) {
      violations.push({ invariant: 'a line whose units all came back is refunded in full', detail: `order line ${line.lineId} (order ${line.orderId}): refunded ${line.refundedMinor} of ${line.amountMinor}` });
    }
  }
  return violations;
}

/** The report as a person reads it: one line per section, each violation under it. */
export function formatCheckReport(report: CheckReport): string {
  const out: string[] = [];
  for (const section of report.sections) {
    out.push(`${section.violations.length === 0 ? '✓' : '✗'} ${section.name}: ${section.checked}`);
    for (const v of section.violations) out.push(`    ✗ ${v.invariant}: ${v.detail}`);
  }
  const count = report.sections.reduce((s, x) => s + x.violations.length, 0);
  out.push(report.ok ? 'ok: every invariant holds' : `${count} violation(s)`);
  return out.join('\n');
}
