import type { CurrentUser } from '../auth/current-user.js';
import type { Role } from '../db/schema.js';
import { isAdmin } from './roles.js';

/** Who may do what with accounts. Every accounts route asks here. */

/** Only admins list, search, promote, demote, activate or deactivate accounts. */
export const canManageUsers = (user: CurrentUser | null) => isAdmin(user);

export const canReadAuditLog = (user: CurrentUser | null) => isAdmin(user);

/** One's own account data (e-mail address included); admins see every account's. */
export function canSeePrivateAccount(user: CurrentUser | null, account: { id: number }): boolean {
  return user !== null && (user.id === account.id || isAdmin(user));
}

/**
 * Whether `actor` may set `target`'s role and active flag as asked. Only admins, and never on
 * their own account: an admin cannot lock themselves out nor drop their own rights by mistake
 * (another admin must do it), which also keeps at least one active admin.
 */
export function canChangeAccount(
  actor: CurrentUser | null,
  target: { id: number },
  change: { role?: Role; active?: boolean },
): boolean {
  if (!isAdmin(actor)) return false;
  const selfChange = actor!.id === target.id;
  if (!selfChange) return true;
  const demotes = change.role !== undefined && change.role !== 'admin';
  const deactivates = change.active === false;
  return !demotes && !deactivates;
}
