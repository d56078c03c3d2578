import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { type Tx, withTx } from '../db/tx.js';
import type { DomainEvent, EventBus } from '../events/index.js';
import { skuFacts } from '../catalog/index.js';
import { insightsEvents } from './schema.js';
import { channelOfOrder, type BehaviourKind, type Channel } from './model.js';
import { addOrdersToModel } from './recs.js';

/**
 * Event capture. Orders, payments and returns arrive from the outbox through the bus (after
 * their transaction committed); views, searches and cart adds arrive as beacons. Both are
 * buffered in memory and written in one multi-row statement per batch, off the request path:
 * a request only pushes onto an array.
 */

export interface BehaviourEvent {
  kind: BehaviourKind;
  channel: Channel;
  occurredAt: Date;
  accountId?: string | null;
  visitorKey?: string | null;
  merchantId?: string | null;
  locationId?: string | null;
  productId?: string | null;
  skuId?: string | null;
  query?: string | null;
  resultCount?: number | null;
  quantity?: number | null;
}

export interface BatchedWriter<T> {
  push(items: T[]): void;
  /** Writes what is buffered now (tests and shutdown). */
  flush(): Promise<number>;
  stop(): Promise<void>;
  readonly pending: number;
}

/**
 * Buffers items and writes them with `write` every `intervalMs`, or sooner when `maxBatch`
 * are waiting. A failed write keeps the batch for the next pass (bounded by `maxBuffered`:
 * past it the oldest are dropped, since analytics must never take the shop down with it).
 */
export function batchedWriter<T>(write: (items: T[]) => Promise<void>, options: { intervalMs?: number; maxBatch?: number; maxBuffered?: number; onError?: (e: unknown) => void } = {}): BatchedWriter<T> {
  const intervalMs = options.intervalMs ?? 500;
  const maxBatch = options.maxBatch ?? 1000;
  const maxBuffered = options.maxBuffered ?? 100_000;
  let buffer: T[] = [];
  let running: Promise<number> | null = null;
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  const drain = async (): Promise<number> => {
    let written = 0;
    while (buffer.length) {
      const batch = buffer.slice(0, maxBatch);
      try {
        await write(batch);
      } catch (error) {
        options.onError?.(error);
        return written;
      }
      buffer = buffer.slice(batch.length);
      written += batch.length;
    }
    return written;
  };
  const flush = async (): Promise<number> => {
    while (running) await running;
    running = drain().finally(() => { running = null; });
    return running;
  };
  const schedule = () => {
    if (timer || stopped) return;
    timer = setTimeout(() => { timer = null; void flush().then(() => { if (buffer.length) schedule(); }); }, intervalMs);
    timer.unref();
  };
  return {
    push(items) {
      if (stopped || items.length === 0) return;
      buffer.push(...items);
      if (buffer.length > maxBuffered) buffer = buffer.slice(buffer.length - maxBuffered);
      if (buffer.length >= maxBatch && !running) void flush();
      else schedule();
    },
    flush,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await flush();
    },
    get pending() { return buffer.length; },
  };
}

export async function writeBehaviour(tx: Tx, events: BehaviourEvent[]): Promise<void> {
  if (events.length === 0) return;
  await tx.insert(insightsEvents).values(events.map((e) => ({
    kind: e.kind, channel: e.channel, occurredAt: e.occurredAt, accountId: e.accountId ?? null, visitorKey: e.visitorKey ?? null,
    merchantId: e.merchantId ?? null, locationId: e.locationId ?? null, productId: e.productId ?? null, skuId: e.skuId ?? null,
    query: e.query ?? null, resultCount: e.resultCount ?? null, quantity: e.quantity ?? null,
  })));
}

export const ORDER_TOPICS = ['order.placed', 'order.paid', 'order.cancelled', 'order.expired', 'order.returned', 'fulfilment.short_picked'];

/**
 * Applies outbox events to the analytical copy, in one transaction per batch. Each event is
 * applied once: its id is recorded, and a redelivered one is skipped.
 */
export async function applyOrderEvents(tx: Tx, events: DomainEvent[]): Promise<number> {
  const relevant = events.filter((e) => ORDER_TOPICS.includes(e.topic)).sort((a, b) => a.id - b.id);
  if (relevant.length === 0) return 0;
  const { rows: fresh } = await tx.execute(sql`
    insert into insights_applied_events (event_id)
    select (e->>0)::uuid from jsonb_array_elements(${JSON.stringify(relevant.map((e) => e.eventId))}::jsonb) as e
    on conflict do nothing returning event_id`);
  const freshIds = new Set(fresh.map((r) => String(r.event_id)));
  const todo = relevant.filter((e) => freshIds.has(e.eventId));
  const placed = todo.filter((e) => e.topic === 'order.placed');
  const facts = new Map((await skuFacts(tx, placed.flatMap((e) => ((e.payload.lines ?? []) as Array<{ skuId: string }>).map((l) => l.skuId)))).map((f) => [f.skuId, f]));
  const paidKeys: string[] = [];
  for (const event of todo) {
    const p = event.payload as Record<string, any>;
    const orderKey = String(p.orderId);
    if (event.topic === 'order.placed') {
      const lines = (p.lines ?? []) as Array<{ skuId: string; merchantId: string; quantity: number; amountMinor: number }>;
      await tx.execute(sql`
        insert into insights_orders (order_key, source, account_id, channel, location_id, currency, total_minor, status, placed_at)
        values (${orderKey}, 'live', ${p.accountId ?? null}, ${channelOfOrder(String(p.channel))}, ${p.locationId ?? null}, ${p.currency}, ${p.totalMinor}, 'placed', ${new Date(event.createdAt).toISOString()})
        on conflict (order_key) do nothing`);
      if (lines.length) {
        const payload = lines.map((l, i) => ({
          line_no: i + 1, sku_id: l.skuId, merchant_id: l.merchantId, category_id: facts.get(l.skuId)?.categoryId ?? null,
          quantity: l.quantity, unit_price_minor: Math.round(l.amountMinor / l.quantity) * l.quantity === l.amountMinor ? l.amountMinor / l.quantity : null, amount_minor: l.amountMinor,
        }));
        await tx.execute(sql`
          insert into insights_order_lines (order_key, line_no, account_id, placed_at, sku_id, merchant_id, category_id, quantity, unit_price_minor, amount_minor, currency)
          select ${orderKey}, l.line_no, ${p.accountId ?? null}, ${new Date(event.createdAt).toISOString()}, l.sku_id, l.merchant_id, l.category_id, l.quantity, l.unit_price_minor, l.amount_minor, ${p.currency}
          from jsonb_to_recordset(${JSON.stringify(payload)}::jsonb) as l(line_no int, sku_id uuid, merchant_id uuid, category_id uuid, quantity int, unit_price_minor bigint, amount_minor bigint)
          on conflict do nothing`);
      }
    } else if (event.topic === 'order.paid') {
      const { rows } = await tx.execute(sql`update insights_orders set status = 'paid', updated_at = now() where order_key = ${orderKey} and status = 'placed' returning order_key`);
      if (rows.length) paidKeys.push(orderKey);
    } else if (event.topic === 'order.cancelled' || event.topic === 'order.expired') {
      await tx.execute(sql`update insights_orders set status = 'cancelled', updated_at = now() where order_key = ${orderKey}`);
    } else {
      const amount = Number(event.topic === 'order.returned' ? p.amountMinor : p.refundedMinor);
      if (!(amount > 0)) continue;
      await tx.execute(sql`
        insert into insights_refunds (source_event_id, order_key, kind, amount_minor, currency, refunded_at)
        select ${event.eventId}, o.order_key, ${event.topic === 'order.returned' ? 'return' : 'short_pick'}, ${amount}, o.currency, ${new Date(event.createdAt).toISOString()}
        from insights_orders o where o.order_key = ${orderKey}
        on conflict (source_event_id) do nothing`);
    }
  }
  // A paid order adds its basket to the recommendation counts at once (incremental model).
  if (paidKeys.length) await addOrdersToModel(tx, paidKeys);
  return todo.length;
}

/** Subscribes to the bus and applies order events in batches. */
export function captureOrderEvents(db: Db, bus: EventBus, onError?: (e: unknown) => void): BatchedWriter<DomainEvent> & { unsubscribe(): void } {
  const writer = batchedWriter<DomainEvent>((events) => withTx(db, (tx) => applyOrderEvents(tx, events)).then(() => undefined), { intervalMs: 200, maxBatch: 500, onError });
  const offs = ['order.', 'fulfilment.short_picked'].map((prefix) => bus.subscribe(prefix, (event) => { if (ORDER_TOPICS.includes(event.topic)) writer.push([event]); }));
  return Object.assign(writer, { unsubscribe: () => offs.forEach((off) => off()) });
}
