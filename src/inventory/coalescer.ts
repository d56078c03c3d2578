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
  /**
   * Batches in flight at once, each on its own connection. A (sku, location) always goes to the
   * same lane, so its requests stay in arrival order and two lanes never wait on the same row.
   */
  lanes?: number;
}

interface Waiting { request: CoalescedRequest; resolve: (r: Reservation) => void; reject: (e: unknown) => void }

/**
 * The flash-sale path. Concurrent single-line reservations of the same SKU at the same location
 * would each wait on that one stock row's lock; instead, while a batch is in the database, the
 * requests arriving meanwhile queue up and go together as the next batch: one short transaction
 * that locks each stock row once, grants in arrival order, and inserts every reservation in one
 * statement. Results are handed out in arrival order. At low load a batch is a single request
 * and nothing waits. Requests for different SKUs share batches too, so a busy catalogue also
 * commits far fewer transactions.
 *
 * It owns its transactions (it needs the Database, not a tx), so a checkout uses it *before*
 * its own transaction: reserve here, then in the checkout transaction `confirmReservation`
 * (or `releaseReservation` when checkout fails). A hold whose client went away after it was
 * made is returned by the expiry sweeper. Across several processes each one coalesces its own
 * arrivals; correctness never depends on it (the row lock and the CHECK do that).
 */
export class ReservationCoalescer {
  private readonly queues: Waiting[][];
  private readonly running: Array<Promise<void> | undefined>;
  private readonly maxBatch: number;

  constructor(private readonly database: Database, private readonly options: CoalescerOptions) {
    this.maxBatch = options.maxBatch ?? 500;
    const lanes = Math.max(1, options.lanes ?? 8);
    this.queues = Array.from({ length: lanes }, () => []);
    this.running = Array.from({ length: lanes }, () => undefined);
  }

  reserve(request: CoalescedRequest): Promise<Reservation> {
    if (!Number.isInteger(request.quantity) || request.quantity <= 0) {
      return Promise.reject(new DomainError('inventory.invalid_lines', 'quantity must be a positive whole number', {}, [{ field: '/lines/0/quantity', message: 'must be a positive integer' }]));
    }
    const lane = laneOf(`${request.skuId}|${request.locationId}`, this.queues.length);
    return new Promise<Reservation>((resolve, reject) => {
      this.queues[lane].push({ request, resolve, reject });
      if (!this.running[lane]) {
        // Drained on the next turn of the event loop, so requests arriving together go together.
        this.running[lane] = new Promise<void>((done) => setImmediate(() => this.drain(lane).finally(done)));
      }
    });
  }

  /** Waits for every batch in flight (for shutdown and tests). */
  async idle(): Promise<void> {
    while (this.running.some(Boolean)) await Promise.all(this.running);
  }

  private async drain(lane: number): Promise<void> {
    const queue = this.queues[lane];
    try {
      while (queue.length > 0) {
        const batch = queue.splice(0, this.maxBatch).filter((w) => {
          if (!w.request.signal?.aborted) return true;
          w.reject(new DomainError('inventory.request_abandoned', 'The client went away before the reservation was made'));
          return false;
        });
        if (batch.length === 0) continue;
        try {
          const outcomes = await withTx(this.database.db, (tx) => reserveBatch(tx, batch.map((w) => w.request), { ttlMs: this.options.ttlMs }));
          outcomes.forEach((outcome, i) => (outcome.ok ? batch[i].resolve(outcome.reservation) : batch[i].reject(outcome.error)));
        } catch (error) {
          for (const w of batch) w.reject(error);
        }
      }
    } finally {
      this.running[lane] = undefined;
    }
  }
}

/** A stable lane per (sku, location): FNV-1a of the key. */
function laneOf(key: string, lanes: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), 0x01000193);
  return (hash >>> 0) % lanes;
}
