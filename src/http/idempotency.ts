import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { sql } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { DomainError } from './problem.js';

const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;
/** A key whose first request died without answering may be taken over after this long. */
const STALE_AFTER_SECONDS = 60;

declare module 'fastify' {
  interface FastifyRequest {
    idempotency?: { scope: string; key: string };
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
  return createHash('sha256').update(request.method).update('\n').update(request.url).update('\n')
    .update(JSON.stringify(request.body ?? null)).digest('base64url');
}

/**
 * POST with `Idempotency-Key`: the first request claims (scope, key) and runs; its response is
 * stored. A retry gets the stored response (with `Idempotent-Replayed: true`), a retry with a
 * different body gets 422, and a retry while the first is still running gets 409. A 5xx is not
 * stored, so the client may retry it; a 4xx is stored, since the request wrote nothing and
 * would fail the same way.
 */
export function installIdempotency(app: FastifyInstance, database: Database): void {
  const { db } = database;

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
    const claimed = await db.execute(sql`
      insert into idempotency_keys (scope, key, request_hash, method, path) values (${scope}, ${key}, ${hash}, ${request.method}, ${request.url})
      on conflict (scope, key) do update set created_at = now(), request_hash = excluded.request_hash
        where idempotency_keys.status_code is null and idempotency_keys.created_at < now() - make_interval(secs => ${STALE_AFTER_SECONDS})
          and idempotency_keys.request_hash = excluded.request_hash
      returning key`);
    if (claimed.rows.length > 0) {
      request.idempotency = { scope, key };
      return;
    }
    const existing = await db.execute(sql`select request_hash, status_code, response_body, response_type from idempotency_keys where scope = ${scope} and key = ${key}`);
    const row = existing.rows[0] as { request_hash: string; status_code: number | null; response_body: string | null; response_type: string | null } | undefined;
    if (!row) throw new DomainError('http.idempotency_in_progress', 'Retry the request');
    if (row.request_hash !== hash) {
      throw new DomainError('http.idempotency_key_reused', 'This Idempotency-Key was used with a different request; use a new key for a new request');
    }
    if (row.status_code === null) throw new DomainError('http.idempotency_in_progress', 'The first request with this Idempotency-Key has not finished; retry shortly');
    reply.header('idempotent-replayed', 'true');
    if (row.response_type) reply.type(row.response_type);
    return reply.status(row.status_code).send(row.response_body ?? '');
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const claim = request.idempotency;
    if (!claim) return payload;
    request.idempotency = undefined;
    if (reply.statusCode >= 500) {
      await db.execute(sql`delete from idempotency_keys where scope = ${claim.scope} and key = ${claim.key} and status_code is null`);
      return payload;
    }
    const body = typeof payload === 'string' ? payload : Buffer.isBuffer(payload) ? payload.toString('utf8') : payload == null ? '' : String(payload);
    await db.execute(sql`update idempotency_keys set status_code = ${reply.statusCode}, response_body = ${body},
      response_type = ${String(reply.getHeader('content-type') ?? '')}, completed_at = now() where scope = ${claim.scope} and key = ${claim.key}`);
    return payload;
  });
}
