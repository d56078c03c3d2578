import { expect, it } from 'vitest';
import { readdirSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { is, sql } from 'drizzle-orm';
import { PgTable, getTableConfig } from 'drizzle-orm/pg-core';
import { describeEachBackend } from '../../test/db.js';

const SRC = fileURLToPath(new URL('..', import.meta.url));

/** Every Drizzle table of every domain (each domain's schema.ts). */
async function drizzleTables(): Promise<PgTable[]> {
  const tables: PgTable[] = [];
  for (const domain of readdirSync(SRC)) {
    const file = join(SRC, domain, 'schema.ts');
    if (!existsSync(file)) continue;
    const module = await import(file);
    for (const value of Object.values(module)) if (is(value, PgTable)) tables.push(value);
  }
  return tables;
}

/** Drizzle's SQL type spelled as PostgreSQL's format_type() spells it. */
function canonical(type: string): string {
  return type
    .replace(/,\s+/g, ',')
    .replace(/^char\((\d+)\)/, 'character($1)')
    .replace(/^varchar\((\d+)\)/, 'character varying($1)')
    .replace(/^varchar$/, 'character varying')
    .replace(/^timestamp with time zone\(\d+\)/, 'timestamp with time zone')
    .replace(/^timestamp$/, 'timestamp without time zone')
    .replace(/^time$/, 'time without time zone')
    .replace(/^serial$/, 'integer')
    .replace(/^bigserial$/, 'bigint');
}

describeEachBackend('schema drift', (use) => {
  it('every Drizzle table and column exists in the migrated database with the same type and nullability', async () => {
    const { rows } = await use().db.execute(sql`
      select c.relname as table_name, a.attname as column_name, format_type(a.atttypid, a.atttypmod) as type, a.attnotnull as not_null
      from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind in ('r', 'p') and a.attnum > 0 and not a.attisdropped`);
    const actual = new Map(rows.map((r) => [`${r.table_name}.${r.column_name}`, { type: String(r.type), notNull: Boolean(r.not_null) }]));
    const tables = await drizzleTables();
    expect(tables.length).toBeGreaterThan(20);
    const drift: string[] = [];
    for (const table of tables) {
      const config = getTableConfig(table);
      for (const column of config.columns) {
        const key = `${config.name}.${column.name}`;
        const found = actual.get(key);
        if (!found) { drift.push(`${key}: in Drizzle, not in the database`); continue; }
        const expected = canonical(column.getSQLType());
        if (found.type !== expected) drift.push(`${key}: Drizzle ${expected}, database ${found.type}`);
        if (found.notNull !== column.notNull) drift.push(`${key}: Drizzle ${column.notNull ? 'not null' : 'nullable'}, database ${found.notNull ? 'not null' : 'nullable'}`);
      }
    }
    expect(drift).toEqual([]);
  });
});
