import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Database } from '../db/client.js';
import { DomainError } from './problem.js';
import { type Principal, type Role, actsAtLocation, actsForMerchant, principalForToken } from '../identity/index.js';

/**
 * Who may call a route, stated next to the route itself:
 *   config: { access: allow('merchant', 'operator').forMerchantParam('merchantId') }
 * Every /v1 route must declare one; app start fails otherwise.
 */
export interface Access {
  public: boolean;
  roles: readonly Role[];
  /** Route param holding a merchant id: merchant staff may only name their own merchant. */
  merchantParam?: string;
  /** Route param holding a location id: associates may only name their own location. */
  locationParam?: string;
}

export const PUBLIC: Access = { public: true, roles: [] };

/** A public route that still recognises a signed-in caller (e.g. a guest or member cart). */
export const OPTIONAL_AUTH: Access = { public: true, roles: ['shopper', 'merchant', 'associate', 'operator'] };

export function allow(...roles: Role[]) {
  const access: Access & { forMerchantParam(name: string): Access; forLocationParam(name: string): Access } = {
    public: false,
    roles,
    forMerchantParam: (name) => ({ public: false, roles, merchantParam: name }),
    forLocationParam: (name) => ({ public: false, roles, locationParam: name }),
  };
  return access;
}

export const ANY_SIGNED_IN = allow('shopper', 'merchant', 'associate', 'operator');

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    principal: Principal | null;
  }
}

/** The principal of an authenticated route; the guard has already refused anonymous callers. */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new DomainError('http.unauthenticated', 'Sign in and send Authorization: Bearer <token>');
  return request.principal;
}

export function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  return match?.[1];
}

export function installAuthGuard(app: FastifyInstance, database: Database): void {
  app.decorateRequest('principal', null);

  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/v1') && !route.config?.access) {
      throw new Error(`route ${route.method} ${route.url} does not declare who may call it (config.access)`);
    }
  });

  app.addHook('onRequest', async (request) => {
    const access = request.routeOptions.config?.access;
    if (!access) return;
    const token = bearerToken(request);
    if (token) {
      request.principal = await principalForToken(database.db, token);
      if (!request.principal && !access.public) {
        throw new DomainError('identity.session_invalid', 'The bearer token is unknown or has expired; sign in again');
      }
    }
    if (access.public) return;
    const principal = request.principal;
    if (!principal) throw new DomainError('http.unauthenticated', 'This route needs a signed-in caller: send Authorization: Bearer <token>');
    if (!access.roles.includes(principal.role)) {
      throw new DomainError('http.forbidden', `This route is for ${access.roles.join(', ')}; you are signed in as ${principal.role}`);
    }
    const params = request.params as Record<string, string>;
    // Another tenant's resource answers 404, so its existence is not revealed either.
    if (access.merchantParam && principal.role === 'merchant' && !actsForMerchant(principal, params[access.merchantParam])) {
      throw new DomainError('http.not_found', 'No such merchant resource');
    }
    if (access.locationParam && principal.role === 'associate' && !actsAtLocation(principal, params[access.locationParam])) {
      throw new DomainError('http.not_found', 'No such location resource');
    }
  });
}
