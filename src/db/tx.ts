import type { Db } from './client.js';

/** The handle a service receives: a transaction (or, for read-only helpers, the database). */
export type Tx = Db;

const RETRYABLE = new Set(['40001', '40P01']); // serialization_failure, deadlock_detected

const beforeCommit = new WeakMap<object, Array<() => Promise<void>>>();

/**
 * Asks `withTx` to run `task` once `work` has finished, inside the same transaction, just before
 * the commit (e.g. write a transaction's buffered outbox events in one statement). Answers false
 * when `tx` was not opened by `withTx` (a savepoint, a bare `db.transaction`): the caller must
 * then do its write at once.
 */
export function deferUntilCommit(tx: Tx, task: () => Promise<void>): boolean {
  const tasks = beforeCommit.get(tx);
  if (!tasks) return false;
  tasks.push(task);
  return true;
}

/**
 * Runs `work` in one transaction: everything it writes commits together or not at all.
 * Serialization failures and deadlocks are retried a few times, so `work` must be free of
 * side effects outside the database.
 */
export async function withTx<T>(db: Db, work: (tx: Tx) => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction(async (handle) => {
        const tx = handle as unknown as Tx;
        const tasks: Array<() => Promise<void>> = [];
        beforeCommit.set(tx, tasks);
        try {
          const result = await work(tx);
          // A task may defer another (it runs in the same pass).
          for (let i = 0; i < tasks.length; i++) await tasks[i]();
          return result;
        } finally {
          beforeCommit.delete(tx);
        }
      });
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
