import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** The status this receiver answered. */
  status: number;
}

/**
 * A real HTTP server on 127.0.0.1 for webhook tests. `answer(path, nth)` decides the status of
 * the nth request (1-based) to a path; the default answers 200. `hold(path)` makes requests to
 * a path hang until released (to kill a sender mid-delivery).
 */
export async function startReceiver(answer: (path: string, nth: number) => number = () => 200) {
  const received: Received[] = [];
  const counts = new Map<string, number>();
  let decide = answer;
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const path = request.url ?? '/';
      const nth = (counts.get(path) ?? 0) + 1;
      counts.set(path, nth);
      const status = decide(path, nth);
      const body = Buffer.concat(chunks).toString('utf8');
      if (status === 0) { // hang: never answer; the sender's timeout or death ends it
        received.push({ path, headers: request.headers, body, status });
        return;
      }
      received.push({ path, headers: request.headers, body, status });
      response.writeHead(status, { 'content-type': 'text/plain' }).end(status < 300 ? 'ok' : 'receiver says no');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path: string) => `http://127.0.0.1:${port}${path}`,
    received,
    /** Successful (2xx) receipts at a path. */
    accepted: (path: string) => received.filter((r) => r.path === path && r.status >= 200 && r.status < 300),
    setAnswer(next: (path: string, nth: number) => number) { decide = next; },
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
