import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { parse } from '@formatjs/icu-messageformat-parser';
import { createRequire } from 'node:module';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const require = createRequire(import.meta.url);

/**
 * Message catalogues (web/src/i18n/messages/*.json, ICU syntax) are parsed at build time into
 * react-intl's AST, so the browser never downloads the ICU parser.
 */
function precompiledMessages(): Plugin {
  return {
    name: 'mercato:precompiled-messages',
    enforce: 'pre',
    transform(code, id) {
      if (!/[\\/]i18n[\\/]messages[\\/][a-z]{2}\.json$/.test(id)) return null;
      const messages = JSON.parse(code) as Record<string, string>;
      const compiled = Object.fromEntries(Object.entries(messages).map(([key, message]) => [key, parse(message)]));
      return { code: JSON.stringify(compiled), map: null };
    },
  };
}

/** Writes name.br and name.gz beside each text asset once, at the best ratio, for the server to send as is. */
function precompressed(): Plugin {
  let outDir = '';
  return {
    name: 'mercato:precompressed',
    apply: 'build',
    configResolved(config) { outDir = resolve(config.root, config.build.outDir); },
    closeBundle() {
      const walk = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
      for (const file of walk(outDir).filter((f) => /\.(js|css|html|svg|json|wasm)$/.test(f))) {
        const body = readFileSync(file);
        if (body.length < 1024) continue;
        writeFileSync(`${file}.br`, brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
        writeFileSync(`${file}.gz`, gzipSync(body, { level: 9 }));
      }
    },
  };
}

// The single-page app lives in web/ and is built into dist/web, which the API server serves at /.
export default defineConfig({
  root: 'web',
  plugins: [precompiledMessages(), react(), precompressed()],
  resolve: {
    alias: [{ find: /^@formatjs\/icu-messageformat-parser$/, replacement: require.resolve('@formatjs/icu-messageformat-parser/no-parser.js') }],
  },
  build: { outDir: '../dist/web', emptyOutDir: true, reportCompressedSize: true },
  server: { proxy: { '/v1': 'http://localhost:3000', '/readyz': 'http://localhost:3000', '/docs': 'http://localhost:3000', '/openapi.json': 'http://localhost:3000' } },
});
