import type { FastifyInstance } from 'fastify';
import cors from '@fastify/cors';
import helmet from '@fastify/helmet';

/**
 * Cross-origin access and security headers, for a headless storefront on another origin.
 * CORS: only the origins listed in MERCATO_CORS_ORIGINS (exact `scheme://host[:port]`, or `*`)
 * get CORS headers; an unlisted origin's preflight is answered without them, so the browser
 * refuses the call. Credentials (cookies) are never allowed: the API authenticates with
 * bearer tokens and API keys.
 */
export async function installSecurity(app: FastifyInstance, options: { corsOrigins: readonly string[] }): Promise<void> {
  const anyOrigin = options.corsOrigins.includes('*');
  const allowed = new Set(options.corsOrigins);
  await app.register(cors, {
    origin: (origin, callback) => callback(null, origin !== undefined && (anyOrigin || allowed.has(origin))),
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowedHeaders: ['authorization', 'content-type', 'idempotency-key', 'x-api-key', 'x-request-id', 'accept-language'],
    exposedHeaders: ['x-request-id', 'retry-after', 'ratelimit-limit', 'ratelimit-remaining', 'ratelimit-reset', 'location'],
    credentials: false,
    maxAge: 600,
    strictPreflight: false,
  });
  await app.register(helmet, {
    // The web app is built by Vite into same-origin module scripts; product images may live
    // on the merchants' own hosts (catalogue image_url), hence https: for img-src.
    contentSecurityPolicy: {
      useDefaults: true,
      directives: { 'img-src': ["'self'", 'data:', 'https:'], 'connect-src': ["'self'"] },
    },
    // The API is meant to be called from other origins (CORS above decides which).
    crossOriginResourcePolicy: { policy: 'cross-origin' },
    strictTransportSecurity: { maxAge: 15552000, includeSubDomains: true },
  });
}
