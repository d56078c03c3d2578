import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { QUICK, benchDatabase, summarise } from './harness.js';
import type { Benchmark } from './run.js';
import { withTx } from '../src/db/tx.js';
import { createAccount, startSession } from '../src/identity/service.js';
import { HOME, SKUS, checkoutFixture } from './checkout-fixture.js';

/** Concurrent shoppers, each signed in (fetch keeps its connections alive, as pgbench's clients do). */
const CLIENTS = 64;
const PORT = 3931;
const BASE = `http://127.0.0.1:${PORT}`;

/** The real server, compiled from this tree (a stale build would carry stale migrations), in its own process, on the bench database. */
async function startServer(url: string): Promise<ChildProcess> {
  execFileSync('npm', ['run', 'build:server', '--silent'], { stdio: 'inherit' });
  const child = spawn(process.execPath, ['bin/mercato.js', 'serve'], {
    env: { ...process.env, PORT: String(PORT), HOST: '127.0.0.1', DATABASE_URL: url, LOG_LEVEL: 'warn', NATS_URL: '' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${BASE}/readyz`)).status === 200) return child;
    } catch { /* not listening yet */ }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function stopServer(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

export const benchmark: Benchmark = {
  name: 'checkout-http',
  clients: [CLIENTS],
  async run(ceiling) {
    const bench = await benchDatabase('checkouthttp', 8);
    let server: ChildProcess | undefined;
    try {
      const { database } = bench;
      const tokens: string[] = [];
      const { warehouse, skuIds } = await checkoutFixture(database, CLIENTS, async (i) => {
        const account = await withTx(database.db, (tx) => createAccount(tx, { email: `http${i}@mercato.test`, password: 'bench shopper password', displayName: `HTTP ${i}`, role: 'shopper' }));
        tokens.push((await withTx(database.db, (tx) => startSession(tx, account, { ip: '127.0.0.1' }))).token);
        return { accountId: account.id, email: account.email, role: 'shopper', merchantId: null, locationId: null };
      });
      server = await startServer(bench.url);
      const optionId = `standard_shipping:${warehouse.id}`;

      const latency: Record<'cart' | 'line' | 'options' | 'checkout' | 'order', number[]> = { cart: [], line: [], options: [], checkout: [], order: [] };
      const failures: Record<string, number> = {};
      const call = async (kind: keyof typeof latency, token: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
        const t0 = performance.now();
        const response = await fetch(`${BASE}${path}`, {
          method, headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}), ...headers },
          body: body ? JSON.stringify(body) : undefined,
        });
        const text = await response.text();
        latency[kind].push(performance.now() - t0);
        if (response.status >= 300) throw new Error(`${kind} ${response.status} ${text.slice(0, 120)}`);
        return text ? JSON.parse(text) : null;
      };
      let seed = 7;
      const random = () => { seed = (seed * 1103515245 + 12345) % 2 ** 31; return seed / 2 ** 31; };
      const shop = async (client: number, iteration: number) => {
        const token = tokens[client];
        const { cartId } = await call('cart', token, 'POST', '/v1/carts', { channel: 'app', currency: 'EUR' });
        const lines = new Set<string>();
        while (lines.size < 3) lines.add(skuIds[Math.floor(random() * skuIds.length)]);
        for (const skuId of lines) await call('line', token, 'POST', `/v1/carts/${cartId}/lines`, { skuId, quantity: 1 + Math.floor(random() * 2) });
        await call('options', token, 'GET', `/v1/carts/${cartId}/fulfilment-options?lat=${HOME.latitude}&lon=${HOME.longitude}&country=ES`);
        await call('checkout', token, 'POST', `/v1/carts/${cartId}/checkout`, { optionId, destination: HOME, payment: { provider: 'wallet' } }, { 'idempotency-key': `bench-${client}-${iteration}` });
      };

      // One order per shopper first, not counted: route schemas compile on first use and the
      // server's caches and connections warm up.
      await Promise.all(Array.from({ length: CLIENTS }, (_, client) => shop(client, -1).catch(() => {})));
      for (const kind of Object.keys(latency) as Array<keyof typeof latency>) latency[kind].length = 0;

      const seconds = QUICK ? 5 : 20;
      const deadline = performance.now() + seconds * 1000;
      const started = performance.now();
      let orders = 0;
      await Promise.all(Array.from({ length: CLIENTS }, async (_, client) => {
        for (let i = 0; performance.now() < deadline; i++) {
          const t0 = performance.now();
          try {
            await shop(client, i);
            orders++;
            latency.order.push(performance.now() - t0);
          } catch (error) {
            const key = String((error as Error).message).slice(0, 60);
            failures[key] = (failures[key] ?? 0) + 1;
          }
        }
      }));
      const elapsed = (performance.now() - started) / 1000;
      const ordersPerSecond = Math.round(orders / elapsed);
      return {
        clients: CLIENTS, skus: SKUS, seconds: Math.round(elapsed * 10) / 10,
        path: 'signed-in shopper: POST /v1/carts, 3 × POST lines, GET fulfilment-options, POST checkout with Idempotency-Key (wallet), each over HTTP to `mercato serve` on PostgreSQL',
        ordersPerSecond, orders, failures,
        ratioToPgbench: Math.round((ordersPerSecond / ceiling[CLIENTS].tps) * 1000) / 1000,
        requests: {
          openCart: summarise(latency.cart), addLine: summarise(latency.line), fulfilmentOptions: summarise(latency.options),
          checkout: summarise(latency.checkout), wholeOrder: summarise(latency.order),
        },
      };
    } finally {
      if (server) await stopServer(server);
      await bench.drop();
    }
  },
};
