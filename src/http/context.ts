import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Database } from '../db/client.js';
import type { Config } from '../config.js';
import type { EventBus } from '../events/bus.js';

/** What every domain's routes plugin receives: explicit, no globals. */
export interface AppContext {
  database: Database;
  config: Config;
  /** Published domain events (after commit, via the outbox dispatcher). */
  bus: EventBus;
}

export type Api = FastifyInstance<any, any, any, any, TypeBoxTypeProvider>;

export type RoutesPlugin = (app: Api, ctx: AppContext) => Promise<void> | void;
