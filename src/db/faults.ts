/**
 * Whether an error means the database cannot be reached right now (refused, dropped, shutting
 * down, out of connections, or the embedded database already closed), as opposed to a
 * statement the database refused. Such a request is answered 503 with Retry-After: the client
 * may retry the same request once the database is back.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  let current: any = error;
  for (let depth = 0; current && depth < 5; depth++) {
    const code = typeof current.code === 'string' ? current.code : undefined;
    if (code && (UNREACHABLE_ERRNO.has(code) || code.startsWith('08') || UNAVAILABLE_SQLSTATE.has(code))) return true;
    const message = typeof current.message === 'string' ? current.message : '';
    if (UNAVAILABLE_MESSAGES.some((m) => message.startsWith(m))) return true;
    current = current.cause;
  }
  return false;
}

const UNREACHABLE_ERRNO = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);
// admin_shutdown, crash_shutdown, cannot_connect_now, too_many_connections
const UNAVAILABLE_SQLSTATE = new Set(['57P01', '57P02', '57P03', '53300']);
const UNAVAILABLE_MESSAGES = [
  'Connection terminated', 'Client has encountered a connection error', 'Cannot use a pool after calling end',
  'timeout exceeded when trying to connect', 'PGlite is closed',
];
