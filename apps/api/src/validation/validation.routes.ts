import { Type } from 'typebox';
import {
  BulkValidationInput,
  BulkValidationResult,
  CommentInput,
  ErrorResponse,
  ModerationInput,
  ObservationList,
  ObservationListQuery,
  ValidationInput,
  ValidationState,
  ValidationStateQuery,
} from '@citizen/shared';
import { onlyFor, requireRole } from '../auth/guards.js';
import { parseFilter, viewerOf } from '../observations/filters.js';
import type { App } from '../http/types.js';
import type { Services } from '../services.js';

const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse };

export function validationRoutes(app: App, { validation, listing, config }: Services) {
  app.get(
    '/validation/queue',
    {
      preValidation: onlyFor('validator'),
      schema: {
        tags: ['validation'],
        summary:
          'Observations awaiting review (by default `status=pending`), never the caller’s own',
        description:
          'The filters, sorts and cursor of GET /api/observations; experts see exact points.',
        querystring: ObservationListQuery,
        response: { 200: ObservationList, ...errors },
      },
    },
    async (request) => {
      const validator = requireRole(request, 'validator');
      const { query } = request;
      const filter = parseFilter({ ...query, status: query.status ?? 'pending' });
      return listing.list(
        query,
        { ...filter, excludeObserverId: validator.id },
        viewerOf(validator),
        query.lang ?? config.defaultLocale,
      );
    },
  );

  app.get(
    '/observations/:id/validation',
    {
      schema: {
        tags: ['validation'],
        summary: "An observation's validation status and full history (its observer and experts)",
        params: IdParams,
        querystring: ValidationStateQuery,
        response: { 200: ValidationState, ...errors },
      },
    },
    async (request) =>
      validation.state(request.params.id, request.user, request.query.lang ?? config.defaultLocale),
  );

  app.post(
    '/observations/:id/validation',
    {
      preValidation: onlyFor('validator'),
      schema: {
        tags: ['validation'],
        summary:
          'Judge an observation (validators); `cdNom` re-identifies it, the original stays in the history',
        params: IdParams,
        querystring: ValidationStateQuery,
        body: ValidationInput,
        response: { 200: ValidationState, ...errors },
      },
    },
    async (request) =>
      validation.validate(
        request.params.id,
        request.body,
        request.user,
        request.query.lang ?? config.defaultLocale,
      ),
  );

  app.post(
    '/observations/:id/comments',
    {
      schema: {
        tags: ['validation'],
        summary: "A validator's question to the observer, or the observer's answer",
        params: IdParams,
        querystring: ValidationStateQuery,
        body: CommentInput,
        response: { 200: ValidationState, ...errors },
      },
    },
    async (request) =>
      validation.comment(
        request.params.id,
        request.body.comment,
        request.user,
        request.query.lang ?? config.defaultLocale,
      ),
  );

  app.post(
    '/validation/bulk',
    {
      preValidation: onlyFor('validator'),
      schema: {
        tags: ['validation'],
        summary: 'Judge up to 500 observations at once (own observations are skipped)',
        body: BulkValidationInput,
        response: { 200: BulkValidationResult, ...errors },
      },
    },
    async (request) => validation.bulk(request.body, request.user),
  );

  app.post(
    '/admin/observations/:id/hide',
    {
      preValidation: onlyFor('admin'),
      schema: {
        tags: ['admin: moderation'],
        summary: 'Hide an observation from every public output, with a reason',
        params: IdParams,
        querystring: ValidationStateQuery,
        body: ModerationInput,
        response: { 200: ValidationState, ...errors },
      },
    },
    async (request) =>
      validation.setHidden(
        request.params.id,
        true,
        request.body.reason,
        request.user,
        request.query.lang ?? config.defaultLocale,
      ),
  );

  app.post(
    '/admin/observations/:id/unhide',
    {
      preValidation: onlyFor('admin'),
      schema: {
        tags: ['admin: moderation'],
        summary: 'Show a hidden observation again',
        params: IdParams,
        querystring: ValidationStateQuery,
        response: { 200: ValidationState, ...errors },
      },
    },
    async (request) =>
      validation.setHidden(
        request.params.id,
        false,
        null,
        request.user,
        request.query.lang ?? config.defaultLocale,
      ),
  );
}
