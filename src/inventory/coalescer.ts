import type { Database } from '../db/client.js';
import { withTx } from '../db/tx.js';
import { DomainError } from '../http/problem.js';
import { type Reservation, reserveBatch } from './service.js';

export interface CoalescedRequest {
  skuId: string;
  locationId: string;
  quantity: number;
  reference: string;
  holderAccountId?: string | null;
  /** Aborted when the client goes away: a request still queued is then dropped, not reserved. */
  signal?: AbortSignal;
}

export interface CoalescerOptions {
  /** Hold time of every reservation it makes. */
  ttlMs: number;
  /** Most requests folded into one transaction. */
  maxBatch?: number;
}

interface Waiting { request: CoalescedRequest; resolve: (r: Reservation) => void; reject: (e: unknown) => void }

/**
 * The flash-sale path. Concurrent single-line reservations of the same SKU at the same location
 * would each wait on that one stock row's lock; instead, while one batch is in the database,
 * the requests arriving for the same (sku, location) queue up and go together as the next batch:
 * one short transaction that locks the row once, grants in arrival order, and inserts every
 * reservation in one statement. Results are handed out in arrival order. At low load a batch
 * is a single request and nothing waits.
 *
 * It owns its transactions (it needs the Database, not a tx), so a checkout uses it *before*
 * its own transaction: reserve here, then in the checkout transaction `confirmReservation`
 * (or `releaseReservation` when checkout fails). A hold whose client went away after it was
 * made is returned by the expiry sweeper. Across several processes each one coalesces its own
 * arrivals; correctness never depends on it (the row lock and the CHECK do that).
 */
export class ReservationCoalescer {
  private readonly queues = new Map<string, Waiting[]>();
  private readonly running = new Map<string, Promise<void>>();
  private readonly maxBatch: number;

  constructor(private readonly database: Database, private readonly options: CoalescerOptions) {
    this.maxBatch = options.maxBatch ?? 500;
  }

  reserve(request: CoalescedRequest): Promise<Reservation> {
    if (!Number.isInteger(request.quantity) || request.quantity <= 0) {
      return Promise.reject(new DomainError('inventory.invalid_lines', 'quantity must be a positive whole number', {}, [{ field: '/lines/0/quantity', message: 'must be a positive integer' }]));
    }
    const key = `${request.skuId}|${request.locationId}`;
    return new Promise<Reservation>((resolve, reject) => {
      const queue = this.queues.get(key) ?? [];
      queue.push({ request, resolve, reject });
      this.queues.set(key, queue);
      if (!this.running.has(key)) {
        // Drained on the next turn of the event loop, so requests arriving together go together.
        const drain = new Promise<void>((done) => setImmediate(() => this.drain(key).finally(done)));
        this.running.set(key, drain);
      }
    });
  }

  /** Waits for every batch in flight (for shutdown and tests). */
  async idle(): Promise<void> {
    while (this.running.size) await Promise.all([...this.running.values()]);
  }

  private async drain(key: string): Promise<void> {
    try {
      for (;;) {
        const queue = this.queues.get(key) ?? [];
        if (queue.length === 0) break;
        const taken = queue.splice(0, this.maxBatch);
        const batch = taken.filter((w) => {
          if (!w.request.signal?.aborted) return true;
          w.reject(new DomainError('inventory.request_abandoned', 'The client went away before the reservation was made'));
          return false;
        });
        if (batch.length === 0) continue;
        const { skuId, locationId } = batch[0].request;
        try {
          const outcomes = await withTx(this.database.db, (tx) => reserveBatch(tx, skuId, locationId, batch.map((w) => w.request), { ttlMs: this.options.ttlMs }));
          outcomes.forEach((outcome, i) => (outcome.ok ? batch[i].resolve(outcome.reservation) : batch[i].reject(outcome.error)));
        } catch (error) {
          for (const w of batch) w.reject(error);
        }
      }
    } finally {
      this.queues.delete(key);
      this.running.delete(key);
    }
  }
}
