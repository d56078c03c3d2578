import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { mkdirSync } from 'node:fs';

/** Raw query results as both drivers give them: an array of row objects. */
export interface RowsResultHKT extends PgQueryResultHKT {
  type: { rows: Record<string, any>[] };
}

/** A Drizzle handle on either backend; services only ever see this type. */
export type Db = PgDatabase<RowsResultHKT, Record<string, never>>;

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** Throws when the database cannot answer a trivial query. */
  ping(): Promise<void>;
  /** Runs a multi-statement SQL script as one implicit transaction (simple query protocol). */
  runScript(script: string): Promise<void>;
  /**
   * Holds a session-level advisory lock on `key` for as long as this process lives (PostgreSQL:
   * on a connection of its own, so the server drops the lock the moment the process dies; PGlite
   * is one process, nothing to hold). Others test it with `pg_try_advisory_xact_lock`.
   */
  holdLifeLock(key: string): Promise<() => Promise<void>>;
  /**
   * Runs `work` holding a PostgreSQL advisory lock (on a connection of its own, so the pool
   * stays free for the work): processes asking for the same key take turns. PGlite has one
   * connection in one process: there the calls are simply queued.
   */
  withLock<T>(key: number, work: () => Promise<T>): Promise<T>;
  /** Connections of the pool (PostgreSQL); PGlite has one connection and no pool. */
  poolStats(): { total: number; idle: number; waiting: number; max: number } | null;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** postgres://… selects the PostgreSQL server; absent selects PGlite. */
  url?: string;
  /** PGlite data folder; absent (with no url) means in memory. */
  dataDir?: string;
  /** PGlite: start from a dumped data directory (used by tests to skip initdb and migrations). */
  loadDataDir?: Blob;
  poolSize?: number;
  /**
   * PostgreSQL server only: called with the text of every statement sent, BEGIN and COMMIT
   * included (the statement-budget test counts round trips with it).
   */
  onStatement?: (text: string) => void;
}

export async function openDatabase(options: OpenOptions): Promise<Database> {
  if (options.url) return openPostgres(options.url, options.poolSize ?? 20, options.onStatement);
  return openPglite(options);
}

async function openPostgres(url: string, max: number, onStatement?: (text: string) => void): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max });
  // A client losing its connection (idle, or in the middle of a query) must not crash the
  // process: the query in flight fails with the error, and the pool replaces the client.
  pool.on('error', () => {});
  pool.on('connect', (client) => {
    client.on('error', () => {});
    if (onStatement) {
      const query = client.query.bind(client) as (...args: unknown[]) => unknown;
      (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
        const first = args[0] as string | { text?: string };
        onStatement(typeof first === 'string' ? first : first?.text ?? '');
        return query(...args);
      };
    }
  });
  const db = drizzlePg(pool) as unknown as Db;
  return {
    db,
    kind: 'postgres',
    ping: async () => { await pool.query('select 1'); },
    runScript: async (script) => { await pool.query(script); },
    poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount, max }),
    holdLifeLock: (key) => holdLifeLock(url, key),
    withLock: async (key, work) => {
      const holder = new pg.Client({ connectionString: url });
      holder.on('error', () => {});
      await holder.connect();
      try {
        await holder.query('select pg_advisory_lock($1)', [key]);
        return await work();
      } finally {
        // Closing the session releases the lock even if the unlock is never sent.
        await holder.end().catch(() => {});
      }
    },
    close: () => pool.end(),
  };
}

/**
 * The lock lives on a dedicated connection; when that connection is lost (a database restart),
 * it reconnects and takes the lock again, so the process is seen alive once the server is back.
 */
async function holdLifeLock(url: string, key: string): Promise<() => Promise<void>> {
  let client: pg.Client | undefined;
  let released = false;
  let retry: NodeJS.Timeout | undefined;
  const schedule = () => {
    if (released || retry) return;
    retry = setTimeout(() => { retry = undefined; take().catch(schedule); }, 1000);
    retry.unref();
  };
  const take = async () => {
    const connection = new pg.Client({ connectionString: url });
    connection.on('error', () => {});
    connection.on('end', () => {
      if (client === connection) client = undefined;
      schedule();
    });
    await connection.connect();
    await connection.query('select pg_advisory_lock(hashtextextended($1, 0))', [key]);
    client = connection;
    if (released) await connection.end();
  };
  // Unreachable now: keep trying in the background; requests answer 503 meanwhile.
  await take().catch(schedule);
  return async () => {
    released = true;
    clearTimeout(retry);
    await client?.end().catch(() => {});
  };
}

async function openPglite(options: OpenOptions): Promise<Database> {
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  // pg_trgm and unaccent (catalogue search) ship with the PostgreSQL server's contrib; PGlite loads them here.
  const client = new PGlite({ dataDir: options.dataDir, loadDataDir: options.loadDataDir, extensions: { pg_trgm, unaccent } });
  await client.waitReady;
  const db = drizzlePglite(client) as unknown as Db;
  let queue: Promise<unknown> = Promise.resolve();
  return {
    db,
    kind: 'pglite',
    ping: async () => { await db.execute(sql`select 1`); },
    runScript: async (script) => { await client.exec(script); },
    poolStats: () => null,
    holdLifeLock: async () => async () => {},
    withLock: (_key, work) => {
      const turn = queue.then(work);
      queue = turn.catch(() => {});
      return turn;
    },
    close: () => client.close(),
  };
}
