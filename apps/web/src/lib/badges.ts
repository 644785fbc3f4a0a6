import type { EarnedBadge, Leaderboard, MyBadges, SavedObservation } from '@citizen/shared';
import { ApiError, request, type Fetch } from './api';

/** The badges a saved observation just earned its observer, to announce once. */
export const newBadges = (saved: SavedObservation): EarnedBadge[] => saved.newBadges ?? [];

/**
 * My badges and progress. Ask only when the settings say badges are on: otherwise the API
 * answers 404 (null here), which browsers log as an error.
 */
export async function getMyBadges(fetch: Fetch): Promise<MyBadges | null> {
  try {
    return await request(fetch, 'GET', '/api/me/badges');
  } catch (cause) {
    if (cause instanceof ApiError && cause.status === 404) return null;
    throw cause;
  }
}

/**
 * Whether a programme counts towards badges and shows a leaderboard (both false when badges
 * are off). Always 200 for a programme: pages ask this rather than probe routes that 404.
 */
export const getProgramBadgeSettings = (fetch: Fetch, programId: number) =>
  request(fetch, 'GET', '/api/programs/{id}/badge-settings', { path: { id: programId } });

export type LeaderboardBy = Leaderboard['by'];

export const getLeaderboard = (
  fetch: Fetch,
  programId: number,
  by: LeaderboardBy = 'observations',
) =>
  request(fetch, 'GET', '/api/programs/{id}/leaderboard', {
    path: { id: programId },
    query: { by, limit: 10 },
  });

// Announcing: a page that saves something and moves on (a visit, then its site's page) leaves
// the badges here; the next page takes them, so that they are announced once. Only ever written
// in the browser, from an event handler.
let pending: EarnedBadge[] = [];

export function announceLater(badges: EarnedBadge[]): void {
  const known = new Set(pending.map((badge) => badge.id));
  pending = [...pending, ...badges.filter((badge) => !known.has(badge.id))];
}

export function takeAnnouncements(): EarnedBadge[] {
  const taken = pending;
  pending = [];
  return taken;
}
