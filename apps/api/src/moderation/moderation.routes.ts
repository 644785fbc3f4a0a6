import { Type } from 'typebox';
import {
  ErrorResponse,
  ModerationList,
  ModerationObservation,
  ModerationQuery,
  ModerationReason,
  PhotoModerationParams,
} from '@citizen/shared';
import { onlyFor, requireAdmin } from '../auth/guards.js';
import type { App } from '../http/types.js';
import type { Services } from '../services.js';

const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse };
const tags = ['admin: moderation'];

/** Administrators' moderation of observations and photos (hiding a whole one: validation/). */
export function moderationRoutes(app: App, { moderation }: Services) {
  app.get(
    '/admin/moderation/observations',
    {
      preValidation: onlyFor('admin'),
      schema: {
        tags,
        summary: 'Observations to moderate: the newest, or those hidden or with a hidden photo',
        description: 'Every photo is listed, hidden ones too (flagged, with their reason).',
        querystring: ModerationQuery,
        response: { 200: ModerationList, ...errors },
      },
    },
    async (request) => moderation.list(requireAdmin(request), request.query),
  );

  app.get(
    '/admin/moderation/observations/:id',
    {
      preValidation: onlyFor('admin'),
      schema: {
        tags,
        summary: 'One observation as moderators see it (hidden photos included)',
        params: IdParams,
        response: { 200: ModerationObservation, ...errors },
      },
    },
    async (request) => moderation.get(requireAdmin(request), request.params.id),
  );

  app.delete(
    '/admin/observations/:id',
    {
      preValidation: onlyFor('admin'),
      schema: {
        tags,
        summary: 'Delete an observation and its photos, with a reason kept in the audit log',
        params: IdParams,
        body: ModerationReason,
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      const user = requireAdmin(request);
      await moderation.deleteObservation(
        { user, ip: request.ip },
        request.params.id,
        request.body.reason.trim(),
      );
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/admin/observations/:id/photos/:mediaId/hide',
    {
      preValidation: onlyFor('admin'),
      schema: {
        tags,
        summary:
          'Hide one photo of an observation, with a reason: out of every list, served to experts only',
        params: PhotoModerationParams,
        body: ModerationReason,
        response: { 200: ModerationObservation, ...errors },
      },
    },
    async (request) => {
      const user = requireAdmin(request);
      const { id, mediaId } = request.params;
      return moderation.setPhotoHidden(
        { user, ip: request.ip },
        id,
        mediaId,
        true,
        request.body.reason.trim(),
      );
    },
  );

  app.post(
    '/admin/observations/:id/photos/:mediaId/unhide',
    {
      preValidation: onlyFor('admin'),
      schema: {
        tags,
        summary: 'Show a hidden photo again (a reason is optional)',
        params: PhotoModerationParams,
        body: Type.Optional(Type.Partial(ModerationReason)),
        response: { 200: ModerationObservation, ...errors },
      },
    },
    async (request) => {
      const user = requireAdmin(request);
      const { id, mediaId } = request.params;
      return moderation.setPhotoHidden(
        { user, ip: request.ip },
        id,
        mediaId,
        false,
        request.body?.reason?.trim() || null,
      );
    },
  );

  app.delete(
    '/admin/observations/:id/photos/:mediaId',
    {
      preValidation: onlyFor('admin'),
      schema: {
        tags,
        summary: 'Delete one photo of an observation (row and files), with a reason',
        params: PhotoModerationParams,
        body: ModerationReason,
        response: { 200: ModerationObservation, ...errors },
      },
    },
    async (request) => {
      const user = requireAdmin(request);
      const { id, mediaId } = request.params;
      return moderation.deletePhoto(
        { user, ip: request.ip },
        id,
        mediaId,
        request.body.reason.trim(),
      );
    },
  );
}
