import { inject, describe, beforeAll, afterAll } from 'vitest';
import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database } from '../src/db/client.js';
import { withDatabase } from './global-setup.js';

export type BackendKind = 'pglite' | 'postgres';

/** The backends this run tests: PGlite always, the PostgreSQL server when it answered. */
export function backends(): BackendKind[] {
  return inject('postgresTemplateUrl') ? ['pglite', 'postgres'] : ['pglite'];
}

/**
 * A fresh, migrated database for one test file: PGlite in memory loaded from the run's dump,
 * or a clone of the run's template database on the PostgreSQL server (dropped on close).
 */
export async function freshDatabase(kind: BackendKind, poolSize = 8, options: { onStatement?: (text: string) => void } = {}): Promise<Database & { url?: string }> {
  if (kind === 'pglite') {
    const dump = readFileSync(inject('pgliteDumpPath'));
    return openDatabase({ loadDataDir: new Blob([dump]) });
  }
  const template = new URL(inject('postgresTemplateUrl')).pathname.slice(1);
  const name = `mercato_t_${inject('runId')}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: inject('postgresAdminUrl') });
  await admin.connect();
  try {
    await admin.query(`create database ${name} template ${template}`);
  } finally {
    await admin.end();
  }
  const url = withDatabase(inject('postgresAdminUrl'), name);
  const database = await openDatabase({ url, poolSize, onStatement: options.onStatement });
  return {
    ...database,
    url,
    close: async () => {
      await database.close();
      const dropper = new pg.Client({ connectionString: inject('postgresAdminUrl') });
      await dropper.connect();
      await dropper.query(`drop database if exists ${name} with (force)`);
      await dropper.end();
    },
  };
}

/**
 * Declares the same tests once per backend. `use()` returns that backend's database, fresh for
 * this file and describe block.
 */
export function describeEachBackend(title: string, body: (use: () => Database, kind: BackendKind) => void): void {
  for (const kind of backends()) {
    describe(`${title} [${kind}]`, () => {
      let database: Database | undefined;
      beforeAll(async () => { database = await freshDatabase(kind); }, 60_000);
      afterAll(async () => { await database?.close(); });
      body(() => {
        if (!database) throw new Error('database not open yet');
        return database;
      }, kind);
    });
  }
}
