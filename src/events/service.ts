import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { deferUntilCommit, type Tx } from '../db/tx.js';
import type { Db } from '../db/client.js';
import { outbox } from './schema.js';

export interface DomainEvent {
  id: number;
  /** Globally unique; what consumers dedupe on. */
  eventId: string;
  topic: string;
  aggregateId: string;
  payload: Record<string, unknown>;
  createdAt: Date;
}

type PendingEvent = { eventId: string; topic: string; aggregateId: string; payload: Record<string, unknown> };
const pending = new WeakMap<object, PendingEvent[]>();

/**
 * Records a domain event (`order.placed`, `stock.reserved`, …) in the caller's transaction:
 * it is published only if that transaction commits. In a transaction opened by `withTx` the
 * events are held and written together, in the order recorded, by one multi-row insert just
 * before the commit (a checkout records five; one round trip instead of five). Elsewhere (a
 * savepoint, a bare transaction) the event is written at once. Answers the event's id (what
 * consumers dedupe on), so a caller need not read the outbox back.
 */
export async function recordEvent(tx: Tx, topic: string, aggregateId: string, payload: Record<string, unknown>): Promise<string> {
  const event = { eventId: randomUUID(), topic, aggregateId, payload };
  const held = pending.get(tx);
  if (held) {
    held.push(event);
    return event.eventId;
  }
  const buffer: PendingEvent[] = [event];
  const deferred = deferUntilCommit(tx, async () => {
    pending.delete(tx);
    await tx.insert(outbox).values(buffer);
  });
  if (deferred) pending.set(tx, buffer);
  else await tx.insert(outbox).values(buffer);
  return event.eventId;
}

/** Work done with the claimed events inside the claiming transaction (webhook fan-out). */
export type InDispatch = (tx: Tx, events: DomainEvent[]) => Promise<unknown>;

/**
 * Claims up to `limit` unpublished events in id order, runs `inDispatch` (if any) and hands
 * them to `publish`, and marks them published, all in one transaction: if either fails, they
 * stay unpublished for the next pass. SKIP LOCKED lets several dispatcher processes share the work.
 */
export async function dispatchPending(db: Db, publish: (events: DomainEvent[]) => Promise<void>, limit = 200, inDispatch?: InDispatch): Promise<number> {
  return db.transaction(async (tx) => {
    const { rows } = await tx.execute(sql`
      select id, event_id, topic, aggregate_id, payload, created_at from outbox
      where published_at is null order by id limit ${limit} for update skip locked`);
    if (rows.length === 0) return 0;
    const events: DomainEvent[] = rows.map((r) => ({
      id: Number(r.id), eventId: String(r.event_id), topic: String(r.topic), aggregateId: String(r.aggregate_id),
      payload: (typeof r.payload === 'string' ? JSON.parse(r.payload) : r.payload) as Record<string, unknown>, createdAt: new Date(r.created_at),
    }));
    if (inDispatch) await inDispatch(tx as unknown as Tx, events);
    await publish(events);
    const ids = events.map((e) => e.id);
    await tx.execute(sql`update outbox set published_at = now() where id in (${sql.join(ids.map((id) => sql`${id}`), sql`, `)})`);
    return events.length;
  });
}
