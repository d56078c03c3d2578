import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The real process: `mercato start` on a fresh PGlite folder, then SIGTERM. */
describe('server process', () => {
  it('starts on a fresh data folder with demo data, serves, and shuts down cleanly on SIGTERM', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'mercato-proc-'));
    const port = 3800 + Math.floor(Math.random() * 100);
    const child = spawn(process.execPath, ['bin/mercato.js', 'start'], {
      env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', MERCATO_DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let log = '';
    child.stdout.on('data', (chunk) => { log += chunk; });
    child.stderr.on('data', (chunk) => { log += chunk; });
    try {
      const base = `http://127.0.0.1:${port}`;
      for (let i = 0; ; i++) {
        const ready = await fetch(`${base}/readyz`).catch(() => null);
        if (ready?.status === 200) break;
        if (child.exitCode !== null || i > 1200) throw new Error(`server did not become ready:\n${log}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const stores = await (await fetch(`${base}/v1/locations`)).json();
      expect(stores.items.length).toBeGreaterThanOrEqual(9);
      const home = await fetch(`${base}/`);
      expect(home.status).toBe(200);
      expect(await home.text()).toContain('<div id="root">');

      // Every log line is JSON and carries the request id of its request.
      const lines = log.trim().split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l));
      expect(lines.some((l) => l.reqId && l.req?.url === '/v1/locations')).toBe(true);

      // A request in flight when SIGTERM arrives still gets its answer.
      const inFlight = fetch(`${base}/v1/locations`);
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      expect((await inFlight).status).toBe(200);
      expect(await exited).toBe(0);
      expect(log).toContain('shutting down');
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});
