// Runtime configuration, read once from the environment. Every variable is documented in README.md.
export interface Config {
  port: number;
  host: string;
  databaseUrl?: string;
  dataDir: string;
  natsUrl?: string;
  logLevel: string;
  /** Secret for HMAC-derived values (member codes, webhook signatures) when none is configured per merchant. */
  secret: string;
  bodyLimitBytes: number;
  /** Webhook delivery: attempts before dead-lettering, first retry delay, per-attempt timeout. */
  /** Origins allowed to call the API from a browser (MERCATO_CORS_ORIGINS, comma-separated; `*` for any). */
  corsOrigins: string[];
  /** General limit per API key or client address on /v1 (MERCATO_RATE_LIMIT=600/60); null = off. */
  rateLimit: RateLimitConfig | null;
  /** Behind a load balancer: take the client address from X-Forwarded-For (MERCATO_TRUST_PROXY=1). */
  trustProxy: boolean;
  /** When set, GET /metrics needs `Authorization: Bearer <token>`. */
  metricsToken?: string;
  webhooks: { maxAttempts: number; baseDelayMs: number; timeoutMs: number; leaseMs: number; disableAfterFailures: number };
}

/**
 * The secret used when MERCATO_SECRET is not set: public (it is in this file), for development
 * only. Start-up warns about it, and refuses it when NODE_ENV=production.
 */
export const DEFAULT_SECRET = 'mercato-development-secret-change-me';

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    port: Number(env.PORT ?? 3000),
    host: env.HOST ?? '0.0.0.0',
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: env.MERCATO_DATA_DIR ?? './data',
    natsUrl: env.NATS_URL || undefined,
    logLevel: env.LOG_LEVEL ?? 'info',
    secret: env.MERCATO_SECRET || DEFAULT_SECRET,
    bodyLimitBytes: Number(env.MERCATO_BODY_LIMIT ?? 1024 * 1024),
    metricsToken: env.MERCATO_METRICS_TOKEN || undefined,
    corsOrigins: (env.MERCATO_CORS_ORIGINS ?? '').split(',').map((o) => o.trim().replace(/\/$/, '')).filter(Boolean),
    rateLimit: parseRateLimit(env.MERCATO_RATE_LIMIT),
    trustProxy: env.MERCATO_TRUST_PROXY === '1' || env.MERCATO_TRUST_PROXY === 'true',
    webhooks: {
      maxAttempts: Number(env.MERCATO_WEBHOOK_MAX_ATTEMPTS ?? 10),
      baseDelayMs: Number(env.MERCATO_WEBHOOK_RETRY_BASE_MS ?? 30_000),
      timeoutMs: Number(env.MERCATO_WEBHOOK_TIMEOUT_MS ?? 10_000),
      leaseMs: Number(env.MERCATO_WEBHOOK_LEASE_MS ?? 60_000),
      disableAfterFailures: Number(env.MERCATO_WEBHOOK_DISABLE_AFTER ?? 50),
    },
  };
}

export interface RateLimitConfig {
  /** Requests per caller per window. */
  max: number;
  windowMs: number;
  /** How often each process adds its counts to the shared table and reads the totals back. */
  syncMs?: number;
}

/** `600/60` = 600 requests per 60 seconds; `off` (or empty) = no limit. */
export function parseRateLimit(value: string | undefined): RateLimitConfig | null {
  if (!value || value === 'off') return null;
  const match = /^(\d+)\/(\d+)$/.exec(value.trim());
  if (!match) throw new Error(`MERCATO_RATE_LIMIT must look like 600/60 (requests/seconds) or off, not ${value}`);
  return { max: Number(match[1]), windowMs: Number(match[2]) * 1000 };
}

