import type { CurrentUser } from '../auth/current-user.js';
import type { Role } from '../db/schema.js';

/** Roles from least to most powerful: each holds every right of the ones before it. */
const RANK: Record<Role, number> = { observer: 0, validator: 1, admin: 2 };

export function hasRole(user: CurrentUser | null, role: Role): boolean {
  return user !== null && RANK[user.role] >= RANK[role];
}

export const isAdmin = (user: CurrentUser | null) => hasRole(user, 'admin');

/** Validators and admins: they may validate observations and see exact locations. */
export const isValidator = (user: CurrentUser | null) => hasRole(user, 'validator');
