import Fastify, { type FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fastifyStatic from '@fastify/static';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Config } from './config.js';
import type { Database } from './db/client.js';
import type { AppContext, RoutesPlugin } from './http/context.js';
import { installMetrics } from './http/metrics.js';
import { installSecurity } from './http/security.js';
import { installRateLimit } from './http/rate-limit.js';
import { installErrorHandler, onClientError, onFrameworkError } from './http/error-handler.js';
import { installJsonBody } from './http/json-body.js';
import { installShutdownRefusal } from './http/shutdown.js';
import { installAuthGuard, PUBLIC } from './http/auth.js';
import { installIdempotency } from './http/idempotency.js';
import { buildSerializer, buildValidator } from './http/validation.js';
import { installNotFound } from './http/not-found.js';
import { requireOperationIds, transformDocument, transformRoute } from './http/openapi.js';
import { Problem } from './http/schemas.js';
import { allProblemKinds, problemType } from './http/problem.js';
import { identityRoutes } from './identity/routes.js';
import { merchantRoutes } from './merchants/routes.js';
import { locationRoutes } from './locations/routes.js';
import { inventoryRoutes } from './inventory/routes.js';
import { orderRoutes } from './orders/routes.js';
import { flowRoutes } from './flows/routes.js';
import { paymentRoutes } from './payments/routes.js';
import { marketplaceRoutes } from './merchants/marketplace-routes.js';
import { catalogRoutes } from './catalog/routes.js';
import { webhookRoutes } from './webhooks/routes.js';
import { apiKeyRoutes } from './apikeys/routes.js';
import { installApiKeys } from './apikeys/guard.js';
import { insightsRoutes } from './insights/routes.js';
import { inProcessBus, type EventBus } from './events/bus.js';

/** Each domain contributes one routes plugin; order does not matter. */
const domainRoutes: RoutesPlugin[] = [identityRoutes, merchantRoutes, locationRoutes, inventoryRoutes, orderRoutes, paymentRoutes, flowRoutes, marketplaceRoutes, catalogRoutes, webhookRoutes, insightsRoutes, apiKeyRoutes];

// The built web app is dist/web: beside the compiled server (dist/server/app.js) in production,
// or under the repository root when the sources run directly (tests).
const WEB_DIST = fileURLToPath(new URL(/\/dist\/server\/app\.js$/.test(import.meta.url) ? '../web' : '../dist/web', import.meta.url));

export interface BuildOptions {
  config: Config;
  database: Database;
  /** Where the outbox dispatcher publishes; defaults to an in-process bus. */
  bus?: EventBus;
  /** Logger on/off; tests pass false. */
  logger?: boolean;
}

/** Builds the whole HTTP app from the domain plugins. No business logic here. */
export async function buildApp({ config, database, bus = inProcessBus(), logger = true }: BuildOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: logger ? { level: config.logLevel } : false,
    trustProxy: config.trustProxy,
    bodyLimit: config.bodyLimitBytes,
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
    // Fastify's own answers while closing and for malformed requests are plain JSON; ours are
    // problem+json like every other error (http/shutdown.ts, http/error-handler.ts).
    return503OnClosing: false,
    frameworkErrors: onFrameworkError,
    clientErrorHandler: onClientError,
    forceCloseConnections: 'idle',
    schemaController: { compilersFactory: { buildValidator: buildValidator as never, buildSerializer: buildSerializer as never } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  installErrorHandler(app);
  installMetrics(app, database, { token: config.metricsToken });
  await installSecurity(app, { corsOrigins: config.corsOrigins });
  if (config.rateLimit) app.decorate('rateLimiter', installRateLimit(app, database, config.rateLimit));
  installShutdownRefusal(app);
  installNotFound(app);
  // Only JSON bodies: anything else is a 415, not a confusing validation error.
  app.removeContentTypeParser('text/plain');
  installJsonBody(app);
  app.addHook('onSend', async (request, reply, payload) => {
    reply.header('x-request-id', request.id);
    return payload;
  });

  app.addSchema(Problem);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      servers: [{ url: '/', description: 'This server' }],
      info: { title: 'Mercato API', version: '0.1.0', license: { name: 'Apache-2.0', identifier: 'Apache-2.0' }, description: 'Omnichannel commerce: marketplace, stores as fulfilment hubs, one shopper identity. Errors are application/problem+json (RFC 9457). POSTs accept Idempotency-Key.' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'Token from POST /v1/sessions' } } },
    },
    transform: transformRoute as never,
    transformObject: (document) => transformDocument((document as { openapiObject: Record<string, unknown> }).openapiObject),
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => String(json.$id ?? `def-${i}`) },
  });
  // staticCSP: the docs page sets its own Content-Security-Policy (hashes of its inline parts).
  await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true });

  installApiKeys(app, database);
  installAuthGuard(app, database);
  requireOperationIds(app);
  installIdempotency(app, database);

  const ctx: AppContext = { database, config, bus };
  for (const routes of domainRoutes) await app.register(async (scope) => routes(scope as never, ctx));

  app.get('/healthz', { schema: { hide: true }, config: { access: PUBLIC } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { schema: { hide: true }, config: { access: PUBLIC } }, async (request, reply) => {
    try {
      await database.ping();
      return { status: 'ready', database: database.kind };
    } catch (error) {
      request.log.warn({ err: error }, 'database not reachable');
      return reply.status(503).type('application/problem+json').send({
        type: problemType('http.unavailable'), title: 'Service unavailable', status: 503, detail: 'The database is not reachable', instance: request.url, code: 'http.unavailable', requestId: String(request.id),
      });
    }
  });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  app.get('/problems/:code', { schema: { hide: true } }, async (request, reply) => {
    const { code } = request.params as { code: string };
    const kind = allProblemKinds()[code];
    if (!kind) return reply.callNotFound();
    return { type: problemType(code), code, ...kind };
  });

  if (existsSync(WEB_DIST)) {
    await app.register(fastifyStatic, {
      root: WEB_DIST, wildcard: false,
      // The build writes .br and .gz beside each asset; the browser gets the smallest it accepts.
      preCompressed: true,
      cacheControl: false,
      setHeaders: (reply, path) => {
        // Hashed file names change with their content: cache for a year. The page itself is revalidated.
        reply.header('cache-control', /[\\/]assets[\\/]/.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
    // The single-page app owns every other GET path that is not the API.
    app.get('/*', { schema: { hide: true } }, async (request, reply) => {
      if (request.url.startsWith('/v1/')) return reply.callNotFound();
      return reply.sendFile('index.html');
    });
  }
  return app;
}
