import createClient, { type Middleware } from 'openapi-fetch';
import type { components, paths } from './schema';

/** A problem document (RFC 9457) as the API answers errors. */
export type Problem = components['schemas']['Problem'];

/** An API error: the problem document the server answered (or one made up when it could not be reached). */
export class ApiProblem extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail || problem.title);
    this.name = 'ApiProblem';
  }
  get status(): number { return this.problem.status; }
  get code(): string { return this.problem.code; }
}

const TOKEN_KEY = 'mercato.token';
const listeners = new Set<() => void>();

/** The bearer token of this browser; every page re-renders when it changes (sign-in, sign-out, other tab). */
export const session = {
  token: (): string | null => localStorage.getItem(TOKEN_KEY),
  save(token: string) { localStorage.setItem(TOKEN_KEY, token); listeners.forEach((l) => l()); },
  clear() { localStorage.removeItem(TOKEN_KEY); listeners.forEach((l) => l()); },
  subscribe(listener: () => void) {
    listeners.add(listener);
    const onStorage = (event: StorageEvent) => { if (event.key === TOKEN_KEY) listener(); };
    window.addEventListener('storage', onStorage);
    return () => { listeners.delete(listener); window.removeEventListener('storage', onStorage); };
  },
};

const auth: Middleware = {
  onRequest({ request }) {
    const token = session.token();
    if (token && !request.headers.has('authorization')) request.headers.set('authorization', `Bearer ${token}`);
    return request;
  },
};

/** The typed client: paths, parameters, bodies and answers come from the server's OpenAPI document. */
export const api = createClient<paths>({ baseUrl: '' });
api.use(auth);

/**
 * The answer's data, or an ApiProblem. `fetch` failures (offline, server down) become a problem
 * too, so every page shows errors one way.
 */
export async function unwrap<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  let result;
  try {
    result = await call;
  } catch (cause) {
    throw new ApiProblem({ type: 'about:blank', title: 'Network error', status: 0, detail: String(cause), instance: '', code: 'network.unreachable', requestId: '' });
  }
  if (result.error !== undefined || !result.response.ok) {
    const body = result.error as Partial<Problem> | undefined;
    throw new ApiProblem({
      type: body?.type ?? 'about:blank', title: body?.title ?? result.response.statusText, status: result.response.status,
      detail: body?.detail ?? '', instance: body?.instance ?? '', code: body?.code ?? `http.${result.response.status}`, requestId: body?.requestId ?? '', errors: body?.errors,
    });
  }
  return result.data as T;
}
