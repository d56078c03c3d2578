import FindMyWay from 'find-my-way';
import type { FastifyInstance } from 'fastify';
import { DomainError } from './problem.js';

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
/** Fastify's default `maxParamLength`. */
const MAX_SEGMENT = 100;

/**
 * An unknown path is a 404; a known path with the wrong method is a 405 with `Allow`.
 * Fastify answers both with 404, so a shadow router of every route's pattern tells them apart.
 */
export function installNotFound(app: FastifyInstance): void {
  const shadow = FindMyWay();
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      if (!METHODS.includes(method as never) || route.url.includes('*') || shadow.hasRoute(method as never, route.url)) continue;
      shadow.on(method as never, route.url, () => {});
    }
  });
  app.setNotFoundHandler(async (request) => {
    const path = request.url.split('?')[0];
    // The router gives up on a segment longer than its limit; when a catch-all route (the web
    // app's) exists it lands here instead of Fastify's own 414, so say the same thing.
    if (path.split('/').some((segment) => segment.length > MAX_SEGMENT)) {
      throw new DomainError('http.uri_too_long', 'A path segment is longer than this API accepts');
    }
    const allowed = METHODS.filter((m) => m !== request.method && shadow.find(m, path));
    if (allowed.length > 0) {
      throw new DomainError('http.method_not_allowed', `${request.method} is not allowed on ${path}; allowed: ${allowed.join(', ')}`, { allow: allowed });
    }
    throw new DomainError('http.route_not_found', `No route ${request.method} ${path}`);
  });
}
