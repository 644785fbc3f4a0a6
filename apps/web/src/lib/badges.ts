import type { EarnedBadge, MyBadges, SavedObservation } from '@citizen/shared';
import { ApiError, request, type Fetch } from './api';

/** The badges a saved observation just earned its observer, to announce once. */
export const newBadges = (saved: SavedObservation): EarnedBadge[] => saved.newBadges ?? [];

/** My badges and progress, or null when badges are off on this instance (the API says 404). */
export async function getMyBadges(fetch: Fetch): Promise<MyBadges | null> {
  try {
    return await request<MyBadges>(fetch, 'GET', '/api/me/badges');
  } catch (cause) {
    if (cause instanceof ApiError && cause.status === 404) return null;
    throw cause;
  }
}
