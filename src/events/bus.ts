import { EventEmitter } from 'node:events';
import { connect, type NatsConnection, type JetStreamClient, StringCodec } from 'nats';
import type { DomainEvent } from './service.js';

/** Where dispatched events go: in-process subscribers, or NATS JetStream when NATS_URL is set. */
export interface EventBus {
  publish(events: DomainEvent[]): Promise<void>;
  /** In-process subscription by topic prefix (`order.` or `*`). */
  subscribe(prefix: string, handler: (event: DomainEvent) => void | Promise<void>): () => void;
  close(): Promise<void>;
}

export function inProcessBus(): EventBus {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(100);
  return {
    async publish(events) {
      for (const event of events) emitter.emit('event', event);
    },
    subscribe(prefix, handler) {
      const listener = (event: DomainEvent) => {
        if (prefix === '*' || event.topic.startsWith(prefix)) void Promise.resolve(handler(event)).catch(() => {});
      };
      emitter.on('event', listener);
      return () => emitter.off('event', listener);
    },
    async close() { emitter.removeAllListeners(); },
  };
}

export const NATS_STREAM = 'MERCATO';

/**
 * JetStream: each event goes to subject `mercato.<topic>` with the event's uuid as message id, so
 * a re-published event (dispatcher crash between publish and mark) is dropped by JetStream's
 * duplicate window instead of delivered twice.
 */
export async function natsBus(url: string): Promise<EventBus & { connection: NatsConnection }> {
  const connection = await connect({ servers: url });
  const manager = await connection.jetstreamManager();
  try {
    await manager.streams.info(NATS_STREAM);
  } catch {
    await manager.streams.add({ name: NATS_STREAM, subjects: ['mercato.>'] });
  }
  const js: JetStreamClient = connection.jetstream();
  const codec = StringCodec();
  const local = inProcessBus();
  return {
    connection,
    async publish(events) {
      for (const event of events) {
        await js.publish(`mercato.${event.topic}`, codec.encode(JSON.stringify(event)), { msgID: event.eventId });
      }
      await local.publish(events);
    },
    subscribe: local.subscribe,
    async close() {
      await local.close();
      await connection.drain();
    },
  };
}
