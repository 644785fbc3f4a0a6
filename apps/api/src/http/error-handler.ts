import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { ERRORS, type ErrorResponse } from '@citizen/shared';
import { DomainError } from './errors.js';
import { schemaFieldErrors } from './schema-errors.js';

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
};

/** Fastify's own refusals (and its plugins'), by their code. */
const FASTIFY_CODES: Record<string, DomainError> = {
  FST_ERR_CTP_INVALID_JSON_BODY: new DomainError('request.invalidJson'),
  FST_ERR_CTP_EMPTY_JSON_BODY: new DomainError('request.emptyBody'),
  FST_ERR_CTP_BODY_TOO_LARGE: new DomainError('request.bodyTooLarge'),
  FST_ERR_CTP_INVALID_MEDIA_TYPE: new DomainError('request.unsupportedMediaType'),
  FST_INVALID_MULTIPART_CONTENT_TYPE: new DomainError('upload.notMultipart'),
};

/** The answer's body for a domain error, with the status its code has in the registry. */
export function errorBody(error: DomainError, statusCode: number = ERRORS[error.code].status) {
  const body: ErrorResponse = {
    statusCode,
    error: REASONS[statusCode] ?? 'Error',
    code: error.code,
    params: error.params,
    message: error.message,
  };
  if (error.errors.length > 0) body.errors = error.errors;
  return { ...body, ...error.body };
}

/** A request the schema refused: `request.invalid` naming the first field, and each field's problem. */
function schemaError(error: FastifyError): DomainError {
  const errors = schemaFieldErrors(error.validation ?? [], '');
  const field = errors[0]?.field ?? error.validationContext ?? 'body';
  return new DomainError('request.invalid', { field }, { errors });
}

/**
 * Every error leaves as an ErrorResponse with a code of the registry; a server fault never shows
 * its details. Some 4xx errors of Fastify or a plugin may have no code of their own: they keep
 * their status, with `request.refused` and their message as the detail.
 */
export function errorHandler(
  error: FastifyError | DomainError,
  request: FastifyRequest,
  reply: FastifyReply,
) {
  if (error instanceof DomainError) {
    const body = errorBody(error);
    return reply.code(body.statusCode).send(body);
  }
  if (error.validation) {
    const body = errorBody(schemaError(error));
    return reply.code(body.statusCode).send(body);
  }
  const known = FASTIFY_CODES[error.code];
  if (known) {
    const body = errorBody(known);
    return reply.code(body.statusCode).send(body);
  }
  const status = error.statusCode ?? 500;
  if (status >= 500) {
    request.log.error(error);
    return reply.code(500).send(errorBody(new DomainError('server.internal')));
  }
  return reply
    .code(status)
    .send(errorBody(new DomainError('request.refused', { detail: error.message }), status));
}

export function notFoundHandler(request: FastifyRequest, reply: FastifyReply) {
  const path = request.url.split('?')[0] ?? '/';
  return reply
    .code(404)
    .send(errorBody(new DomainError('route.notFound', { method: request.method, path })));
}
