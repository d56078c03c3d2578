import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Database } from './client.js';

const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations', import.meta.url));

/** The advisory lock every migrating process takes first: one migrates, the others wait, then find nothing to do. */
export const MIGRATION_LOCK_KEY = 727_160_001;

export interface MigrateOptions {
  dir?: string;
  /**
   * Apply a pending file even though a later-named one is already applied (a branch merged
   * late). Refused by default: this database would then have run the files in an order no
   * fresh database runs them.
   */
  allowOutOfOrder?: boolean;
}

/** A migration problem an operator must act on; the message says what and how. */
export class MigrationError extends Error {
  constructor(message: string, readonly files: string[]) {
    super(message);
    this.name = 'MigrationError';
  }
}

interface MigrationFile { name: string; body: string; checksum: string }

function readMigrations(dir: string): MigrationFile[] {
  const names = readdirSync(dir).filter((f) => f.endsWith('.sql')).sort();
  for (const name of names) {
    if (!/^[0-9]{4}_[a-z0-9_]+\.sql$/.test(name)) throw new Error(`migration file name not of the form NNNN_name.sql: ${name}`);
  }
  return names.map((name) => {
    const body = readFileSync(join(dir, name), 'utf8');
    return { name, body, checksum: createHash('sha256').update(body).digest('hex') };
  });
}

/**
 * Applies every `migrations/NNNN_domain_name.sql` not yet applied, in name order: one global
 * order for every database. Plain SQL files (not generated) so that CHECKs, triggers and
 * deferred constraints stay visible; the number ranges per domain are in migrations/README.md.
 *
 * - Under an advisory lock: concurrent `mercato migrate` / server start-ups take turns, and the
 *   later ones find everything applied.
 * - Each file and its record (name + SHA-256 of its text) run as one script: applied wholly or
 *   not at all.
 * - A file changed after it was applied, an applied file that disappeared, or a new file that
 *   sorts before an applied one stops the run with a MigrationError naming the files.
 */
export async function migrate(database: Database, dirOrOptions: string | MigrateOptions = {}): Promise<string[]> {
  const options = typeof dirOrOptions === 'string' ? { dir: dirOrOptions } : dirOrOptions;
  const files = readMigrations(options.dir ?? MIGRATIONS_DIR);
  return database.withLock(MIGRATION_LOCK_KEY, async () => {
    const { db } = database;
    await database.runScript(`create table if not exists mercato_migrations (
      name text primary key, applied_at timestamptz not null default now());
      alter table mercato_migrations add column if not exists checksum text;`);
    const { rows } = await db.execute(sql`select name, checksum from mercato_migrations order by name`);
    const applied = new Map(rows.map((r) => [String(r.name), r.checksum === null ? null : String(r.checksum)]));

    const byName = new Map(files.map((f) => [f.name, f]));
    const changed = [...applied].filter(([name, checksum]) => checksum !== null && byName.has(name) && byName.get(name)!.checksum !== checksum).map(([name]) => name);
    if (changed.length) {
      throw new MigrationError(`migrations changed after they were applied: ${changed.join(', ')}. A committed migration is never edited: restore the file and add a new one with the change.`, changed);
    }
    const missing = [...applied.keys()].filter((name) => !byName.has(name));
    if (missing.length) {
      throw new MigrationError(`migrations applied to this database are missing from the code: ${missing.join(', ')}. Is this build older than the database?`, missing);
    }
    // Databases migrated before checksums were recorded: record what they have now.
    for (const [name, checksum] of applied) {
      if (checksum === null) await db.execute(sql`update mercato_migrations set checksum = ${byName.get(name)!.checksum} where name = ${name}`);
    }

    const pending = files.filter((f) => !applied.has(f.name));
    const lastApplied = [...applied.keys()].sort().at(-1);
    const early = pending.filter((f) => lastApplied !== undefined && f.name < lastApplied).map((f) => f.name);
    if (early.length && !options.allowOutOfOrder) {
      throw new MigrationError(`new migrations sort before ${lastApplied}, which this database already has: ${early.join(', ')}. `
        + 'A fresh database runs them earlier than this one would. Renumber them after the last applied file, or, once checked that they do not depend on the later ones, run `mercato migrate --allow-out-of-order`.', early);
    }
    const done: string[] = [];
    for (const file of pending) {
      try {
        await database.runScript(`${file.body}\n;insert into mercato_migrations (name, checksum) values ('${file.name}', '${file.checksum}');`);
      } catch (error) {
        throw new Error(`migration ${file.name} failed: ${(error as Error).message}`, { cause: error });
      }
      done.push(file.name);
    }
    return done;
  });
}
