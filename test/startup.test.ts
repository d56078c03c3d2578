import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/config.js';
import { checkSecret, startupBanner } from '../src/startup.js';

function runCli(args: string[], env: Record<string, string>): Promise<{ code: number | null; out: string; ms: number }> {
  const started = Date.now();
  const dataDir = mkdtempSync(join(tmpdir(), 'mercato-startup-'));
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['bin/mercato.js', ...args], { env: { ...process.env, DATABASE_URL: '', MERCATO_DATA_DIR: dataDir, HOST: '127.0.0.1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (c) => { out += c; });
    child.stderr.on('data', (c) => { out += c; });
    const killer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('exit', (code) => {
      clearTimeout(killer);
      rmSync(dataDir, { recursive: true, force: true });
      resolve({ code, out, ms: Date.now() - started });
    });
  });
}

describe('start-up', () => {
  it('fails fast with a clear message and exit code 1 when the port is taken', async () => {
    const squatter = createServer();
    await new Promise<void>((resolve) => squatter.listen(0, '127.0.0.1', resolve));
    const port = (squatter.address() as { port: number }).port;
    try {
      const result = await runCli(['start'], { PORT: String(port) });
      expect(result.code, result.out).toBe(1);
      expect(result.out).toContain(`cannot listen on 127.0.0.1:${port}: the port is already in use`);
      expect(result.ms).toBeLessThan(15_000); // no migration or seeding before finding out
    } finally {
      squatter.close();
    }
  }, 60_000);

  it('refuses the development secret when NODE_ENV=production', async () => {
    const result = await runCli(['serve'], { PORT: '0', NODE_ENV: 'production', MERCATO_SECRET: '' });
    expect(result.code, result.out).toBe(1);
    expect(result.out).toContain('refusing to start with the development secret');
  }, 60_000);

  it('warns about the development secret outside production, and not when one is set', () => {
    expect(checkSecret(loadConfig({}), {})).toContain('MERCATO_SECRET is not set');
    expect(checkSecret(loadConfig({ MERCATO_SECRET: 'a long random value from the vault' }), { NODE_ENV: 'production' })).toBeNull();
  });

  it('prints where to go: URL, /docs, metrics, demo accounts, and the secret warning', () => {
    const banner = startupBanner({ config: loadConfig({}), address: 'http://0.0.0.0:3000', database: 'PGlite (./data)', events: 'in-process', demo: true, secretWarning: 'MERCATO_SECRET is not set' });
    expect(banner).toContain('Mercato is serving at http://localhost:3000');
    expect(banner).toContain('http://localhost:3000/docs');
    expect(banner).toContain('operator@mercato.test');
    expect(banner).toContain('password mercato-demo-2026');
    expect(banner).toMatch(/!!!!+\n\s+!! MERCATO_SECRET is not set/);
    expect(startupBanner({ config: loadConfig({}), address: 'http://127.0.0.1:3000', database: 'x', events: 'y', demo: false, secretWarning: null })).not.toContain('demo accounts');
  });
});
