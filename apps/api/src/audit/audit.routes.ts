import { AuditList, AuditQuery, ErrorResponse } from '@citizen/shared';
import { onlyFor, requireUser } from '../auth/guards.js';
import { DomainError } from '../http/errors.js';
import type { App } from '../http/types.js';
import { canReadAuditLog } from '../policies/users.policy.js';
import type { Services } from '../services.js';

export function auditRoutes(app: App, { accounts }: Services) {
  app.get(
    '/admin/audit',
    {
      preValidation: onlyFor('admin'),
      schema: {
        tags: ['admin'],
        summary: 'Security events and every admin and validator action, newest first (admins only)',
        description:
          'Filter by the account an event is about (`userId`), who did it (`actorId`), events (comma-separated) and dates; page with `before=nextBefore`.',
        querystring: AuditQuery,
        response: { 200: AuditList, 401: ErrorResponse, 403: ErrorResponse },
      },
    },
    async (request) => {
      const user = requireUser(request);
      if (!canReadAuditLog(user)) throw new DomainError('auth.adminOnly');
      return accounts.audit.list(request.query);
    },
  );
}
