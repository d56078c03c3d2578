import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database } from '../src/db/client.js';
import { migrate } from '../src/db/migrate.js';

export const ADMIN_URL = process.env.MERCATO_BENCH_PG_URL ?? process.env.MERCATO_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** Quick mode (`npm run bench -- --quick`) shortens every run; figures are then only indicative. */
export const QUICK = process.argv.includes('--quick') || process.env.MERCATO_BENCH_QUICK === '1';

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

export interface BenchDatabase {
  database: Database;
  url: string;
  name: string;
  drop(): Promise<void>;
}

/** A throwaway, migrated database on the PostgreSQL server. */
export async function benchDatabase(label: string, poolSize = 64): Promise<BenchDatabase> {
  const name = `mercato_bench_${label}_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = withDatabase(ADMIN_URL, name);
  const database = await openDatabase({ url, poolSize });
  await migrate(database);
  return {
    database, url, name,
    drop: async () => {
      await database.close();
      const dropper = new pg.Client({ connectionString: ADMIN_URL });
      await dropper.connect();
      await dropper.query(`drop database if exists ${name} with (force)`);
      await dropper.end();
    },
  };
}

export interface LatencySummary { count: number; p50Ms: number; p99Ms: number; maxMs: number; meanMs: number }

export function summarise(latenciesMs: number[]): LatencySummary {
  const sorted = [...latenciesMs].sort((a, b) => a - b);
  const at = (q: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] : 0);
  const round = (n: number) => Math.round(n * 100) / 100;
  return {
    count: sorted.length,
    p50Ms: round(at(0.5)),
    p99Ms: round(at(0.99)),
    maxMs: round(sorted[sorted.length - 1] ?? 0),
    meanMs: round(sorted.reduce((s, v) => s + v, 0) / (sorted.length || 1)),
  };
}

/**
 * Runs `operation` from `clients` concurrent loops for `seconds`, or until `until()` says stop.
 * Returns throughput and latency; each operation's own result is passed to `onResult`.
 */
export async function closedLoop<T>(options: {
  clients: number;
  seconds: number;
  operation: (client: number, iteration: number) => Promise<T>;
  onResult?: (result: T) => void;
  until?: () => boolean;
}): Promise<LatencySummary & { perSecond: number; elapsedSeconds: number; errors: number }> {
  const latencies: number[] = [];
  let errors = 0;
  const deadline = performance.now() + options.seconds * 1000;
  const started = performance.now();
  await Promise.all(Array.from({ length: options.clients }, async (_, client) => {
    for (let i = 0; performance.now() < deadline && !(options.until?.() ?? false); i++) {
      const t0 = performance.now();
      try {
        const result = await options.operation(client, i);
        latencies.push(performance.now() - t0);
        options.onResult?.(result);
      } catch {
        errors++;
      }
    }
  }));
  const elapsedSeconds = (performance.now() - started) / 1000;
  return { ...summarise(latencies), perSecond: Math.round(latencies.length / elapsedSeconds), elapsedSeconds: Math.round(elapsedSeconds * 100) / 100, errors };
}

/**
 * The PostgreSQL ceiling: pgbench's built-in tpcb-like script on the same server, with the same
 * client count, in the same run, so application figures can be read as ratios of it.
 */
export function pgbenchCeiling(clients: number, seconds: number, scale = 10): { clients: number; tps: number; latencyAvgMs: number; script: string } {
  const name = `mercato_pgbench_${randomBytes(3).toString('hex')}`;
  const url = new URL(ADMIN_URL);
  const env = { ...process.env, PGHOST: url.hostname, PGPORT: url.port || '5432', PGUSER: decodeURIComponent(url.username || 'postgres'), PGPASSWORD: decodeURIComponent(url.password) };
  execFileSync('createdb', [name], { env });
  try {
    execFileSync('pgbench', ['-i', '-q', '-s', String(scale), name], { env, stdio: 'pipe' });
    const out = execFileSync('pgbench', ['-b', 'tpcb-like', '-c', String(clients), '-j', '2', '-T', String(seconds), '-n', name], { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    const tps = Number(/tps = ([0-9.]+)/.exec(out)?.[1] ?? NaN);
    const latencyAvgMs = Number(/latency average = ([0-9.]+) ms/.exec(out)?.[1] ?? NaN);
    return { clients, tps: Math.round(tps), latencyAvgMs, script: 'tpcb-like' };
  } finally {
    execFileSync('dropdb', ['--if-exists', '--force', name], { env });
  }
}
