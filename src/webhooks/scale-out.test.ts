import { describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { sql } from 'drizzle-orm';
import { backends, freshDatabase } from '../../test/db.js';
import { startReceiver } from '../../test/receiver.js';
import { withTx } from '../db/tx.js';
import { recordEvent } from '../events/index.js';
import { createSubscription } from './service.js';

const OPERATOR = { accountId: '00000000-0000-0000-0000-000000000001', email: 'op@example.org', role: 'operator' as const, merchantId: null, locationId: null };

/**
 * Two `mercato serve` processes on one PostgreSQL database, each running the outbox dispatcher
 * and the webhook worker: every event reaches the receiver exactly once, with retries shared
 * between the processes.
 */
describe.skipIf(!backends().includes('postgres'))('two server processes [postgres]', () => {
  it('deliver every webhook once between them, retries included', async () => {
    const database = await freshDatabase('postgres');
    // Every fourth request fails: those deliveries are retried, by either process.
    const receiver = await startReceiver((_path, nth) => (nth % 4 === 1 ? 503 : 200));
    const servers: ChildProcess[] = [];
    let log = '';
    try {
      await withTx(database.db, async (tx) => {
        await createSubscription(tx, OPERATOR, { url: receiver.url('/erp'), topics: ['order.paid'] });
      });
      for (let i = 0; i < 2; i++) {
        const child = spawn(process.execPath, ['bin/mercato.js', 'serve'], {
          env: { ...process.env, PORT: String(4100 + i + Math.floor(Math.random() * 200) * 2), HOST: '127.0.0.1', DATABASE_URL: database.url!, NATS_URL: '', LOG_LEVEL: 'warn', MERCATO_WEBHOOK_RETRY_BASE_MS: '50' },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        child.stdout!.on('data', (c) => { log += c; });
        child.stderr!.on('data', (c) => { log += c; });
        servers.push(child);
      }
      const events = 60;
      await withTx(database.db, async (tx) => {
        const { rows: [order] } = await tx.execute(sql`insert into orders (channel, currency, total_minor, status) values ('web', 'EUR', 100, 'paid') returning id`);
        for (let i = 0; i < events; i++) await recordEvent(tx, 'order.paid', String(order.id), { orderId: String(order.id), from: 'pending_payment', to: 'paid' });
      });
      const deadline = Date.now() + 90_000;
      for (;;) {
        const { rows } = await database.db.execute(sql`select count(*) filter (where status = 'succeeded') as done, count(*) as all from webhook_deliveries`);
        if (Number(rows[0].done) === events) break;
        if (Date.now() > deadline || servers.some((s) => s.exitCode !== null)) throw new Error(`not delivered in time (${JSON.stringify(rows[0])})\n${log}`);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      const ids = receiver.accepted('/erp').map((r) => String(r.headers['mercato-event-id']));
      expect(ids).toHaveLength(events);
      expect(new Set(ids).size).toBe(events);
      expect(receiver.received.filter((r) => r.status === 503).length).toBeGreaterThan(0); // retries happened
      const { rows: [outbox] } = await database.db.execute(sql`select count(*) filter (where published_at is null) as pending from outbox`);
      expect(Number(outbox.pending)).toBe(0);
    } finally {
      for (const child of servers) if (child.exitCode === null) child.kill('SIGKILL');
      await receiver.close();
      await database.close();
    }
  }, 150_000);
});
