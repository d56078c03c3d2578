import type { Db } from './client.js';

/** The handle a service receives: a transaction (or, for read-only helpers, the database). */
export type Tx = Db;

const RETRYABLE = new Set(['40001', '40P01']); // serialization_failure, deadlock_detected

/**
 * Runs `work` in one transaction: everything it writes commits together or not at all.
 * Serialization failures and deadlocks are retried a few times, so `work` must be free of
 * side effects outside the database.
 */
export async function withTx<T>(db: Db, work: (tx: Tx) => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction((tx) => work(tx as unknown as Tx));
    } catch (error) {
      const code = pgCode(error);
      if (attempt >= attempts || !code || !RETRYABLE.has(code)) throw error;
    }
  }
}

/** The SQLSTATE of a database error, looking through Drizzle's wrapping. */
export function pgCode(error: unknown): string | undefined {
  let current: any = error;
  for (let depth = 0; current && depth < 4; depth++) {
    if (typeof current.code === 'string' && /^[0-9A-Z]{5}$/.test(current.code)) return current.code;
    current = current.cause;
  }
  return undefined;
}

/** The constraint named in a database error, if any. */
export function pgConstraint(error: unknown): string | undefined {
  let current: any = error;
  for (let depth = 0; current && depth < 4; depth++) {
    if (typeof current.constraint === 'string') return current.constraint;
    current = current.cause;
  }
  return undefined;
}
