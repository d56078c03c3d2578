import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { describeEachBackend } from '../../test/db.js';
import { migrate } from './migrate.js';
import { pgCode, withTx } from './tx.js';
import { merchants } from '../merchants/schema.js';

const newMerchant = { legalName: 'Tx Test S.L.', country: 'ES', kind: 'reseller', settlementCurrency: 'EUR' } as const;

describeEachBackend('data layer', (use) => {
  it('has every migration applied, and applying again changes nothing', async () => {
    const { rows } = await use().db.execute(sql`select name from mercato_migrations order by name`);
    expect(rows.map((r: any) => r.name)).toContain('0200_identity.sql');
    expect(await migrate(use())).toEqual([]);
  });

  it('commits every write of a transaction together', async () => {
    await withTx(use().db, async (tx) => {
      await tx.insert(merchants).values({ ...newMerchant, legalName: 'Committed A' });
      await tx.insert(merchants).values({ ...newMerchant, legalName: 'Committed B' });
    });
    const rows = await use().db.select().from(merchants).where(sql`legal_name like 'Committed %'`);
    expect(rows).toHaveLength(2);
  });

  it('leaves nothing behind when the work fails half-way', async () => {
    await expect(withTx(use().db, async (tx) => {
      await tx.insert(merchants).values({ ...newMerchant, legalName: 'Half-done' });
      throw new Error('fails after the first write');
    })).rejects.toThrow('fails after the first write');
    const rows = await use().db.select().from(merchants).where(sql`legal_name = 'Half-done'`);
    expect(rows).toHaveLength(0);
  });

  it('enforces CHECK constraints in the database, not only in code', async () => {
    const failure = await use().db.insert(merchants).values({ ...newMerchant, commissionBps: 20_000 }).catch((e) => e);
    expect(pgCode(failure)).toBe('23514');
  });

  it('retries a transaction that hits a serialization failure', async () => {
    let attempts = 0;
    const result = await withTx(use().db, async (tx) => {
      attempts++;
      if (attempts === 1) await tx.execute(sql`do $$ begin raise exception using errcode = '40001', message = 'simulated'; end $$`);
      return 'done';
    });
    expect(result).toBe('done');
    expect(attempts).toBe(2);
  });
});

describe('migrations', () => {
  it('refuses a migration file name outside the NNNN_name.sql form', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'mig-'));
    writeFileSync(join(dir, 'bad name.sql'), 'select 1');
    const calls: string[] = [];
    const fake = { runScript: async (s: string) => { calls.push(s); }, db: { execute: async () => ({ rows: [] }) } } as any;
    await expect(migrate(fake, dir)).rejects.toThrow('NNNN_name.sql');
  });
});
