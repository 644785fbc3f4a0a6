import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { HttpError } from './errors.js';

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
};

export function errorBody(statusCode: number, message: string, extra: object = {}) {
  return { statusCode, error: REASONS[statusCode] ?? 'Error', message, ...extra };
}

/** Every error leaves as `{statusCode, error, message}`; a server fault never shows its details. */
export function errorHandler(
  error: FastifyError | HttpError,
  request: FastifyRequest,
  reply: FastifyReply,
) {
  if (error instanceof HttpError) {
    return reply
      .code(error.statusCode)
      .send(errorBody(error.statusCode, error.message, error.details));
  }
  const status = error.statusCode ?? 500;
  if (status >= 500) {
    request.log.error(error);
    return reply.code(500).send(errorBody(500, 'Something went wrong on our side'));
  }
  return reply.code(status).send(errorBody(status, error.message));
}

export function notFoundHandler(request: FastifyRequest, reply: FastifyReply) {
  return reply
    .code(404)
    .send(errorBody(404, `No route ${request.method} ${request.url.split('?')[0]}`));
}
