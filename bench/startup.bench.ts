import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Benchmark } from './run.js';

/** Time from process spawn to the first 200 from /readyz, on PGlite, with a fresh and a warm data folder. */
async function timeToReady(dataDir: string, port: number): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, ['bin/mercato.js', 'start'], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', MERCATO_DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
      try {
        const response = await fetch(`http://127.0.0.1:${port}/readyz`);
        if (response.status === 200) return performance.now() - started;
      } catch { /* not listening yet */ }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  } finally {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
}

export const benchmark: Benchmark = {
  name: 'startup',
  clients: [],
  async run() {
    const dataDir = mkdtempSync(join(tmpdir(), 'mercato-startup-'));
    try {
      const fresh = await timeToReady(dataDir, 3917);
      const warm = await timeToReady(dataDir, 3917);
      const warmAgain = await timeToReady(dataDir, 3917);
      return {
        backend: 'pglite',
        freshDataDirMs: Math.round(fresh),
        warmDataDirMs: Math.round(Math.min(warm, warmAgain)),
        note: 'spawn of `mercato start` to first /readyz 200; fresh includes initdb, migrations and the demo seed',
      };
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
};
