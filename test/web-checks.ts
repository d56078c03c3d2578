import type { Browser, BrowserContext, Page } from 'playwright-core';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { expect } from 'vitest';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** Screenshots of every checked screen land here (git-ignored); a few chosen ones are copied to docs/. */
export const SCREENSHOTS = join(import.meta.dirname, '..', 'test-results', 'screenshots');

export const VIEWPORTS = { phone: { width: 390, height: 844 }, desktop: { width: 1440, height: 900 } } as const;
export type ViewportName = keyof typeof VIEWPORTS;

export type Locale = 'es' | 'it' | 'en' | 'zh';
const catalogues = new Map<Locale, Record<string, string>>();

/** A message of the web app's catalogue (plain messages only: no ICU arguments). */
export function msg(locale: Locale, id: string): string {
  if (!catalogues.has(locale)) catalogues.set(locale, JSON.parse(readFileSync(join(import.meta.dirname, '..', 'web', 'src', 'i18n', 'messages', `${locale}.json`), 'utf8')));
  const text = catalogues.get(locale)![id];
  if (text === undefined) throw new Error(`no message ${id}`);
  return text;
}

/** Product photos live on a CDN the test machine cannot reach: answer them with a local tile. */
const TILE = '<svg xmlns="http://www.w3.org/2000/svg" width="240" height="240"><rect width="240" height="240" fill="#c9b28f"/></svg>';

export interface ShopContext { context: BrowserContext; page: Page; problems: string[] }

/**
 * A browser context as a shopper's phone or desktop with the given language; it records every
 * uncaught error and console error of its pages into `problems`.
 */
export async function shopContext(browser: Browser, locale: Locale | string, viewport: ViewportName): Promise<ShopContext> {
  const context = await browser.newContext({ locale, viewport: VIEWPORTS[viewport], reducedMotion: 'reduce', geolocation: { latitude: 40.4203, longitude: -3.7058 }, permissions: ['geolocation'] });
  await context.route('https://images.mercato.example/**', (route) => route.fulfill({ contentType: 'image/svg+xml', body: TILE }));
  const problems: string[] = [];
  context.on('page', (page) => watch(page, problems));
  const page = await context.newPage();
  return { context, page, problems };
}

function watch(page: Page, problems: string[]) {
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
  page.on('console', (message) => { if (message.type() === 'error') problems.push(`console: ${message.text()} (${page.url()})`); });
  // Which request a "Failed to load resource" was about.
  page.on('response', (response) => { if (response.status() >= 400) problems.push(`http ${response.status()} ${response.request().method()} ${new URL(response.url()).pathname}`); });
}

/**
 * The checks every screen must pass: <html lang> says the language, nothing scrolls sideways,
 * axe finds no WCAG 2 A/AA violation; then a full-page screenshot is written.
 */
export async function checkScreen(page: Page, locale: Locale, viewport: ViewportName, name: string, options: { mask?: string[] } = {}): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'));
  const layout = await page.evaluate(() => ({ lang: document.documentElement.lang, scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
  expect(layout.lang, `${name}: <html lang>`).toBe(locale);
  expect(layout.scrollWidth, `${name} at ${viewport}: sideways scroll`).toBeLessThanOrEqual(layout.innerWidth);
  // Evaluated through the DevTools protocol, which the page's Content-Security-Policy (no inline
  // scripts) does not govern; a <script> tag would be refused like any injected script.
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const result = await (window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: Array<{ id: string; help: string; nodes: Array<{ target: unknown }> }> }> } })
      .axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] }, resultTypes: ['violations'] });
    return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length}× e.g. ${JSON.stringify(v.nodes[0]?.target)})`);
  });
  expect(violations, `${name} at ${viewport} in ${locale}: axe`).toEqual([]);
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}-${locale}-${viewport}.png`), fullPage: true, animations: 'disabled', mask: (options.mask ?? []).map((selector) => page.locator(selector)) });
}
