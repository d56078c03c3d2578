/** How hard a delivery is tried before it is dead-lettered, and when a subscription is switched off. */
export interface DeliveryPolicy {
  /** Attempts before the delivery is dead-lettered (a replay starts a new round). */
  maxAttempts: number;
  /** First retry waits about this long; each further retry doubles it, up to `maxDelayMs`. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** How long a claimed delivery is held by one worker before another may take it over. */
  leaseMs: number;
  /** A receiver slower than this counts as a failure. */
  timeoutMs: number;
  /** Failed attempts in a row (across deliveries, reset by any success) that disable a subscription. */
  disableAfterFailures: number;
}

export const DEFAULT_POLICY: DeliveryPolicy = {
  maxAttempts: 10,
  baseDelayMs: 30_000,
  maxDelayMs: 6 * 3600_000,
  leaseMs: 60_000,
  timeoutMs: 10_000,
  disableAfterFailures: 50,
};

/**
 * Delay before retry number `attempt` (1 = after the first failure): exponential with "equal
 * jitter" (half fixed, half random), so receivers recovering from an outage are not hit by
 * every sender at the same instant, yet the wait never collapses towards zero.
 */
export function retryDelayMs(policy: Pick<DeliveryPolicy, 'baseDelayMs' | 'maxDelayMs'>, attempt: number, random: number = Math.random()): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + (ceiling / 2) * random);
}

/** A 2xx answer is the only success; redirects are not followed (the URL must be the final one). */
export function isSuccess(statusCode: number | null): boolean {
  return statusCode !== null && statusCode >= 200 && statusCode < 300;
}

export type AttemptOutcome = 'succeeded' | 'retry' | 'dead';

export function outcomeOf(policy: Pick<DeliveryPolicy, 'maxAttempts'>, statusCode: number | null, attempts: number): AttemptOutcome {
  if (isSuccess(statusCode)) return 'succeeded';
  return attempts >= policy.maxAttempts ? 'dead' : 'retry';
}
