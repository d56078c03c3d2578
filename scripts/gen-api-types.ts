/**
 * Generates TypeScript types for the HTTP API from the app's own OpenAPI document
 * (`/openapi.json`), for typed clients (the web app through openapi-fetch; an SDK can reuse it).
 *
 *   npx tsx scripts/gen-api-types.ts [--out web/src/api/schema.d.ts] [--check]
 *
 * `--check` writes nothing and exits 1 when the committed file differs from what the
 * document gives today (the test in test/openapi.test.ts does the same).
 */
import openapiTS, { type OpenAPI3 } from 'openapi-typescript';
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/client.js';

export const DEFAULT_TYPES_FILE = fileURLToPath(new URL('../web/src/api/schema.d.ts', import.meta.url));

const HEADER = '/**\n * Types of the Mercato HTTP API, generated from its OpenAPI document by scripts/gen-api-types.ts.\n * Do not edit: run `npm run gen:api-types` after changing a route\'s schema.\n */\n\n';

/** The OpenAPI document the app serves at /openapi.json (built in-process on an empty in-memory database). */
export async function currentOpenApiDocument(): Promise<Record<string, unknown>> {
  const database = await openDatabase({});
  const app = await buildApp({ config: loadConfig({ MERCATO_SECRET: 'only-for-the-openapi-document' }), database, logger: false });
  try {
    await app.ready();
    // A deep copy: the generator must not see (or change) the live swagger object.
    return JSON.parse(JSON.stringify(app.swagger())) as Record<string, unknown>;
  } finally {
    await app.close();
    await database.close();
  }
}

/** The TypeScript source of `paths`, `components` and `operations` for a document. */
export async function apiTypesSource(document: Record<string, unknown>): Promise<string> {
  const body = await openapiTS(document as unknown as OpenAPI3, { silent: true, commentHeader: HEADER, alphabetize: true });
  return body.endsWith('\n') ? body : `${body}\n`;
}

async function main(argv: string[]): Promise<number> {
  const outIndex = argv.indexOf('--out');
  const out = outIndex >= 0 ? resolve(argv[outIndex + 1]!) : DEFAULT_TYPES_FILE;
  const source = await apiTypesSource(await currentOpenApiDocument());
  if (argv.includes('--check')) {
    let committed = '';
    try { committed = readFileSync(out, 'utf8'); } catch { /* missing counts as drift */ }
    if (committed === source) return 0;
    process.stderr.write(`${out} is out of date: run npx tsx scripts/gen-api-types.ts\n`);
    return 1;
  }
  writeFileSync(out, source);
  process.stdout.write(`wrote ${out}\n`);
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).then((code) => process.exit(code), (error) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  });
}
