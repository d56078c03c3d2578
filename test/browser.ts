import { chromium, type Browser } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { existsSync } from 'node:fs';
import { afterAll, beforeAll } from 'vitest';
import type { Database } from '../src/db/client.js';
import { freshDatabase } from './db.js';
import { testApp } from './http.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Debian's chromium, headless, with the flags a closed network needs (no background calls home). */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`chromium not found at ${CHROMIUM}: install Debian's chromium package (.ci/run does)`);
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** Listens on a free loopback port and returns the base URL. */
export async function listen(app: FastifyInstance): Promise<string> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('no address');
  return `http://127.0.0.1:${address.port}`;
}

export interface BrowserRig { database: Database; app: FastifyInstance; browser: Browser; base: string }

/**
 * For a browser test file: a seeded PGlite database, the app listening on a loopback port and
 * a headless chromium, opened before the file's tests (before its own beforeAll hooks) and
 * closed after them.
 */
export function useBrowserRig(): BrowserRig {
  const rig = {} as BrowserRig;
  beforeAll(async () => {
    rig.database = await freshDatabase('pglite');
    rig.app = await testApp(rig.database, { seed: true });
    rig.base = await listen(rig.app);
    rig.browser = await launchBrowser();
  });
  afterAll(async () => {
    await rig.browser?.close();
    await rig.app?.close();
    await rig.database?.close();
  });
  return rig;
}

/** Signs a demo account in through the web app's sign-in page and waits until the shell shows it. */
export async function signIn(page: import('playwright-core').Page, base: string, email: string, password = 'mercato-demo-2026'): Promise<void> {
  await page.goto(`${base}/sign-in`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('signed-in').waitFor();
}
