import type { FastifyInstance, FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { DomainError } from './problem.js';
import type { RateLimitConfig } from '../config.js';

/** Who is counted: the API key when one is sent (hashed: keys never sit in the table), else the client address. */
function callerOf(request: FastifyRequest): string {
  const key = request.headers['x-api-key'];
  if (typeof key === 'string' && key) return `key:${createHash('sha256').update(key).digest('hex').slice(0, 32)}`;
  return `ip:${request.ip}`;
}

/**
 * A general rate limit on /v1, shared across processes through PostgreSQL without a database
 * round trip per request: each process counts locally and, every `syncMs`, adds its counts to
 * `rate_limit_windows` (one multi-row upsert) and reads back every process's total. A request
 * is refused when the known total plus this process's unsynced count reaches the limit, so N
 * processes overshoot by at most what the others served since their last sync.
 */
declare module 'fastify' {
  interface FastifyInstance {
    rateLimiter: { sync(): Promise<void> };
  }
}

export function installRateLimit(app: FastifyInstance, database: Database, config: RateLimitConfig) {
  const syncMs = config.syncMs ?? 1000;
  let windowStart = Math.floor(Date.now() / config.windowMs) * config.windowMs;
  let unsynced = new Map<string, number>();
  let known = new Map<string, number>();

  const roll = (now: number) => {
    const current = Math.floor(now / config.windowMs) * config.windowMs;
    if (current !== windowStart) {
      windowStart = current;
      unsynced = new Map();
      known = new Map();
    }
  };

  const sync = async () => {
    roll(Date.now());
    if (unsynced.size === 0) return;
    const batch = unsynced;
    const start = new Date(windowStart);
    unsynced = new Map();
    const rows = [...batch].map(([caller, hits]) => sql`(${caller}, ${start.toISOString()}::timestamptz, ${hits}::int)`);
    const { rows: totals } = await database.db.execute(sql`
      insert into rate_limit_windows (caller, window_start, hits) values ${sql.join(rows, sql`, `)}
      on conflict (caller, window_start) do update set hits = rate_limit_windows.hits + excluded.hits
      returning caller, hits`);
    if (start.getTime() === windowStart) for (const t of totals) known.set(String(t.caller), Number(t.hits));
    // Old windows are of no use; any process may clear them.
    if (Math.random() < 0.05) await database.db.execute(sql`delete from rate_limit_windows where window_start < ${new Date(windowStart - 10 * config.windowMs).toISOString()}::timestamptz`);
  };

  let pass: Promise<void> = Promise.resolve();
  const timer = setInterval(() => { pass = pass.then(sync).catch((error) => app.log.warn({ err: error }, 'rate limit sync failed; counting locally')); }, syncMs);
  timer.unref();
  app.addHook('onClose', async () => {
    clearInterval(timer);
    await pass;
  });

  app.addHook('onRequest', async (request, reply) => {
    if (!request.url.startsWith('/v1/')) return;
    const now = Date.now();
    roll(now);
    const caller = callerOf(request);
    const used = (known.get(caller) ?? 0) + (unsynced.get(caller) ?? 0);
    const resetSeconds = Math.ceil((windowStart + config.windowMs - now) / 1000);
    reply.header('ratelimit-limit', config.max);
    reply.header('ratelimit-reset', resetSeconds);
    if (used >= config.max) {
      reply.header('ratelimit-remaining', 0);
      reply.header('retry-after', resetSeconds);
      throw new DomainError('http.too_many_requests', `More than ${config.max} requests in ${config.windowMs / 1000} s from this ${caller.startsWith('key:') ? 'API key' : 'address'}; retry in ${resetSeconds} s`);
    }
    unsynced.set(caller, (unsynced.get(caller) ?? 0) + 1);
    reply.header('ratelimit-remaining', config.max - used - 1);
  });

  return { sync: () => (pass = pass.then(sync)) };
}
