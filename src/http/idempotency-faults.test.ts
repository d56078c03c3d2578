import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describeEachBackend } from '../../test/db.js';
import { auth, signInAs } from '../../test/http.js';
import { openStore, sellableSku, stock, topUp } from '../../test/commerce.js';
import { buildApp } from '../app.js';
import { loadConfig } from '../config.js';
import { withTx } from '../db/tx.js';
import { seedDemo } from '../seed/demo.js';
import { demoId } from '../seed/demo-id.js';
import { walletBalance } from '../payments/index.js';
import { lifeLockName, requestFingerprint, thisInstance } from './idempotency.js';

const aurelia = demoId('merchant:casa-aurelia');
const carmenId = demoId('account:carmen@mercato.test');
// Burgos: far from the demo stores and from other test files' stores.
const HOME = { latitude: 42.34399, longitude: -3.69691, country: 'ES' };

describeEachBackend('idempotent POSTs across faults', (use, kind) => {
  let app: FastifyInstance;
  let carmen: string;
  let bag: { skuId: string };
  let url: string | undefined;
  /** Set by a test: the next answer is lost after the work committed (the backend is killed on PostgreSQL). */
  let dropNextAnswer = false;

  async function loseTheAnswer(request: FastifyRequest): Promise<void> {
    if (!dropNextAnswer || !request.url.endsWith('/checkout')) return;
    dropNextAnswer = false;
    if (url) {
      const killer = new pg.Client({ connectionString: url });
      await killer.connect();
      await killer.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()');
      await killer.end();
    }
    throw new Error('connection lost between commit and answer');
  }

  beforeAll(async () => {
    const database = use();
    url = (database as { url?: string }).url;
    await withTx(database.db, (tx) => seedDemo(tx));
    app = await buildApp({ config: { ...loadConfig({}), bodyLimitBytes: 64 * 1024 }, database, logger: false });
    // After the handler (so after the work committed), before the answer: where an answer gets lost.
    app.addHook('preSerialization', async (request, _reply, payload) => { await loseTheAnswer(request); return payload; });
    app.addHook('onSend', async (request, _reply, payload) => { await loseTheAnswer(request); return payload; });
    await app.ready();
    bag = await withTx(database.db, async (tx) => {
      const near = await openStore(tx, { latitude: HOME.latitude + 0.01, longitude: HOME.longitude, city: 'Burgos' });
      const bag = await sellableSku(tx, { merchantId: aurelia, priceMinor: 7_000 });
      await stock(tx, near.id, bag.skuId, 50);
      await topUp(tx, carmenId, 1_000_000);
      return bag;
    });
    carmen = await signInAs(app, 'carmen@mercato.test');
  });
  afterAll(() => app.close());

  async function readyCart(): Promise<{ cartId: string; optionId: string }> {
    const { cartId } = (await app.inject({ method: 'POST', url: '/v1/carts', headers: auth(carmen), payload: { channel: 'app', currency: 'EUR' } })).json();
    await app.inject({ method: 'PUT', url: `/v1/carts/${cartId}/lines/${bag.skuId}`, headers: auth(carmen), payload: { quantity: 1 } });
    const offered = (await app.inject({ url: `/v1/carts/${cartId}/fulfilment-options?lat=${HOME.latitude}&lon=${HOME.longitude}&country=ES`, headers: auth(carmen) })).json();
    return { cartId, optionId: offered.options.find((o: any) => o.kind === 'express_delivery').id };
  }

  const checkout = (cartId: string, optionId: string, key: string) => app.inject({
    method: 'POST', url: `/v1/carts/${cartId}/checkout`, headers: { ...auth(carmen), 'idempotency-key': key },
    payload: { optionId, destination: HOME, payment: { provider: 'wallet' } },
  });

  const ordersOfCart = async (cartId: string) => Number((await use().db.execute(sql`select count(*)::int as n from orders where cart_id = ${cartId}`)).rows[0].n);

  it(`replays the first 201 when the answer was lost after commit${kind === 'postgres' ? ' (backend terminated from a second connection)' : ''}; no second charge`, async () => {
    const { cartId, optionId } = await readyCart();
    const before = await walletBalance(use().db, carmenId, 'EUR');
    dropNextAnswer = true;
    const lost = await checkout(cartId, optionId, `lost-${cartId}`);
    expect(lost.statusCode).toBeGreaterThanOrEqual(500);
    expect(lost.headers['content-type']).toMatch(/^application\/problem\+json/);

    const retried = await checkout(cartId, optionId, `lost-${cartId}`);
    expect(retried.statusCode, retried.body).toBe(201);
    expect(retried.headers['idempotent-replayed']).toBe('true');
    const order = retried.json();
    expect(order.status).toBe('paid');
    expect(await ordersOfCart(cartId)).toBe(1);
    expect(String((await use().db.execute(sql`select id from orders where cart_id = ${cartId}`)).rows[0].id)).toBe(order.orderId);
    expect(await walletBalance(use().db, carmenId, 'EUR')).toBe(before - order.totalMinor);
  });

  it('gives concurrent checkouts with one key one order, every answer the same 201', async () => {
    const { cartId, optionId } = await readyCart();
    const before = await walletBalance(use().db, carmenId, 'EUR');
    const answers = await Promise.all(Array.from({ length: 6 }, () => checkout(cartId, optionId, `burst-${cartId}`)));
    expect(answers.map((a) => a.statusCode)).toEqual(Array(6).fill(201));
    expect(new Set(answers.map((a) => a.json().orderId)).size).toBe(1);
    expect(await ordersOfCart(cartId)).toBe(1);
    expect(await walletBalance(use().db, carmenId, 'EUR')).toBe(before - answers[0].json().totalMinor);
  });

  it('replays a wallet payment and a top-up byte for byte from the answer stored with the work, charging once', async () => {
    const before = await walletBalance(use().db, carmenId, 'EUR');
    const pay = () => app.inject({ method: 'POST', url: '/v1/wallet/payments', headers: { ...auth(carmen), 'idempotency-key': `pay-${kind}` }, payload: { amountMinor: 1_234, currency: 'EUR' } });
    const [first, second] = [await pay(), await pay()];
    expect(first.statusCode, first.body).toBe(201);
    expect(second.statusCode).toBe(201);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(second.body).toBe(first.body);
    expect(await walletBalance(use().db, carmenId, 'EUR')).toBe(before - 1_234);

    const topUp = () => app.inject({ method: 'POST', url: '/v1/wallet/top-ups', headers: { ...auth(carmen), 'idempotency-key': `top-up-${kind}` }, payload: { amountMinor: 5_000, currency: 'EUR', provider: 'card_sandbox', cardNumber: '4242424242424242' } });
    const [a, b] = [await topUp(), await topUp()];
    expect(a.statusCode, a.body).toBe(201);
    expect(b.headers['idempotent-replayed']).toBe('true');
    expect(b.body).toBe(a.body);
    const { rows } = await use().db.execute(sql`select count(*)::int as n from payment_intents where account_id = ${carmenId} and purpose = 'top_up' and amount_minor = 5000`);
    expect(rows[0].n).toBe(1);
  });

  const newCart = { channel: 'app', currency: 'EUR' };
  const claimLeftBy = async (owner: string, key: string) => use().db.execute(sql`
    insert into idempotency_keys (scope, key, request_hash, method, path, owner)
    values (${`account:${carmenId}`}, ${key}, ${requestFingerprint('POST', '/v1/carts', newCart)}, 'POST', '/v1/carts', ${owner})`);
  const createCart = (key: string) => app.inject({ method: 'POST', url: '/v1/carts', headers: { ...auth(carmen), 'idempotency-key': key }, payload: newCart });

  it('lets a retry proceed at once when the process that claimed the key died (kill -9)', async () => {
    await claimLeftBy('a-process-that-was-killed', 'cart-after-kill');
    const retried = await createCart('cart-after-kill');
    expect(retried.statusCode, retried.body).toBe(201);
    expect((await createCart('cart-after-kill')).headers['idempotent-replayed']).toBe('true');
  });

  it('lets a retry proceed at once when this process\'s request failed without answering (database fault)', async () => {
    await claimLeftBy(thisInstance(), 'cart-after-fault');
    expect((await createCart('cart-after-fault')).statusCode).toBe(201);
  });

  it.skipIf(kind !== 'postgres')('keeps a key claimed while the claiming process is alive, and frees it when that process dies', async () => {
    const otherProcess = new pg.Client({ connectionString: url });
    await otherProcess.connect();
    await otherProcess.query('select pg_advisory_lock(hashtextextended($1, 0))', [lifeLockName('other-process')]);
    await claimLeftBy('other-process', 'cart-other-process');
    const busy = await createCart('cart-other-process');
    expect(busy.statusCode).toBe(409);
    expect(busy.json().code).toBe('http.idempotency_in_progress');
    await otherProcess.end(); // the process dies: the server drops its lock with the connection
    expect((await createCart('cart-other-process')).statusCode).toBe(201);
  });

  it.skipIf(kind !== 'postgres')('frees the keys of a process killed with SIGKILL at once (its life lock goes with its connection)', async () => {
    // A real second process holding its life lock the way the server does.
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', `
      import { openDatabase } from './src/db/client.ts';
      const database = await openDatabase({ url: process.env.LIFE_LOCK_URL, poolSize: 1 });
      await database.holdLifeLock(${JSON.stringify(lifeLockName('killed-process'))});
      process.stdout.write('holding');
      setInterval(() => {}, 1000);`], { cwd: fileURLToPath(new URL('../..', import.meta.url)), env: { ...process.env, LIFE_LOCK_URL: url }, stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => { if (chunk.toString().includes('holding')) resolve(); });
      child.on('exit', (code) => reject(new Error(`child exited with ${code}`)));
    });
    await claimLeftBy('killed-process', 'cart-kill-9');
    expect((await createCart('cart-kill-9')).statusCode).toBe(409);
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    const killedAt = Date.now();
    let retried = await createCart('cart-kill-9');
    // The server notices the closed socket within moments; a few quick retries at most.
    while (retried.statusCode === 409 && Date.now() - killedAt < 5_000) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      retried = await createCart('cart-kill-9');
    }
    expect(retried.statusCode, retried.body).toBe(201);
    expect(Date.now() - killedAt).toBeLessThan(5_000);
  });

  it.skipIf(kind !== 'postgres')('leaves nothing locked when a checkout\'s backend is terminated mid-transaction: the retry runs at once', async () => {
    const { cartId, optionId } = await readyCart();
    const blocker = new pg.Client({ connectionString: url });
    await blocker.connect();
    await blocker.query('begin');
    await blocker.query('select id from carts where id = $1 for update', [cartId]);
    const first = checkout(cartId, optionId, `fault-${cartId}`);
    // Wait until the checkout waits on the cart row, then kill its backend: a database fault mid-work.
    for (let i = 0; i < 100; i++) {
      const { rows } = await blocker.query(`select pid from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock' and pid <> pg_backend_pid()`);
      if (rows.length > 0) {
        await blocker.query('select pg_terminate_backend($1)', [rows[0].pid]);
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const failed = await first;
    expect(failed.statusCode, failed.body).toBe(503);
    expect(failed.headers['retry-after']).toBeDefined();
    await blocker.query('rollback');
    await blocker.end();
    const retried = await checkout(cartId, optionId, `fault-${cartId}`);
    expect(retried.statusCode, retried.body).toBe(201);
    expect(retried.headers['idempotent-replayed']).toBeUndefined();
    expect(await ordersOfCart(cartId)).toBe(1);
  });
});
