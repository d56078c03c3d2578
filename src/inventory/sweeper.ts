import type { Database } from '../db/client.js';
import { withTx } from '../db/tx.js';
import { sweepExpiredReservations } from './service.js';

/**
 * Returns expired holds to stock every `intervalMs` (and keeps going while a pass finds a full
 * page). Returns a stop function. Several processes may run it: claims use SKIP LOCKED.
 */
export function startReservationSweeper(database: Database, options: { intervalMs?: number; onError?: (error: unknown) => void } = {}): () => Promise<void> {
  let stopped = false;
  let pass: Promise<void> = Promise.resolve();
  const run = async () => {
    for (;;) {
      const swept = await withTx(database.db, (tx) => sweepExpiredReservations(tx));
      if (stopped || swept.reservations < 500) return;
    }
  };
  const timer = setInterval(() => {
    pass = pass.then(run).catch((error) => options.onError?.(error));
  }, options.intervalMs ?? 15_000);
  timer.unref();
  return async () => {
    stopped = true;
    clearInterval(timer);
    await pass;
  };
}
