import type { FastifyInstance } from 'fastify';
import type { Database } from '../db/client.js';
import { DomainError } from '../http/problem.js';
import { principalForApiKey } from './service.js';

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * `x-api-key: mk_pub_…` lets a storefront call public routes as itself (counted per key by the
 * rate limit); `x-api-key: mk_sec_…` acts as its merchant's staff (or the operator, for a
 * platform key) within its scopes: `read` for GET, `write` for the rest. Runs before the auth
 * guard, which then checks roles and tenancy as for a signed-in user.
 */
export function installApiKeys(app: FastifyInstance, database: Database): void {
  app.addHook('onRequest', async (request) => {
    const key = request.headers['x-api-key'];
    if (typeof key !== 'string' || !key || !request.routeOptions.config?.access) return;
    const access = request.routeOptions.config.access;
    const found = await principalForApiKey(database.db, key);
    if (found.kind === 'publishable') {
      if (!access.public) throw new DomainError('api_keys.publishable_not_allowed', 'This route needs a secret key or a signed-in user; publishable keys call public routes only');
      return;
    }
    if (!READS.has(request.method) && !found.scopes.includes('write')) throw new DomainError('api_keys.scope', `${request.method} needs an API key with the write scope`);
    if (!request.headers.authorization) request.principal = found.principal;
  });
}
