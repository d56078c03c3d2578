import type { Db } from '../db/client.js';
import type { EventBus } from './bus.js';
import { dispatchPending, type InDispatch } from './service.js';

/** Polls the outbox and publishes to the bus until stopped. */
export function startDispatcher(db: Db, bus: EventBus, options: { intervalMs?: number; onError?: (error: unknown) => void; inDispatch?: InDispatch } = {}) {
  const interval = options.intervalMs ?? 250;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  const tick = async () => {
    try {
      while (!stopped && (await dispatchPending(db, (events) => bus.publish(events), 200, options.inDispatch)) > 0) { /* drain */ }
    } catch (error) {
      options.onError?.(error);
    }
    if (!stopped) timer = setTimeout(() => { running = tick(); }, interval);
  };
  running = tick();
  return {
    /** Publishes what is pending now (tests and shutdown use it). */
    flush: () => dispatchPending(db, (events) => bus.publish(events), 200, options.inDispatch),
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
