import { describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { backends } from '../../test/db.js';
import { withDatabase } from '../../test/global-setup.js';
import { openDatabase } from './client.js';
import { migrate, MigrationError } from './migrate.js';

describe('migration order and checksums', () => {
  it('records a checksum, and reports a changed file, a missing file and a new file that sorts before an applied one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mig-order-'));
    writeFileSync(join(dir, '0001_a.sql'), 'create table a (id int);');
    writeFileSync(join(dir, '0003_c.sql'), 'create table c (id int);');
    const database = await openDatabase({});
    try {
      expect(await migrate(database, dir)).toEqual(['0001_a.sql', '0003_c.sql']);
      const { rows } = await database.db.execute(sql`select name, checksum from mercato_migrations order by name`);
      expect(rows.map((r) => r.checksum)).toEqual([expect.stringMatching(/^[0-9a-f]{64}$/), expect.stringMatching(/^[0-9a-f]{64}$/)]);

      writeFileSync(join(dir, '0001_a.sql'), 'create table a (id bigint);');
      const changed = await migrate(database, dir).catch((e) => e);
      expect(changed).toBeInstanceOf(MigrationError);
      expect(changed.message).toContain('changed after they were applied: 0001_a.sql');
      writeFileSync(join(dir, '0001_a.sql'), 'create table a (id int);');

      writeFileSync(join(dir, '0002_b.sql'), 'create table b (id int);');
      const early = await migrate(database, dir).catch((e) => e);
      expect(early).toBeInstanceOf(MigrationError);
      expect(early.message).toMatch(/sort before 0003_c.sql.*0002_b.sql/);
      expect(early.files).toEqual(['0002_b.sql']);
      expect(await migrate(database, { dir, allowOutOfOrder: true })).toEqual(['0002_b.sql']);

      const other = mkdtempSync(join(tmpdir(), 'mig-order-'));
      writeFileSync(join(other, '0001_a.sql'), 'create table a (id int);');
      const missing = await migrate(database, other).catch((e) => e);
      expect(missing.message).toContain('missing from the code: 0002_b.sql, 0003_c.sql');
    } finally {
      await database.close();
    }
  });

  it('fills in checksums of a database migrated before they were recorded', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mig-legacy-'));
    writeFileSync(join(dir, '0001_a.sql'), 'create table a (id int);');
    const database = await openDatabase({});
    try {
      await database.runScript(`create table mercato_migrations (name text primary key, applied_at timestamptz not null default now());
        create table a (id int); insert into mercato_migrations (name) values ('0001_a.sql');`);
      expect(await migrate(database, dir)).toEqual([]);
      const { rows } = await database.db.execute(sql`select checksum from mercato_migrations`);
      expect(rows[0].checksum).toMatch(/^[0-9a-f]{64}$/);
    } finally {
      await database.close();
    }
  });
});

describe.skipIf(!backends().includes('postgres'))('concurrent migrate [postgres]', () => {
  it('two `mercato migrate` processes on an empty database both succeed, and every file is applied once', async () => {
    const admin = new pg.Client({ connectionString: inject('postgresAdminUrl') });
    await admin.connect();
    const name = `mercato_mig_${randomBytes(4).toString('hex')}`;
    await admin.query(`create database ${name}`);
    try {
      const url = withDatabase(inject('postgresAdminUrl'), name);
      const run = () => new Promise<{ code: number | null; out: string }>((resolve) => {
        const child = spawn(process.execPath, ['bin/mercato.js', 'migrate'], { env: { ...process.env, DATABASE_URL: url }, stdio: ['ignore', 'pipe', 'pipe'] });
        let out = '';
        child.stdout.on('data', (c) => { out += c; });
        child.stderr.on('data', (c) => { out += c; });
        child.on('exit', (code) => resolve({ code, out }));
      });
      const results = await Promise.all([run(), run()]);
      for (const r of results) expect(r.code, r.out).toBe(0);
      // One of them applied everything, the other waited for the lock and found nothing to do.
      expect(results.map((r) => r.out.includes('database is up to date')).filter(Boolean)).toHaveLength(1);
      const files = readdirSync(new URL('./migrations', import.meta.url)).filter((f) => f.endsWith('.sql')).sort();
      const database = await openDatabase({ url, poolSize: 1 });
      const { rows } = await database.db.execute(sql`select name from mercato_migrations order by name`);
      await database.close();
      expect(rows.map((r) => r.name)).toEqual(files);
    } finally {
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    }
  }, 120_000);
});
