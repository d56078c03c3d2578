import type { FastifyInstance } from 'fastify';
import { DomainError } from './problem.js';
import { RETRY_AFTER_UNAVAILABLE_SECONDS } from './error-handler.js';

/**
 * Once the server starts closing, a request still arriving on a kept-alive connection is
 * refused with 503 problem+json, `Retry-After` and `Connection: close`, so the client retries
 * on another instance; requests already running finish normally, and their answers close the
 * connection too (otherwise closing waits for each client's keep-alive to time out).
 */
export function installShutdownRefusal(app: FastifyInstance): void {
  let closing = false;
  app.addHook('preClose', async () => { closing = true; });
  app.addHook('onRequest', async (_request, reply) => {
    if (!closing) return;
    reply.header('connection', 'close');
    throw new DomainError('http.unavailable', 'The server is shutting down; retry the request', { retryAfterSeconds: RETRY_AFTER_UNAVAILABLE_SECONDS });
  });
  app.addHook('onSend', async (_request, reply, payload) => {
    if (closing) reply.header('connection', 'close');
    return payload;
  });
}
