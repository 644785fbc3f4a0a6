import { Type } from 'typebox';
import {
  AdminUser,
  AdminUserDetail,
  AdminUserList,
  AdminUserPatch,
  AdminUserQuery,
  ErrorResponse,
  PublicProfile,
  UsernameParams,
} from '@citizen/shared';
import { onlyFor, requireAdmin } from '../auth/guards.js';
import type { App } from '../http/types.js';
import { fileResponse } from '../openapi/file-response.js';
import type { Services } from '../services.js';

/** Public profiles (never an e-mail address), and the administrators' account management. */
export function usersRoutes(app: App, { accounts }: Services) {
  const { profiles, admin } = accounts;

  app.get(
    '/users/:username',
    {
      schema: {
        tags: ['users'],
        summary: "A user's public profile: name, avatar, role, observation count (no e-mail)",
        params: UsernameParams,
        response: { 200: PublicProfile, 404: ErrorResponse },
      },
    },
    async (request) => profiles.publicProfile(request.params.username),
  );

  app.get(
    '/users/:username/avatar',
    {
      schema: {
        tags: ['users'],
        summary: "A user's avatar (256 px WebP)",
        params: UsernameParams,
        querystring: Type.Object({ v: Type.Optional(Type.String({ maxLength: 40 })) }),
        response: { 200: fileResponse('The avatar', ['image/webp']), 404: ErrorResponse },
      },
    },
    async (request, reply) => {
      const file = await profiles.avatarFile(request.params.username);
      return reply
        .type('image/webp')
        .header('content-length', file.size)
        .header('x-content-type-options', 'nosniff')
        .header(
          'cache-control',
          request.query.v ? 'public, max-age=31536000, immutable' : 'public, max-age=300',
        )
        .send(file.stream);
    },
  );

  app.get(
    '/admin/users',
    {
      preValidation: onlyFor('admin'),
      schema: {
        tags: ['admin'],
        summary: 'List and search accounts (admins only)',
        querystring: AdminUserQuery,
        response: { 200: AdminUserList, 401: ErrorResponse, 403: ErrorResponse },
      },
    },
    async (request) => admin.list(requireAdmin(request), request.query),
  );

  app.get(
    '/admin/users/:id',
    {
      preValidation: onlyFor('admin'),
      schema: {
        tags: ['admin'],
        summary: 'One account and what it contributed (admins only)',
        params: Type.Object({ id: Type.Integer({ minimum: 1 }) }),
        response: {
          200: AdminUserDetail,
          401: ErrorResponse,
          403: ErrorResponse,
          404: ErrorResponse,
        },
      },
    },
    async (request) => admin.detail(requireAdmin(request), request.params.id),
  );

  app.patch(
    '/admin/users/:id',
    {
      preValidation: onlyFor('admin'),
      schema: {
        tags: ['admin'],
        summary: "Grant a role or (de)activate an account (admins only, not on one's own account)",
        params: Type.Object({ id: Type.Integer({ minimum: 1 }) }),
        body: AdminUserPatch,
        response: {
          200: AdminUser,
          400: ErrorResponse,
          401: ErrorResponse,
          403: ErrorResponse,
          404: ErrorResponse,
        },
      },
    },
    async (request) =>
      admin.change(requireAdmin(request), request.params.id, request.body, request.ip),
  );
}
