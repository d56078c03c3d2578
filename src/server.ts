import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.js';
import type { Config } from './config.js';
import { openDatabase, type Database } from './db/client.js';
import { migrate } from './db/migrate.js';
import { hasDemoAccounts, isEmpty, seedDemo } from './seed/demo.js';
import { assertPortFree, checkSecret, listenError, startupBanner } from './startup.js';
import { withTx } from './db/tx.js';
import { inProcessBus, natsBus, startDispatcher } from './events/index.js';
import { fanOutToWebhooks, startWebhookWorker, DEFAULT_POLICY } from './webhooks/index.js';
import { warmSearchIndex } from './catalog/index.js';

export async function openConfiguredDatabase(config: Config): Promise<Database> {
  return openDatabase({ url: config.databaseUrl, dataDir: config.databaseUrl ? undefined : config.dataDir });
}

export interface Running {
  app: FastifyInstance;
  database: Database;
  stop(): Promise<void>;
}

/**
 * Opens the database, applies migrations, optionally seeds demo data into an empty database,
 * and listens. SIGTERM/SIGINT stop accepting, let in-flight requests finish, then close the DB.
 */
export async function serve(config: Config, options: { seedWhenEmpty: boolean }): Promise<Running> {
  // Both checks fail fast, before a database is opened or migrated.
  const secretWarning = checkSecret(config);
  await assertPortFree(config.port, config.host);
  const database = await openConfiguredDatabase(config);
  await migrate(database);
  const bus = config.natsUrl ? await natsBus(config.natsUrl) : inProcessBus();
  const app = await buildApp({ config, database, bus });
  if (options.seedWhenEmpty && (await isEmpty(database.db))) {
    const summary = await withTx(database.db, (tx) => seedDemo(tx));
    app.log.info({ seeded: summary }, 'empty database: demo data seeded');
  }
  const dispatcher = startDispatcher(database.db, bus, { inDispatch: fanOutToWebhooks, onError: (error) => app.log.warn({ err: error }, 'outbox dispatch failed; will retry') });
  const webhooks = startWebhookWorker(database.db, { ...DEFAULT_POLICY, ...config.webhooks }, {
    onError: (error) => app.log.warn({ err: error }, 'webhook delivery pass failed; will retry'),
    onOutcome: (delivery, status, result) => {
      app.metrics.webhookAttempt(status);
      app.log.info({ deliveryId: delivery.id, topic: delivery.topic, attempt: delivery.attempt, status, statusCode: result.statusCode, error: result.error }, 'webhook attempt');
    },
  });
  let address: string;
  try {
    address = await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    await dispatcher.stop();
    await webhooks.stop();
    await app.close();
    await bus.close();
    await database.close();
    throw listenError(error as NodeJS.ErrnoException, config.port, config.host);
  }
  if (secretWarning) app.log.warn(secretWarning);
  process.stdout.write(startupBanner({
    config, address, database: database.kind === 'pglite' ? `PGlite (${config.dataDir})` : 'PostgreSQL (DATABASE_URL)',
    events: config.natsUrl ? 'NATS JetStream (NATS_URL)' : 'in-process', demo: await hasDemoAccounts(database.db), secretWarning,
  }));
  app.log.info({ database: database.kind, dataDir: database.kind === 'pglite' ? config.dataDir : undefined, events: config.natsUrl ? 'nats' : 'in-process' }, 'mercato is serving');
  // The search index is built now, in the background, rather than by the first search (a large
  // catalogue takes seconds); a failure only means the first search builds it.
  warmSearchIndex(database.db).catch((error) => app.log.warn({ err: error }, 'search index not built at start; the first search will build it'));

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      app.log.info('shutting down: finishing in-flight requests');
      await app.close();
      await dispatcher.stop();
      await webhooks.stop();
      await bus.close();
      await database.close();
    })();
    return stopping;
  };
  const onSignal = (signal: string) => {
    app.log.info({ signal }, 'signal received');
    stop().then(() => process.exit(0), (error) => { app.log.error({ err: error }, 'shutdown failed'); process.exit(1); });
  };
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
  return { app, database, stop };
}
