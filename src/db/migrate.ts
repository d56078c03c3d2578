import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import type { Database } from './client.js';
import { pgCode } from './tx.js';

const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations', import.meta.url));

/**
 * Applies every `migrations/NNNN_domain_name.sql` not yet applied, in name order. Plain SQL
 * files (not generated) so that CHECKs, triggers and deferred constraints stay visible; the
 * number ranges per domain are listed in migrations/README.md. Each file and its record run
 * as one script, so a file is applied wholly or not at all; when two processes race, the
 * record's primary key makes the loser roll back and move on.
 */
export async function migrate(database: Database, dir = MIGRATIONS_DIR): Promise<string[]> {
  const { db } = database;
  await database.runScript(`create table if not exists mercato_migrations (
    name text primary key, applied_at timestamptz not null default now())`);
  const files = readdirSync(dir).filter((f) => f.endsWith('.sql')).sort();
  const seen = await db.execute(sql`select name from mercato_migrations`);
  const done = new Set(seen.rows.map((r) => String((r as { name: string }).name)));
  const applied: string[] = [];
  for (const file of files) {
    if (done.has(file)) continue;
    if (!/^[0-9]{4}_[a-z0-9_]+\.sql$/.test(file)) throw new Error(`migration file name not of the form NNNN_name.sql: ${file}`);
    const body = readFileSync(join(dir, file), 'utf8');
    try {
      await database.runScript(`${body}\n;insert into mercato_migrations (name) values ('${file}');`);
      applied.push(file);
    } catch (error) {
      if (pgCode(error) !== '23505') throw new Error(`migration ${file} failed: ${(error as Error).message}`, { cause: error });
    }
  }
  return applied;
}
