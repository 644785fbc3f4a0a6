import type { CurrentUser } from '../auth/current-user.js';
import { isAdmin } from '../policies/roles.js';

/** Who may do what with sites and visits. Every sites route asks here. */

type OwnedSite = { creatorId: number | null };
type OwnedVisit = { observerId: number | null };

const owns = (user: CurrentUser | null, ownerId: number | null) =>
  user !== null && ownerId !== null && ownerId === user.id;

/** The creator (name, type, point, form answers, photos) or an admin. */
export function canEditSite(user: CurrentUser | null, site: OwnedSite): boolean {
  return owns(user, site.creatorId) || isAdmin(user);
}

/**
 * Deleting a site deletes every visit of it: its creator may do it only while nobody else has
 * visited it; an admin always may.
 */
export function canDeleteSite(
  user: CurrentUser | null,
  site: OwnedSite & { visitedByOthers: boolean },
): boolean {
  return isAdmin(user) || (owns(user, site.creatorId) && !site.visitedByOthers);
}

/** Logged-in users, where the programme lets anyone visit; else the creator (and admins). */
export function canAddVisit(
  user: CurrentUser | null,
  site: OwnedSite,
  program: { visitsBy: 'anyone' | 'creator' },
): boolean {
  if (!user) return false;
  return program.visitsBy === 'anyone' || owns(user, site.creatorId) || isAdmin(user);
}

/** A visit's observer (or an admin) edits and deletes it, and adds the species seen to it. */
export function canEditVisit(user: CurrentUser | null, visit: OwnedVisit): boolean {
  return owns(user, visit.observerId) || isAdmin(user);
}
