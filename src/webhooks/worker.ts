import type { Db } from '../db/client.js';
import { withTx } from '../db/tx.js';
import { claimDueDeliveries, recordAttempt, type AttemptResult, type ClaimedDelivery } from './service.js';
import { DEFAULT_POLICY, type DeliveryPolicy } from './model.js';
import { signPayload } from './signature.js';
import type { DeliveryStatus } from './schema.js';

const USER_AGENT = 'Mercato-Webhooks/1';

/** One HTTP POST of a claimed delivery; never throws (a network error is an attempt result). */
export async function sendDelivery(delivery: ClaimedDelivery, timeoutMs: number): Promise<AttemptResult> {
  const started = performance.now();
  const timestamp = Math.floor(Date.now() / 1000);
  try {
    const response = await fetch(delivery.url, {
      method: 'POST',
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
      headers: {
        'content-type': 'application/json',
        'user-agent': USER_AGENT,
        'mercato-signature': signPayload(delivery.secret, delivery.body, timestamp),
        'mercato-event-id': delivery.eventId,
        'mercato-event-type': delivery.topic,
        'mercato-delivery-id': delivery.id,
        'mercato-delivery-attempt': String(delivery.attempt),
      },
      body: delivery.body,
    });
    const text = await response.text().catch(() => '');
    return { statusCode: response.status, error: null, durationMs: Math.round(performance.now() - started), responseExcerpt: text.slice(0, 500) || null };
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    const message = (error as Error).name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : `${(error as Error).message}${cause ? ` (${cause})` : ''}`;
    return { statusCode: null, error: message, durationMs: Math.round(performance.now() - started), responseExcerpt: null };
  }
}

/**
 * One pass: claim what is due, send each (in parallel), record each outcome. Returns how many
 * were attempted. Tests call it directly; the worker loop calls it on a timer.
 */
export type OnOutcome = (delivery: ClaimedDelivery, status: DeliveryStatus | 'superseded', result: AttemptResult) => void;

export async function deliverDue(db: Db, policy: DeliveryPolicy = DEFAULT_POLICY, options: { limit?: number; onOutcome?: OnOutcome } = {}): Promise<number> {
  const claimed = await withTx(db, (tx) => claimDueDeliveries(tx, policy, options.limit ?? 10));
  await Promise.all(claimed.map(async (delivery) => {
    const result = await sendDelivery(delivery, policy.timeoutMs);
    const status = await withTx(db, (tx) => recordAttempt(tx, policy, delivery, result));
    options.onOutcome?.(delivery, status, result);
  }));
  return claimed.length;
}

/**
 * Delivers webhooks until stopped. Safe with N processes: claims use SKIP LOCKED and a lease,
 * so a delivery is attempted by one worker at a time, and one a crashed worker held is taken
 * over when its lease lapses (at-least-once: receivers dedupe on the event id).
 */
export function startWebhookWorker(db: Db, policy: DeliveryPolicy, options: { intervalMs?: number; onError?: (error: unknown) => void; onOutcome?: OnOutcome } = {}) {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const tick = async () => {
    try {
      while (!stopped && (await deliverDue(db, policy, { onOutcome: options.onOutcome })) > 0) { /* drain what is due */ }
    } catch (error) {
      options.onError?.(error);
    }
    if (!stopped) {
      timer = setTimeout(() => { running = tick(); }, options.intervalMs ?? 500);
      timer.unref();
    }
  };
  running = tick();
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
