import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, problemKind, problemType, type FieldError } from './problem.js';
import { pgCode } from '../db/tx.js';

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
  if (kind.status === 429 && typeof error.extensions.retryAfterSeconds === 'number') {
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
    // Database-level guarantees surfacing because an application check was missed or lost a race.
    const sqlState = pgCode(error);
    if (sqlState === '23505') return sendProblem(request, reply, new DomainError('http.conflict', 'A resource with the same unique key already exists'));
    if (sqlState === '40001' || sqlState === '40P01') return sendProblem(request, reply, new DomainError('http.conflict', 'Concurrent update; retry the request'));
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      const code = error.statusCode === 404 ? 'http.not_found' : error.statusCode === 429 ? 'http.too_many_requests' : 'http.bad_request';
      return sendProblem(request, reply, new DomainError(code, error.message));
    }
    request.log.error({ err: error }, 'unexpected fault');
    return sendProblem(request, reply, new DomainError('http.internal', `An unexpected error occurred; quote request id ${request.id}`));
  });
}
