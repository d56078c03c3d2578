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
}

export async function openDatabase(options: OpenOptions): Promise<Database> {
  if (options.url) return openPostgres(options.url, options.poolSize ?? 20);
  return openPglite(options);
}

async function openPostgres(url: string, max: number): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max });
  // A client losing its connection (idle, or in the middle of a query) must not crash the
  // process: the query in flight fails with the error, and the pool replaces the client.
  pool.on('error', () => {});
  pool.on('connect', (client) => { client.on('error', () => {}); });
  const db = drizzlePg(pool) as unknown as Db;
  return {
    db,
    kind: 'postgres',
    ping: async () => { await pool.query('select 1'); },
    runScript: async (script) => { await pool.query(script); },
    close: () => pool.end(),
  };
}

async function openPglite(options: OpenOptions): Promise<Database> {
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  // pg_trgm and unaccent (catalogue search) ship with the PostgreSQL server's contrib; PGlite loads them here.
  const client = new PGlite({ dataDir: options.dataDir, loadDataDir: options.loadDataDir, extensions: { pg_trgm, unaccent } });
  await client.waitReady;
  const db = drizzlePglite(client) as unknown as Db;
  return {
    db,
    kind: 'pglite',
    ping: async () => { await db.execute(sql`select 1`); },
    runScript: async (script) => { await client.exec(script); },
    close: () => client.close(),
  };
}
