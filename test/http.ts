import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import type { Database } from '../src/db/client.js';
import { withTx } from '../src/db/tx.js';
import { seedDemo } from '../src/seed/demo.js';
import { DEMO_PASSWORD } from '../src/seed/demo-id.js';
import { inProcessBus, type EventBus } from '../src/events/bus.js';

const buses = new WeakMap<FastifyInstance, EventBus>();

export async function testApp(database: Database, options: { seed?: boolean } = {}): Promise<FastifyInstance> {
  if (options.seed) await withTx(database.db, (tx) => seedDemo(tx));
  const bus = inProcessBus();
  const app = await buildApp({ config: { ...loadConfig({}), bodyLimitBytes: 64 * 1024 }, database, bus, logger: false });
  await app.ready();
  buses.set(app, bus);
  return app;
}

/** The in-process bus of a test app: publish outbox events to it to drive subscribers. */
export function busOf(app: FastifyInstance): EventBus {
  const bus = buses.get(app);
  if (!bus) throw new Error('not a test app');
  return bus;
}

/** Signs a demo account in and returns its bearer token. */
export async function signInAs(app: FastifyInstance, email: string, password = DEMO_PASSWORD): Promise<string> {
  const response = await app.inject({ method: 'POST', url: '/v1/sessions', payload: { email, password } });
  if (response.statusCode !== 201) throw new Error(`sign-in of ${email} failed: ${response.statusCode} ${response.body}`);
  return response.json().token as string;
}

export function auth(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}` };
}

export function expectProblem(response: LightMyRequestResponse, status: number, code: string): Record<string, any> {
  const body = response.json();
  if (response.statusCode !== status || body.code !== code || !String(response.headers['content-type']).startsWith('application/problem+json')) {
    throw new Error(`expected ${status} ${code} as problem+json, got ${response.statusCode} ${response.headers['content-type']} ${response.body}`);
  }
  return body;
}
