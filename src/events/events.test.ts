import { expect, it, describe } from 'vitest';
import { sql } from 'drizzle-orm';
import { connect, StringCodec } from 'nats';
import { describeEachBackend, freshDatabase } from '../../test/db.js';
import { withTx } from '../db/tx.js';
import { dispatchPending, recordEvent, type DomainEvent } from './service.js';
import { inProcessBus, natsBus } from './bus.js';

describeEachBackend('outbox', (use) => {
  it('publishes an event only when its transaction commits', async () => {
    await withTx(use().db, (tx) => recordEvent(tx, 'order.placed', 'o-1', { total: 1200 }));
    await expect(withTx(use().db, async (tx) => {
      await recordEvent(tx, 'order.placed', 'o-2', { total: 1 });
      throw new Error('checkout failed later');
    })).rejects.toThrow();
    const seen: DomainEvent[] = [];
    await dispatchPending(use().db, async (events) => { seen.push(...events); });
    expect(seen.map((e) => e.aggregateId)).toEqual(['o-1']);
    expect(seen[0].payload).toEqual({ total: 1200 });
    // Published once: the next pass finds nothing.
    expect(await dispatchPending(use().db, async () => {})).toBe(0);
  });

  it('keeps events unpublished when the bus fails, and publishes them on the next pass', async () => {
    await withTx(use().db, (tx) => recordEvent(tx, 'stock.adjusted', 's-1', {}));
    await expect(dispatchPending(use().db, async () => { throw new Error('bus down'); })).rejects.toThrow('bus down');
    const bus = inProcessBus();
    const got: string[] = [];
    bus.subscribe('stock.', (e) => { got.push(e.aggregateId); });
    await dispatchPending(use().db, (events) => bus.publish(events));
    expect(got).toEqual(['s-1']);
  });
});

describe('NATS JetStream bus', () => {
  it('delivers outbox events to a JetStream consumer, once per event id', async () => {
    const url = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
    const bus = await natsBus(url).catch(() => null);
    if (!bus) {
      console.warn('!! NATS at', url, 'did not answer: the JetStream test is skipped');
      return;
    }
    const database = await freshDatabase('pglite');
    try {
      const nc = await connect({ servers: url });
      const manager = await nc.jetstreamManager();
      const before = (await manager.streams.info('MERCATO')).state.last_seq;
      const marker = `m-${Date.now()}`;
      await withTx(database.db, (tx) => recordEvent(tx, 'order.placed', marker, { marker }));
      await dispatchPending(database.db, (events) => bus.publish(events));
      // Re-publishing the same outbox id is dropped by JetStream's duplicate window.
      const { rows } = await database.db.execute(sql`select id, event_id from outbox where aggregate_id = ${marker}`);
      const event = { id: Number(rows[0].id), eventId: String(rows[0].event_id), topic: 'order.placed', aggregateId: marker, payload: { marker }, createdAt: new Date() };
      await bus.publish([event]);

      const after = (await manager.streams.info('MERCATO')).state.last_seq;
      const codec = StringCodec();
      const matches: string[] = [];
      for (let seq = before + 1; seq <= after; seq++) {
        const message = await manager.streams.getMessage('MERCATO', { seq });
        const body = JSON.parse(codec.decode(message.data));
        if (body.aggregateId === marker) matches.push(`${message.subject}:${body.aggregateId}`);
      }
      expect(matches).toEqual([`mercato.order.placed:${marker}`]);
      await nc.close();
    } finally {
      await bus.close();
      await database.close();
    }
  });
});
