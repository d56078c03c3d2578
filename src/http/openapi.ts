import type { FastifyInstance } from 'fastify';
import type { Access } from './auth.js';

/**
 * What the OpenAPI document adds to each route's own schema, so that it describes every answer
 * without each route repeating it:
 * - `security` follows the route's `config.access` (public, optional sign-in, or bearer);
 * - the guard's own answers (401, 403) and the validator's (400) are declared as problems;
 * - a route's summary is also its description when it has no longer one;
 * - errors are `application/problem+json`, and a query parameter with a default is optional.
 * Every /v1 route must name its operation (`schema.operationId`); app start fails otherwise,
 * since the generated web and SDK clients call operations by these names.
 */
export function requireOperationIds(app: FastifyInstance): void {
  app.addHook('onRoute', (route) => {
    const schema = route.schema as { operationId?: string; hide?: boolean } | undefined;
    if (route.url.startsWith('/v1') && !schema?.hide && !schema?.operationId) {
      throw new Error(`route ${route.method} ${route.url} does not name its operation (schema.operationId)`);
    }
  });
}

const PROBLEM_REF = { $ref: '#/components/schemas/Problem' };

interface RouteSchema {
  summary?: string;
  description?: string;
  security?: unknown;
  body?: unknown;
  querystring?: unknown;
  params?: unknown;
  response?: Record<string, unknown>;
  [key: string]: unknown;
}

export function transformRoute({ schema, url, route }: { schema: unknown; url: string; route: { config?: unknown } }): { schema: RouteSchema; url: string } {
  const own = (schema ?? {}) as RouteSchema;
  if (!url.startsWith('/v1')) return { schema: own, url };
  const access = (route.config as { access?: Access } | undefined)?.access;
  const result: RouteSchema = { ...own, response: { ...own.response } };
  result.description ??= own.summary;
  if (access && !own.security) {
    // Optional sign-in: anonymous callers are served too, so "no security" is one of the options.
    if (access.public && access.roles.length > 0) result.security = [{}, { bearer: [] }];
    else if (!access.public) result.security = [{ bearer: [] }];
    else result.security = [];
  }
  const responses = result.response!;
  const declare = (status: number) => { if (!(status in responses)) responses[status] = { $ref: 'Problem' }; };
  if (own.body || own.querystring || own.params) declare(400);
  if (access && !access.public) { declare(401); declare(403); }
  return { schema: result, url };
}

type Json = Record<string, any>;

export function transformDocument(document: Json): Json {
  for (const operations of Object.values<Json>(document.paths ?? {})) {
    for (const operation of Object.values<Json>(operations)) {
      if (!operation || typeof operation !== 'object' || !operation.responses) continue;
      for (const [status, response] of Object.entries<Json>(operation.responses)) {
        if (Number(status) < 400 || !response.content) continue;
        const schema = response.content['application/json']?.schema ?? response.content['application/problem+json']?.schema ?? PROBLEM_REF;
        response.content = { 'application/problem+json': { schema } };
        if (!response.description || response.description === 'Default Response') response.description = `Problem (${status})`;
      }
      for (const parameter of operation.parameters ?? []) {
        if (parameter.in === 'query' && parameter.schema && 'default' in parameter.schema) parameter.required = false;
      }
    }
  }
  return document;
}
