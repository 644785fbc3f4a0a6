import type { CurrentUser } from '../auth/current-user.js';

/** Who may do what with an observation and its photos. Every route asks here. */

type Owned = { observerId: number | null };

const isExpert = (user: CurrentUser | null) => user?.role === 'validator' || user?.role === 'admin';

export function isOwner(user: CurrentUser | null, observation: Owned): boolean {
  return user !== null && observation.observerId !== null && observation.observerId === user.id;
}

export function canEditObservation(user: CurrentUser | null, observation: Owned): boolean {
  return isOwner(user, observation) || user?.role === 'admin';
}

export const canDeleteObservation = canEditObservation;

/** Owners, validators and admins see the exact point of a sensitive taxon; the public a grid cell. */
export function canSeeExactLocation(user: CurrentUser | null, observation: Owned): boolean {
  return isOwner(user, observation) || isExpert(user);
}

/** Originals may carry GPS metadata: only the uploader, the observer and experts get them. */
export function canSeeOriginalPhoto(
  user: CurrentUser | null,
  photo: { uploadedBy: number | null; observerId: number | null },
): boolean {
  if (!user) return false;
  return photo.uploadedBy === user.id || photo.observerId === user.id || isExpert(user);
}
