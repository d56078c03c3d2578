/**
 * Errors are values with codes. A service throws `new DomainError('inventory.sold_out', …)`;
 * the one error handler in http/error-handler.ts turns the code into an HTTP status and an
 * RFC 9457 problem document. Each domain lists its codes in its errors.ts.
 */
export interface ProblemKind {
  status: number;
  title: string;
}

export type ProblemCatalogue = Record<string, ProblemKind>;

export interface FieldError {
  /** JSON pointer-ish path of the offending field, e.g. `/lines/0/quantity`. */
  field: string;
  message: string;
}

/**
 * Every problem code, as a type. Each domain's errors.ts adds its catalogue's codes here by
 * declaration merging (`interface ProblemCodes extends CodesOf<typeof orderProblems> {}`), so a
 * code that no catalogue lists (`new DomainError('orders.cart_closd')`) fails to compile
 * instead of becoming a 500 at run time.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-interface
export interface ProblemCodes extends CodesOf<typeof httpProblems> {}
export type ProblemCode = keyof ProblemCodes & string;
/** The codes of a catalogue, in the shape ProblemCodes merges. */
export type CodesOf<C> = { readonly [K in keyof C]: true };

export class DomainError extends Error {
  constructor(
    readonly code: ProblemCode,
    detail?: string,
    /** Extra members for the problem document (e.g. `{ available: 3 }`). */
    readonly extensions: Record<string, unknown> = {},
    readonly fieldErrors?: FieldError[],
  ) {
    super(detail ?? code);
    this.name = 'DomainError';
  }
}

const catalogue: ProblemCatalogue = {};

/** Each domain registers its codes once at import time; the returned catalogue keeps their literal types. */
export function registerProblems<const C extends ProblemCatalogue>(kinds: C): C {
  for (const [code, kind] of Object.entries(kinds)) {
    if (catalogue[code] && catalogue[code].status !== kind.status) throw new Error(`problem ${code} registered twice`);
    catalogue[code] = kind;
  }
  return kinds;
}

export function problemKind(code: string): ProblemKind | undefined {
  return catalogue[code];
}

export function allProblemKinds(): Readonly<ProblemCatalogue> {
  return catalogue;
}

/** The stable `type` URI of a problem: relative, so it works on any host. */
export function problemType(code: string): string {
  return `/problems/${code}`;
}

export const httpProblems = registerProblems({
  'http.validation': { status: 400, title: 'The request is not valid' },
  'http.malformed_json': { status: 400, title: 'The request body is not valid JSON' },
  'http.bad_request': { status: 400, title: 'Bad request' },
  'http.unauthenticated': { status: 401, title: 'Authentication required' },
  'http.forbidden': { status: 403, title: 'Not allowed' },
  'http.not_found': { status: 404, title: 'Not found' },
  'http.route_not_found': { status: 404, title: 'No such route' },
  'http.method_not_allowed': { status: 405, title: 'Method not allowed on this route' },
  'http.request_timeout': { status: 408, title: 'Request not received in time' },
  'http.conflict': { status: 409, title: 'Conflict with the current state' },
  'http.reference_not_found': { status: 422, title: 'A referenced resource does not exist' },
  'http.out_of_range': { status: 400, title: 'A number is out of range' },
  'http.uri_too_long': { status: 414, title: 'URI too long' },
  'http.headers_too_large': { status: 431, title: 'Request headers too large' },
  'http.nested_too_deep': { status: 400, title: 'The request body is nested too deeply' },
  'http.body_too_large': { status: 413, title: 'Request body too large' },
  'http.unsupported_media_type': { status: 415, title: 'Unsupported content type' },
  'http.idempotency_key_reused': { status: 422, title: 'Idempotency-Key reused with a different request' },
  'http.idempotency_in_progress': { status: 409, title: 'A request with this Idempotency-Key is still being processed' },
  'http.too_many_requests': { status: 429, title: 'Too many requests' },
  'http.internal': { status: 500, title: 'Internal error' },
  'http.unavailable': { status: 503, title: 'Service unavailable' },
});
