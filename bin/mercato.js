#!/usr/bin/env node
// Runs the compiled CLI (dist/server, written by `npm run build`): no TypeScript at run time.
import { existsSync } from 'node:fs';

const cli = new URL('../dist/server/cli.js', import.meta.url);
if (!existsSync(cli)) {
  console.error('mercato: the server is not built yet; run `npm run build` (or `npm start`, which builds first)');
  process.exit(1);
}
await import(cli.href);
