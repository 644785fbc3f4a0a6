import type { FastifyRequest } from 'fastify';
import { Type, type TSchema } from 'typebox';
import {
  ErrorResponse,
  IdempotencyHeaders,
  ObservationInput,
  ObservationPatch,
  SavedObservation,
} from '@citizen/shared';
import type { App } from '../http/types.js';
import { parseJsonField, validateAgainst } from '../http/validate.js';
import { replyCreated } from '../idempotency/idempotent-reply.js';
import { JSON_OR_MULTIPART, jsonOrMultipart } from '../media/json-or-multipart.js';
import { readUploads } from '../media/multipart.js';
import type { Services } from '../services.js';
import { MAX_PHOTOS } from './write.service.js';

const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const errors = {
  400: ErrorResponse,
  401: ErrorResponse,
  403: ErrorResponse,
  404: ErrorResponse,
  409: ErrorResponse,
  413: ErrorResponse,
  415: ErrorResponse,
};

export function observationWriteRoutes(
  app: App,
  { observationWriter, idempotency, config }: Services,
) {
  // A JSON body, or multipart/form-data with that JSON as text in an `observation` field and up
  // to five photos as `photo` files.
  async function readBody<T extends TSchema>(request: FastifyRequest, schema: T) {
    if (!request.isMultipart()) {
      return { input: validateAgainst(schema, request.body ?? {}, 'body'), files: [] };
    }
    const { files, fields } = await readUploads(request, {
      maxFiles: MAX_PHOTOS,
      maxBytes: config.photos.maxBytes,
    });
    return {
      input: validateAgainst(schema, parseJsonField(fields, 'observation'), 'observation'),
      files,
    };
  }

  app.post(
    '/observations',
    {
      schema: {
        tags: ['observations'],
        summary: 'Record an observation, with up to 5 photos (multipart) or without (JSON)',
        description:
          'Safe to retry with an `Idempotency-Key`: the photos travel in the same request, so ' +
          'a retry of the whole request creates nothing more.',
        headers: IdempotencyHeaders,
        consumes: JSON_OR_MULTIPART,
        body: jsonOrMultipart(ObservationInput),
        response: { 201: SavedObservation, ...errors, 422: ErrorResponse },
      },
    },
    async (request, reply) => {
      const { input, files } = await readBody(request, ObservationInput);
      const outcome = await idempotency.once(
        {
          key: request.headers['idempotency-key'],
          userId: request.user?.id ?? null,
          operation: 'observation',
          input,
          files,
        },
        {
          create: (remember) => observationWriter.create(input, files, request.user, remember),
          replay: (id) => observationWriter.load(id),
        },
      );
      return replyCreated(reply, outcome, `/api/observations/${outcome.result.id}`);
    },
  );

  app.patch(
    '/observations/:id',
    {
      schema: {
        tags: ['observations'],
        summary:
          'Change an observation (its observer or an admin); photos may be added and removed',
        params: IdParams,
        consumes: JSON_OR_MULTIPART,
        body: jsonOrMultipart(ObservationPatch),
        response: { 200: SavedObservation, ...errors },
      },
    },
    async (request) => {
      const { input, files } = await readBody(request, ObservationPatch);
      return observationWriter.update(request.params.id, input, files, request.user);
    },
  );

  app.delete(
    '/observations/:id',
    {
      schema: {
        tags: ['observations'],
        summary: 'Delete an observation and its photos (its observer or an admin)',
        params: IdParams,
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      await observationWriter.delete(request.params.id, request.user);
      return reply.code(204).send(null);
    },
  );
}
