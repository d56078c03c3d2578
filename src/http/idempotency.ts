import { createHash, randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sql } from 'drizzle-orm';
import type { Database, Db } from '../db/client.js';
import { withTx, type Tx } from '../db/tx.js';
import { DomainError } from './problem.js';

const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;
/** A claim written before this column existed (no owner) may be taken over after this long. */
const LEGACY_STALE_AFTER_SECONDS = 60;
/** This process, as the owner of the claims it makes; it holds a database lock of this name while alive. */
const INSTANCE = randomUUID();
export const lifeLockName = (instance: string) => `mercato-instance:${instance}`;
/** This process's owner id on the claims it makes (tests simulate a request that died in it). */
export const thisInstance = (): string => INSTANCE;

export type IdempotencyMode = 'claim' | 'in-transaction';

interface Claim {
  scope: string;
  key: string;
  hash: string;
  mode: IdempotencyMode;
  /** The outcome is already stored (in the work's transaction). */
  stored: boolean;
}

interface StoredOutcome { request_hash: string; status_code: number | null; response_body: string | null; response_type: string | null; owner: string | null; stale: boolean }

declare module 'fastify' {
  interface FastifyRequest {
    idempotency?: Claim;
  }
  interface FastifyContextConfig {
    /**
     * `in-transaction`: the route runs its work through `idempotentReply`, which claims the key
     * and stores the outcome in the work's own transaction (for orders and money). Default: the
     * key is claimed before the handler and the answer stored after it.
     */
    idempotency?: IdempotencyMode;
  }
}

/**
 * Whose keys these are: the signed-in account, or the guest holding a cart token (by its hash).
 * An anonymous caller with neither has no identity of its own: two guests behind one address
 * (NAT, a shop's Wi-Fi) are indistinguishable, and a replayed answer may carry a secret (a new
 * cart's guest token), so its Idempotency-Key is not honoured (answered with
 * `Idempotency-Key-Ignored: true`).
 */
function scopeOf(request: FastifyRequest): string | null {
  if (request.principal) return `account:${request.principal.accountId}`;
  const cartToken = request.headers['x-cart-token'];
  if (typeof cartToken === 'string' && cartToken.length > 0) return `guest:${createHash('sha256').update(cartToken).digest('base64url')}`;
  return null;
}

function fingerprint(request: FastifyRequest): string {
  return requestFingerprint(request.method, request.url, request.body);
}

/** What makes two requests "the same request" for a key: method, URL and body. */
export function requestFingerprint(method: string, url: string, body: unknown): string {
  return createHash('sha256').update(method).update('\n').update(url).update('\n')
    .update(JSON.stringify(body ?? null)).digest('base64url');
}

const inFlight = new Set<string>();
const flightKey = (scope: string, key: string) => `${scope}\n${key}`;

/** Sent instead of running the work: the stored answer of the first request with this key. */
class Replay {
  constructor(readonly outcome: StoredOutcome) {}
}

async function storedOutcome(db: Db, scope: string, key: string): Promise<StoredOutcome | undefined> {
  const found = await db.execute(sql`select request_hash, status_code, response_body, response_type, owner,
      created_at < now() - make_interval(secs => ${LEGACY_STALE_AFTER_SECONDS}) as stale
    from idempotency_keys where scope = ${scope} and key = ${key}`);
  return found.rows[0] as StoredOutcome | undefined;
}

function replay(reply: FastifyReply, outcome: StoredOutcome): FastifyReply {
  reply.header('idempotent-replayed', 'true');
  if (outcome.response_type) reply.type(outcome.response_type);
  return reply.status(outcome.status_code!).send(outcome.response_body ?? '');
}

/**
 * Whether the process that claimed a key is gone, so its claim will never complete: another
 * process whose life lock is free (PostgreSQL drops it with the connection when the process
 * dies), or this process when the request is no longer running (it failed without answering,
 * e.g. during a database fault).
 */
async function claimIsAbandoned(db: Db, scope: string, key: string, row: StoredOutcome): Promise<boolean> {
  if (row.owner === null) return row.stale;
  if (row.owner === INSTANCE) return !inFlight.has(flightKey(scope, key));
  const probe = await withTx(db, (tx) => tx.execute(sql`select pg_try_advisory_xact_lock(hashtextextended(${lifeLockName(row.owner!)}, 0)) as free`));
  return Boolean((probe.rows[0] as { free: boolean }).free);
}

/**
 * POST with `Idempotency-Key`: the work is done once per (scope, key); a retry gets the stored
 * answer (with `Idempotent-Replayed: true`), a retry with a different request gets 422, and a
 * retry while the first still runs gets 409. A 5xx is not stored, so the client may retry; a
 * 4xx is stored, since the request wrote nothing and would fail the same way.
 *
 * Routes that create orders or move money run their work through `idempotentReply`, which
 * stores the answer in the same transaction as the work: once the work commits, its answer is
 * there to replay, even if the connection drops before the client hears it. Other routes claim
 * the key before the handler; a claim left by a process that died, or by a request that failed
 * without answering, is taken over at once by the next retry.
 */
export function installIdempotency(app: FastifyInstance, database: Database): void {
  const { db } = database;
  let releaseLifeLock: (() => Promise<void>) | undefined;
  app.addHook('onReady', async () => { releaseLifeLock = await database.holdLifeLock(lifeLockName(INSTANCE)); });
  app.addHook('onClose', async () => { await releaseLifeLock?.(); });

  app.addHook('preHandler', async (request, reply) => {
    if (request.method !== 'POST') return;
    const key = request.headers['idempotency-key'];
    if (key === undefined) return;
    if (typeof key !== 'string' || !KEY_PATTERN.test(key)) {
      throw new DomainError('http.validation', 'Idempotency-Key must be 1–255 visible ASCII characters', {}, [{ field: 'headers:/idempotency-key', message: 'is not valid' }]);
    }
    const scope = scopeOf(request);
    if (!scope) {
      reply.header('idempotency-key-ignored', 'true');
      return;
    }
    const hash = fingerprint(request);
    const mode = request.routeOptions.config?.idempotency ?? 'claim';
    const existing = await storedOutcome(db, scope, key);
    if (existing) {
      if (existing.request_hash !== hash) {
        throw new DomainError('http.idempotency_key_reused', 'This Idempotency-Key was used with a different request; use a new key for a new request');
      }
      if (existing.status_code !== null) return replay(reply, existing);
      if (!(await claimIsAbandoned(db, scope, key, existing))) {
        throw new DomainError('http.idempotency_in_progress', 'The first request with this Idempotency-Key has not finished; retry shortly');
      }
      await db.execute(sql`delete from idempotency_keys where scope = ${scope} and key = ${key} and status_code is null
        and owner is not distinct from ${existing.owner}`);
    }
    request.idempotency = { scope, key, hash, mode, stored: false };
    if (mode === 'in-transaction') return;
    const claimed = await db.execute(sql`
      insert into idempotency_keys (scope, key, request_hash, method, path, owner) values (${scope}, ${key}, ${hash}, ${request.method}, ${request.url}, ${INSTANCE})
      on conflict (scope, key) do nothing returning key`);
    if (claimed.rows.length === 0) {
      request.idempotency = undefined;
      throw new DomainError('http.idempotency_in_progress', 'A request with this Idempotency-Key is running; retry shortly');
    }
    inFlight.add(flightKey(scope, key));
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const claim = request.idempotency;
    if (!claim || claim.stored) return payload;
    request.idempotency = undefined;
    try {
      if (reply.statusCode >= 500) {
        // Best effort: if the database is down, the claim stays but is taken over by the next retry.
        if (claim.mode === 'claim') {
          await db.execute(sql`delete from idempotency_keys where scope = ${claim.scope} and key = ${claim.key} and status_code is null and owner = ${INSTANCE}`)
            .catch((error: unknown) => request.log.warn({ err: error }, 'could not release an idempotency claim'));
        }
        return payload;
      }
      const body = typeof payload === 'string' ? payload : Buffer.isBuffer(payload) ? payload.toString('utf8') : payload == null ? '' : String(payload);
      const type = String(reply.getHeader('content-type') ?? '');
      await db.execute(sql`
        insert into idempotency_keys (scope, key, request_hash, method, path, status_code, response_body, response_type, completed_at)
        values (${claim.scope}, ${claim.key}, ${claim.hash}, ${request.method}, ${request.url}, ${reply.statusCode}, ${body}, ${type}, now())
        on conflict (scope, key) do update set status_code = excluded.status_code, response_body = excluded.response_body,
          response_type = excluded.response_type, completed_at = now(), owner = null
        where idempotency_keys.status_code is null and idempotency_keys.owner = ${INSTANCE}`);
      return payload;
    } finally {
      inFlight.delete(flightKey(claim.scope, claim.key));
    }
  });
}

/**
 * Runs a route's work in one transaction and sends its answer with `status`. With an
 * Idempotency-Key (route config `idempotency: 'in-transaction'`), the key is claimed as the
 * transaction's first write and the serialized answer stored as its last, so the work and its
 * answer commit together: a concurrent request with the same key waits for this one and
 * replays its answer; a failed or killed request leaves nothing behind.
 */
export async function idempotentReply<T>(db: Db, request: FastifyRequest, reply: FastifyReply, status: number, work: (tx: Tx) => Promise<T>): Promise<FastifyReply> {
  const claim = request.idempotency;
  if (claim?.mode !== 'in-transaction') return reply.status(status).send(await withTx(db, work));
  let body: string;
  try {
    body = await withTx(db, async (tx) => {
      const claimed = await tx.execute(sql`
        insert into idempotency_keys (scope, key, request_hash, method, path) values (${claim.scope}, ${claim.key}, ${claim.hash}, ${request.method}, ${request.url})
        on conflict (scope, key) do nothing returning key`);
      if (claimed.rows.length === 0) {
        // Another request with this key committed while this one waited on its row.
        const first = await storedOutcome(tx, claim.scope, claim.key);
        if (!first || first.request_hash !== claim.hash) throw new DomainError('http.idempotency_key_reused', 'This Idempotency-Key was used with a different request; use a new key for a new request');
        if (first.status_code === null) throw new DomainError('http.idempotency_in_progress', 'The first request with this Idempotency-Key has not finished; retry shortly');
        throw new Replay(first);
      }
      const result = await work(tx);
      reply.status(status);
      const serialized = reply.serialize(result) as string;
      await tx.execute(sql`update idempotency_keys set status_code = ${status}, response_body = ${serialized},
        response_type = 'application/json; charset=utf-8', completed_at = now() where scope = ${claim.scope} and key = ${claim.key}`);
      return serialized;
    });
  } catch (error) {
    if (error instanceof Replay) {
      request.idempotency = undefined;
      return replay(reply, error.outcome);
    }
    throw error;
  }
  claim.stored = true;
  return reply.status(status).type('application/json; charset=utf-8').send(body);
}
