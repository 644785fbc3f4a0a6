import type { FastifyRequest } from 'fastify';
import type { Role } from '../db/schema.js';
import type { ErrorCode } from '@citizen/shared';
import { DomainError } from '../http/errors.js';
import { hasRole } from '../policies/roles.js';
import type { CurrentUser } from './current-user.js';

/** The signed-in user, or 401. Routes call this rather than reading `request.user` themselves. */
export function requireUser(request: FastifyRequest): CurrentUser {
  if (request.user) return request.user;
  throw new DomainError(
    request.auth?.status === 'rejected' ? 'auth.sessionExpired' : 'auth.loginRequired',
  );
}

const ROLE_REQUIRED = {
  observer: 'auth.observerOnly',
  validator: 'auth.validatorOnly',
  admin: 'auth.adminOnly',
} as const satisfies Record<Role, ErrorCode>;

/** The signed-in user if they hold `role` or a higher one; 401 when anonymous, 403 otherwise. */
export function requireRole(request: FastifyRequest, role: Role): CurrentUser {
  const user = requireUser(request);
  if (!hasRole(user, role)) throw new DomainError(ROLE_REQUIRED[role]);
  return user;
}

export const requireAdmin = (request: FastifyRequest) => requireRole(request, 'admin');

/**
 * A route hook that refuses before the body is even checked: an anonymous request to an admin
 * route learns nothing about what the route expects.
 */
export function onlyFor(role: Role) {
  const guard = async (request: FastifyRequest) => {
    requireRole(request, role);
  };
  // Read by the route-wide permission test (test/permissions.int.test.ts).
  return Object.assign(guard, { requiredRole: role });
}
