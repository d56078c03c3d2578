import { describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { sql } from 'drizzle-orm';
import { backends, freshDatabase } from '../../test/db.js';
import { startReceiver } from '../../test/receiver.js';
import { withTx } from '../db/tx.js';
import { recordEvent } from '../events/index.js';
import { createSubscription } from './service.js';

const OPERATOR = { accountId: '00000000-0000-0000-0000-000000000001', email: 'op@example.org', role: 'operator' as const, merchantId: null, locationId: null };

/** `mercato serve` as its own process on the test's PostgreSQL database. */
function startServer(url: string, port: number): { child: ChildProcess; log: () => string } {
  const child = spawn(process.execPath, ['bin/mercato.js', 'serve'], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: url, NATS_URL: '', LOG_LEVEL: 'info', MERCATO_WEBHOOK_LEASE_MS: '1500', MERCATO_WEBHOOK_TIMEOUT_MS: '30000' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout!.on('data', (chunk) => { log += chunk; });
  child.stderr!.on('data', (chunk) => { log += chunk; });
  return { child, log: () => log };
}

async function waitFor(what: string, condition: () => boolean | Promise<boolean>, log: () => string, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n${log()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe.skipIf(!backends().includes('postgres'))('webhooks across a crash [postgres]', () => {
  it('loses nothing when the server is killed mid-delivery: the next process sends it once its lease lapses', async () => {
    const database = await freshDatabase('postgres');
    // The first request hangs (the server is killed while waiting for it); later ones succeed.
    const receiver = await startReceiver((_path, nth) => (nth === 1 ? 0 : 200));
    const servers: ChildProcess[] = [];
    try {
      await withTx(database.db, async (tx) => {
        await createSubscription(tx, OPERATOR, { url: receiver.url('/erp'), topics: ['order.paid'] });
        const { rows: [order] } = await tx.execute(sql`insert into orders (channel, currency, total_minor, status) values ('web', 'EUR', 4200, 'paid') returning id`);
        await recordEvent(tx, 'order.paid', String(order.id), { orderId: String(order.id), from: 'pending_payment', to: 'paid' });
      });
      // Events are written when their transaction commits.
      const { rows: [event] } = await database.db.execute(sql`select event_id from outbox order by id desc limit 1`);
      const eventId = String(event.event_id);

      const first = startServer(database.url!, 3900 + Math.floor(Math.random() * 50));
      servers.push(first.child);
      await waitFor('the first attempt to reach the receiver', () => receiver.received.length === 1, first.log);
      first.child.kill('SIGKILL');
      await new Promise((resolve) => first.child.once('exit', resolve));
      const { rows: [mid] } = await database.db.execute(sql`select status, attempts from webhook_deliveries`);
      expect(mid).toMatchObject({ status: 'delivering', attempts: 1 });

      const second = startServer(database.url!, 3950 + Math.floor(Math.random() * 50));
      servers.push(second.child);
      await waitFor('the delivery to succeed', async () => {
        const { rows } = await database.db.execute(sql`select status from webhook_deliveries`);
        return rows[0]?.status === 'succeeded';
      }, second.log);
      expect(receiver.accepted('/erp').map((r) => r.headers['mercato-event-id'])).toEqual([eventId]);
      const { rows: [done] } = await database.db.execute(sql`select status, attempts, last_status_code from webhook_deliveries`);
      expect(done).toMatchObject({ status: 'succeeded', attempts: 2, last_status_code: 200 });
    } finally {
      for (const child of servers) if (child.exitCode === null) child.kill('SIGKILL');
      await receiver.close();
      await database.close();
    }
  }, 120_000);
});
