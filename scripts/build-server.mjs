// The server half of `npm run build`: `clean` empties dist/server before tsc compiles src/ into
// it (no stale files of deleted sources); `assets` then copies what the compiled code reads from
// beside itself at run time: the SQL migrations (dist/server/db/migrations).
import { cpSync, rmSync } from 'node:fs';

const phase = process.argv[2];
if (phase === 'clean') rmSync('dist/server', { recursive: true, force: true });
else if (phase === 'assets') cpSync('src/db/migrations', 'dist/server/db/migrations', { recursive: true, filter: (path) => !path.endsWith('.md') });
else throw new Error(`usage: node scripts/build-server.mjs clean|assets (got ${phase})`);
