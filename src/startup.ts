import { createServer } from 'node:net';
import type { Config } from './config.js';
import { DEFAULT_SECRET } from './config.js';
import { DEMO_ACCOUNTS } from './seed/demo.js';
import { DEMO_PASSWORD } from './seed/demo-id.js';

/** A start-up problem the operator must fix; the CLI prints the message and exits 1. */
export class StartupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StartupError';
  }
}

/**
 * Fails in milliseconds, before migrations and seeding, when another process holds the port
 * (the real listen later reports the same way should the port be taken in between).
 */
export async function assertPortFree(port: number, host: string): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (error: NodeJS.ErrnoException) => reject(listenError(error, port, host)));
    probe.listen({ port, host, exclusive: true }, () => probe.close(() => resolve()));
  });
}

export function listenError(error: NodeJS.ErrnoException, port: number, host: string): Error {
  if (error.code === 'EADDRINUSE') return new StartupError(`cannot listen on ${host}:${port}: the port is already in use (another mercato?). Stop that process or set PORT to a free port.`);
  if (error.code === 'EACCES') return new StartupError(`cannot listen on ${host}:${port}: permission denied (ports below 1024 need privileges). Set PORT to 1024 or above.`);
  if (error.code === 'EADDRNOTAVAIL') return new StartupError(`cannot listen on ${host}:${port}: no such address on this machine. Check HOST.`);
  return error;
}

/** The development secret is fine on a laptop and refused in production. */
export function checkSecret(config: Config, env: NodeJS.ProcessEnv = process.env): string | null {
  if (config.secret !== DEFAULT_SECRET) return null;
  if (env.NODE_ENV === 'production') {
    throw new StartupError('MERCATO_SECRET is not set and NODE_ENV=production: refusing to start with the development secret (it is public, so member codes and other values derived from it could be forged). Set MERCATO_SECRET to a long random value, e.g. `openssl rand -base64 32`.');
  }
  return 'MERCATO_SECRET is not set: using the development secret. It is public, so anyone can forge member codes and other values derived from it; set MERCATO_SECRET before exposing this server.';
}

/** What a person starting the server wants to know: where to go, and how to sign in. */
export function startupBanner(input: { config: Config; address: string; database: string; events: string; demo: boolean; secretWarning: string | null }): string {
  const url = input.address.replace('://0.0.0.0', '://localhost').replace('://[::]', '://localhost');
  const lines = [
    '',
    `  Mercato is serving at ${url}`,
    `    web app      ${url}/`,
    `    API docs     ${url}/docs   (OpenAPI: ${url}/openapi.json)`,
    `    metrics      ${url}/metrics`,
    `    database     ${input.database}`,
    `    events       ${input.events}`,
  ];
  if (input.demo) {
    lines.push(`    demo accounts (password ${DEMO_PASSWORD}):`);
    for (const account of DEMO_ACCOUNTS) lines.push(`      ${account.role.padEnd(9)} ${account.email}`);
  }
  if (input.secretWarning) {
    const bar = '!'.repeat(96);
    lines.push('', `  ${bar}`, `  !! ${input.secretWarning}`, `  ${bar}`);
  }
  lines.push('');
  return lines.join('\n');
}
