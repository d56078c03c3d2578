import { beforeAll, expect, it, vi } from 'vitest';
import { sql } from 'drizzle-orm';
import { describeEachBackend } from '../../test/db.js';
import { withTx } from '../db/tx.js';
import { seedDemo } from '../seed/demo.js';
import { ledgerCheckCommand } from './cli.js';

describeEachBackend('mercato ledger check', (use) => {
  beforeAll(async () => { await withTx(use().db, (tx) => seedDemo(tx)); });

  it('exits 0 on the seeded ledger and 1 once history is corrupted behind the database\'s back', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    try {
      expect(await ledgerCheckCommand(use())).toBe(0);
      expect(log.mock.calls.at(-1)?.[0]).toMatch(/ok: every invariant holds/);
      // Only a superuser switching triggers off could do this; the check still sees it.
      await withTx(use().db, async (tx) => {
        await tx.execute(sql`set local session_replication_role = replica`);
        await tx.execute(sql`insert into journal_lines (entry_id, account_id, currency, amount_minor)
          select l.entry_id, l.account_id, l.currency, 1 from journal_lines l join ledger_accounts a on a.id = l.account_id where a.kind = 'shopper_wallet' limit 1`);
      });
      expect(await ledgerCheckCommand(use())).toBe(1);
      const output = String(log.mock.calls.at(-1)?.[0]);
      expect(output).toMatch(/every entry sums to zero per currency: entry \d+ sums to 1 /);
      expect(output).toMatch(/a wallet balance equals the sum of its lines/);
    } finally {
      log.mockRestore();
    }
  });
});
