import { Type } from 'typebox';
import {
  ChangeEmailRequest,
  ChangePasswordRequest,
  DeleteAccountRequest,
  ErrorResponse,
  ExportQuery,
  Me,
  MessageResponse,
  UpdateMeRequest,
} from '@citizen/shared';
import { requestContext } from '../auth/auth.routes.js';
import { LockedError } from '../auth/accounts.service.js';
import { onlyFor, requireUser } from '../auth/guards.js';
import { DomainError } from '../http/errors.js';
import type { App } from '../http/types.js';
import { readUploads } from '../media/multipart.js';
import type { Services } from '../services.js';
import { AVATAR_MAX_BYTES } from './profile.service.js';

const NoContent = Type.Null({ description: 'No content' });

const errors = (...codes: number[]) =>
  Object.fromEntries(codes.map((code) => [code, ErrorResponse])) as Record<
    number,
    typeof ErrorResponse
  >;

/** The signed-in user's own account: profile, password, e-mail, avatar, data export, deletion. */
export function meRoutes(app: App, { accounts }: Services) {
  const { service, profiles, personalData, cookies } = accounts;
  // Refused before the body is read or checked: an anonymous request learns nothing more.
  const signedIn = onlyFor('observer');

  app.get(
    '/auth/me',
    {
      preValidation: signedIn,
      schema: {
        tags: ['account'],
        summary: 'My account (the only answer with my e-mail address)',
        response: { 200: Me, ...errors(401) },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'private, no-store');
      return profiles.me(requireUser(request).id);
    },
  );

  app.patch(
    '/auth/me',
    {
      preValidation: signedIn,
      schema: {
        tags: ['account'],
        summary: 'Change my display name, language or notification choice',
        body: UpdateMeRequest,
        response: { 200: Me, ...errors(400, 401) },
      },
    },
    async (request) => profiles.update(requireUser(request).id, request.body, request.ip),
  );

  app.post(
    '/auth/me/password',
    {
      preValidation: signedIn,
      schema: {
        tags: ['account'],
        summary: 'Change my password (the current one is asked); my other sessions end',
        body: ChangePasswordRequest,
        response: { 204: NoContent, ...errors(400, 401, 429) },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const sessionId = request.auth?.status === 'valid' ? request.auth.sessionId : null;
      try {
        await service.changePassword(user.id, sessionId, request.body, requestContext(request));
      } catch (error) {
        if (error instanceof LockedError) reply.header('retry-after', error.retryAfterSeconds);
        throw error;
      }
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/auth/me/email',
    {
      preValidation: signedIn,
      schema: {
        tags: ['account'],
        summary:
          'Change my e-mail address: a link is mailed to the new one, which takes effect once confirmed',
        body: ChangeEmailRequest,
        response: { 202: MessageResponse, ...errors(400, 401, 429) },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      try {
        const answer = await service.requestEmailChange(
          user.id,
          request.body,
          requestContext(request),
        );
        return reply.code(202).send(answer);
      } catch (error) {
        if (error instanceof LockedError) reply.header('retry-after', error.retryAfterSeconds);
        throw error;
      }
    },
  );

  app.put(
    '/auth/me/avatar',
    {
      preValidation: signedIn,
      schema: {
        tags: ['account'],
        summary: 'Set my avatar: one JPEG, PNG or WebP image (multipart), cropped to 256 px',
        consumes: ['multipart/form-data'],
        response: { 200: Me, ...errors(400, 401, 413, 415) },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const { files } = await readUploads(request, { maxFiles: 1, maxBytes: AVATAR_MAX_BYTES });
      const [image] = files;
      if (!image) throw new DomainError('upload.fileMissing', { field: 'avatar' });
      return profiles.setAvatar(user.id, image.bytes, request.ip);
    },
  );

  app.delete(
    '/auth/me/avatar',
    {
      preValidation: signedIn,
      schema: {
        tags: ['account'],
        summary: 'Remove my avatar',
        response: { 204: NoContent, ...errors(401) },
      },
    },
    async (request, reply) => {
      await profiles.removeAvatar(requireUser(request).id, request.ip);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/auth/me/export',
    {
      preValidation: signedIn,
      schema: {
        tags: ['account'],
        summary:
          'Download everything about me: JSON (photos as links), CSV (my observations) or ZIP (both, with my original photos)',
        querystring: ExportQuery,
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const stamp = new Date().toISOString().slice(0, 10);
      const name = `citizen-${user.username.replace(/[^A-Za-z0-9._-]/g, '_')}-${stamp}`;
      reply.header('cache-control', 'private, no-store');
      switch (request.query.format) {
        case 'csv':
          return reply
            .type('text/csv; charset=utf-8')
            .header('content-disposition', `attachment; filename="${name}.csv"`)
            .send(await personalData.exportCsv(user.id, request.ip));
        case 'zip':
          return reply
            .type('application/zip')
            .header('content-disposition', `attachment; filename="${name}.zip"`)
            .send(await personalData.exportZip(user.id, request.ip));
        default:
          return reply
            .type('application/json; charset=utf-8')
            .header('content-disposition', `attachment; filename="${name}.json"`)
            .send(JSON.stringify(await personalData.exportJson(user.id, request.ip), null, 2));
      }
    },
  );

  app.delete(
    '/auth/me',
    {
      preValidation: signedIn,
      schema: {
        tags: ['account'],
        summary:
          'Delete my account (the password is asked), anonymising or deleting my observations',
        body: DeleteAccountRequest,
        response: { 204: NoContent, ...errors(400, 401) },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      await personalData.deleteAccount(user.id, request.body, requestContext(request));
      cookies.clear(reply);
      return reply.code(204).send(null);
    },
  );
}
