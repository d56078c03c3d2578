import http from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, problemKind, problemType, type FieldError } from './problem.js';
import { pgCode, pgConstraint } from '../db/tx.js';
import { isDatabaseUnavailable } from '../db/faults.js';

/** How long a client should wait before retrying while the database or the process is unavailable. */
export const RETRY_AFTER_UNAVAILABLE_SECONDS = 5;

export interface ProblemDocument {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  code: string;
  requestId: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

export function sendProblem(request: FastifyRequest, reply: FastifyReply, error: DomainError): FastifyReply {
  const kind = problemKind(error.code) ?? { status: 500, title: 'Internal error' };
  const body: ProblemDocument = {
    ...error.extensions,
    type: problemType(error.code),
    title: kind.title,
    status: kind.status,
    detail: error.message,
    instance: request.url,
    code: error.code,
    requestId: String(request.id),
  };
  if (error.fieldErrors) body.errors = error.fieldErrors;
  if (kind.status === 405 && Array.isArray(error.extensions.allow)) reply.header('allow', error.extensions.allow.join(', '));
  if ((kind.status === 429 || kind.status === 503) && typeof error.extensions.retryAfterSeconds === 'number') {
    reply.header('retry-after', String(error.extensions.retryAfterSeconds));
  }
  return reply.status(kind.status).type('application/problem+json').send(body);
}

interface AjvError { instancePath?: string; message?: string; keyword?: string; params?: Record<string, unknown> }

/** Turns Ajv's errors into one entry per field, naming the field (including unknown ones). */
export function fieldErrors(validation: AjvError[], context: string | undefined): FieldError[] {
  return validation.map((e) => {
    let field = e.instancePath || '';
    let message = e.message ?? 'is not valid';
    if (e.keyword === 'additionalProperties' && e.params?.additionalProperty) {
      field = `${field}/${String(e.params.additionalProperty)}`;
      message = 'is not a known field';
    } else if (e.keyword === 'required' && e.params?.missingProperty) {
      field = `${field}/${String(e.params.missingProperty)}`;
      message = 'is required';
    }
    const where = context === 'body' ? '' : `${context ?? ''}:`;
    return { field: `${where}${field || '/'}`, message };
  });
}

/** Maps every error to problem+json; client mistakes are 4xx with a clear message, faults a bare 500. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError & { validationContext?: string }, request, reply) => {
    if (error instanceof DomainError) return sendProblem(request, reply, error);
    if (error.validation) {
      const errors = fieldErrors(error.validation as AjvError[], error.validationContext);
      const detail = errors.map((e) => `${e.field} ${e.message}`).join('; ');
      return sendProblem(request, reply, new DomainError('http.validation', detail, {}, errors));
    }
    switch (error.code) {
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
        return sendProblem(request, reply, new DomainError('http.unsupported_media_type',
          `Content-Type ${request.headers['content-type'] ?? '(none)'} is not accepted; send application/json`));
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        return sendProblem(request, reply, new DomainError('http.body_too_large', 'The request body exceeds the size limit'));
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
        return sendProblem(request, reply, new DomainError('http.malformed_json', 'The body is empty but Content-Type is application/json'));
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
        return sendProblem(request, reply, new DomainError('http.malformed_json', `The body is not valid JSON: ${error.message}`));
    }
    if (error instanceof SyntaxError && error.statusCode === 400) {
      return sendProblem(request, reply, new DomainError('http.malformed_json', `The body is not valid JSON: ${error.message}`));
    }
    const fromDatabase = databaseProblem(error);
    if (fromDatabase) {
      if (fromDatabase.code === 'http.unavailable') request.log.warn({ err: error }, 'database unavailable');
      return sendProblem(request, reply, fromDatabase);
    }
    const framework = frameworkProblem(error);
    if (framework) return sendProblem(request, reply, framework);
    request.log.error({ err: error }, 'unexpected fault');
    return sendProblem(request, reply, new DomainError('http.internal', `An unexpected error occurred; quote request id ${request.id}`));
  });
}

/**
 * Database-level guarantees surfacing because an application check was missed or lost a race,
 * and values the database cannot hold. Mapped here once, so that no route answers 500 for a
 * client's mistake; routes still check what they can first, for a clearer message.
 */
function databaseProblem(error: unknown): DomainError | undefined {
  if (isDatabaseUnavailable(error)) {
    return new DomainError('http.unavailable', 'The database is not reachable; retry shortly', { retryAfterSeconds: RETRY_AFTER_UNAVAILABLE_SECONDS });
  }
  const sqlState = pgCode(error);
  if (!sqlState) return undefined;
  const constraint = pgConstraint(error);
  switch (sqlState) {
    case '23505': return new DomainError('http.conflict', 'A resource with the same unique key already exists');
    case '23503':
      // Deleting or re-keying a row that others still point at is a conflict; naming a row that does not exist is the client's mistake.
      if (/^update or delete on table/.test(messageOf(error))) return new DomainError('http.conflict', `The resource is still referenced${constraint ? ` (${constraint})` : ''}`);
      return new DomainError('http.reference_not_found', `A referenced resource does not exist${constraint ? ` (${constraint})` : ''}`);
    case '23514': return new DomainError('http.conflict', `The change would break a rule of the data${constraint ? ` (${constraint})` : ''}`);
    case '40001': case '40P01': case '55P03': return new DomainError('http.conflict', 'Concurrent update; retry the request');
    case '22003': return new DomainError('http.out_of_range', 'A number is out of the range this field accepts');
    case '22001': return new DomainError('http.validation', 'A value is longer than this field accepts');
    case '22021': case '22P05': return new DomainError('http.validation', 'Text contains a character that cannot be stored (e.g. NUL)');
    case '22007': case '22008': return new DomainError('http.validation', 'A date or time is not valid or out of range');
    case '22P02': return new DomainError('http.validation', 'A value does not have the expected form');
    case '54001': return new DomainError('http.validation', 'The request is nested too deeply');
  }
  return undefined;
}

function messageOf(error: unknown): string {
  let current: any = error;
  for (let depth = 0; current && depth < 4; depth++) {
    if (typeof current.code === 'string' && typeof current.message === 'string') return current.message;
    current = current.cause;
  }
  return '';
}

/** Errors Fastify raises itself (routing, body parsing, limits), as the problem they are. */
function frameworkProblem(error: FastifyError): DomainError | undefined {
  switch (error.code) {
    case 'FST_ERR_BAD_URL': return new DomainError('http.bad_request', 'The URL is not valid (bad percent-encoding)');
    case 'FST_ERR_MAX_PARAM_LENGTH': return new DomainError('http.uri_too_long', 'A path segment is longer than this API accepts');
    case 'FST_ERR_ASYNC_CONSTRAINT': return new DomainError('http.bad_request', 'The request does not match a route constraint');
  }
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    const code = error.statusCode === 404 ? 'http.not_found'
      : error.statusCode === 413 ? 'http.body_too_large'
        : error.statusCode === 415 ? 'http.unsupported_media_type'
          : error.statusCode === 429 ? 'http.too_many_requests' : 'http.bad_request';
    return new DomainError(code, error.message);
  }
  return undefined;
}

/** Fastify's `frameworkErrors` option: bad URL encoding and over-long path segments, as problem+json. */
export function onFrameworkError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  sendProblem(request, reply, frameworkProblem(error) ?? new DomainError('http.bad_request', error.message));
}

/**
 * Fastify's `clientErrorHandler`: what Node's HTTP parser refuses before any route runs
 * (headers or URL too large, malformed request line). Written straight to the socket, in the
 * same problem+json shape as every other error.
 */
export function onClientError(error: NodeJS.ErrnoException, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, code, detail] = error.code === 'HPE_HEADER_OVERFLOW'
    ? [431, 'http.headers_too_large', 'The request line or headers exceed the size limit (a URL this long is not accepted either)']
    : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
      ? [408, 'http.request_timeout', 'The request was not received in time']
      : [400, 'http.bad_request', 'The request is not valid HTTP'];
  const body = JSON.stringify({
    type: problemType(code), title: problemKind(code)?.title ?? http.STATUS_CODES[status], status, detail, instance: '', code, requestId: '',
  });
  if (socket.writable) {
    socket.write(`HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\nConnection: close\r\nContent-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  }
  socket.destroy(error);
}
