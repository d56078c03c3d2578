import type { FastifyInstance } from 'fastify';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { sql } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { DomainError } from './problem.js';
import { PUBLIC } from './auth.js';

/**
 * Prometheus metrics of one app (one registry per app, so tests can build many). Scraped at
 * GET /metrics; set MERCATO_METRICS_TOKEN to require `Authorization: Bearer <token>` there.
 */
export interface AppMetrics {
  registry: Registry;
  /** The webhook worker reports each attempt's outcome here. */
  webhookAttempt(outcome: string): void;
}

declare module 'fastify' {
  interface FastifyInstance {
    metrics: AppMetrics;
  }
}

const CHECKOUT_ROUTE = /^\/v1\/carts\/:cartId\/checkout$|^\/v1\/till\/baskets\/:basketId\/payment$/;

export function installMetrics(app: FastifyInstance, database: Database, options: { token?: string; defaultMetrics?: boolean } = {}): AppMetrics {
  const registry = new Registry();
  if (options.defaultMetrics !== false) collectDefaultMetrics({ register: registry, prefix: 'mercato_' });

  const httpDuration = new Histogram({
    name: 'mercato_http_request_duration_seconds', help: 'HTTP request latency by route template, method and status',
    labelNames: ['method', 'route', 'status_code'] as const, registers: [registry],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  });
  const checkouts = new Counter({ name: 'mercato_checkouts_total', help: 'Checkout and till-sale answers: placed (2xx) or refused (status class)', labelNames: ['outcome'] as const, registers: [registry] });
  const soldOut = new Counter({ name: 'mercato_sold_out_answers_total', help: 'Answers that said sold out (inventory.sold_out), by route', labelNames: ['route'] as const, registers: [registry] });
  const webhookAttempts = new Counter({ name: 'mercato_webhook_attempts_total', help: 'Webhook delivery attempts of this process by outcome (succeeded, pending = will retry, dead, superseded)', labelNames: ['outcome'] as const, registers: [registry] });

  new Gauge({
    name: 'mercato_db_pool_connections', help: 'PostgreSQL pool connections by state (absent on PGlite)', labelNames: ['state'] as const, registers: [registry],
    collect() {
      const stats = database.poolStats();
      if (!stats) return;
      this.set({ state: 'total' }, stats.total);
      this.set({ state: 'idle' }, stats.idle);
      this.set({ state: 'waiting' }, stats.waiting);
      this.set({ state: 'max' }, stats.max);
    },
  });
  new Gauge({
    name: 'mercato_outbox_unpublished_events', help: 'Domain events committed but not yet dispatched', registers: [registry],
    async collect() { this.set(Number((await database.db.execute(sql`select count(*) as n from outbox where published_at is null`)).rows[0].n)); },
  });
  new Gauge({
    name: 'mercato_outbox_lag_seconds', help: 'Age of the oldest undispatched domain event (0 when none)', registers: [registry],
    async collect() {
      const { rows } = await database.db.execute(sql`select coalesce(extract(epoch from now() - min(created_at)), 0) as lag from outbox where published_at is null`);
      this.set(Number(rows[0].lag));
    },
  });
  new Gauge({
    name: 'mercato_webhook_deliveries', help: 'Webhook deliveries waiting (pending, delivering) or dead-lettered', labelNames: ['status'] as const, registers: [registry],
    async collect() {
      const { rows } = await database.db.execute(sql`
        select (select count(*) from webhook_deliveries where status = 'pending') as pending,
               (select count(*) from webhook_deliveries where status = 'delivering') as delivering,
               (select count(*) from webhook_deliveries where status = 'dead') as dead`);
      for (const status of ['pending', 'delivering', 'dead'] as const) this.set({ status }, Number(rows[0][status]));
    },
  });

  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? '<unmatched>';
    httpDuration.observe({ method: request.method, route, status_code: String(reply.statusCode) }, reply.elapsedTime / 1000);
    if (request.method === 'POST' && CHECKOUT_ROUTE.test(route)) {
      checkouts.inc({ outcome: reply.statusCode < 300 ? 'placed' : `refused_${Math.floor(reply.statusCode / 100)}xx` });
    }
  });
  app.addHook('onError', async (request, _reply, error) => {
    if (error instanceof DomainError && error.code === 'inventory.sold_out') soldOut.inc({ route: request.routeOptions.url ?? '<unmatched>' });
  });

  app.get('/metrics', { schema: { hide: true }, config: { access: PUBLIC } }, async (request, reply) => {
    if (options.token && request.headers.authorization !== `Bearer ${options.token}`) {
      throw new DomainError('http.unauthenticated', 'GET /metrics needs Authorization: Bearer <MERCATO_METRICS_TOKEN>');
    }
    return reply.type(registry.contentType).send(await registry.metrics());
  });

  const metrics: AppMetrics = { registry, webhookAttempt: (outcome) => webhookAttempts.inc({ outcome }) };
  app.decorate('metrics', metrics);
  return metrics;
}
