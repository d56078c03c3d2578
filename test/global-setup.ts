import type { TestProject } from 'vitest/node';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { writeFileSync, rmSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { openDatabase } from '../src/db/client.js';
import { migrate } from '../src/db/migrate.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteDumpPath: string;
    /** Connection string of the migrated template database, or '' when no server answered. */
    postgresTemplateUrl: string;
    postgresAdminUrl: string;
    runId: string;
  }
}

const ADMIN_URL = process.env.MERCATO_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/**
 * Runs once per `vitest run`: migrates one PGlite database and dumps it (each test file loads
 * the dump instead of paying initdb + migrations), and creates one migrated template database
 * on the PostgreSQL server (each test file clones it). Everything made here is dropped after.
 */
export default async function setup(project: TestProject) {
  const runId = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  const dir = mkdtempSync(join(tmpdir(), 'mercato-test-'));
  const pgliteDumpPath = join(dir, 'migrated.tar.gz');

  const lite = await openDatabase({});
  await migrate(lite);
  const client = (lite as unknown as { db: { $client: PGlite } }).db.$client;
  const dump = await client.dumpDataDir('gzip');
  writeFileSync(pgliteDumpPath, Buffer.from(await dump.arrayBuffer()));
  await lite.close();

  let postgresTemplateUrl = '';
  const admin = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 3000 });
  try {
    await admin.connect();
    const template = `mercato_t_${runId}`;
    await admin.query(`create database ${template}`);
    postgresTemplateUrl = withDatabase(ADMIN_URL, template);
    const server = await openDatabase({ url: postgresTemplateUrl, poolSize: 1 });
    await migrate(server);
    await server.close();
  } catch (error) {
    const banner = '!'.repeat(78);
    console.warn(`\n${banner}\n!! PostgreSQL server at ${ADMIN_URL.replace(/\/\/[^@]*@/, '//')} did not answer (${(error as Error).message}).\n!! THE POSTGRESQL HALF OF THE DATA TESTS IS SKIPPED: only PGlite was tested.\n${banner}\n`);
  } finally {
    await admin.end().catch(() => {});
  }

  project.provide('pgliteDumpPath', pgliteDumpPath);
  project.provide('postgresTemplateUrl', postgresTemplateUrl);
  project.provide('postgresAdminUrl', ADMIN_URL);
  project.provide('runId', runId);

  return async () => {
    rmSync(dir, { recursive: true, force: true });
    if (!postgresTemplateUrl) return;
    const cleaner = new pg.Client({ connectionString: ADMIN_URL });
    await cleaner.connect();
    const { rows } = await cleaner.query(`select datname from pg_database where datname like $1`, [`mercato_t_${runId}%`]);
    for (const { datname } of rows) await cleaner.query(`drop database if exists "${datname}" with (force)`);
    await cleaner.end();
  };
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
