import type Leaderboard from '$lib/badges/Leaderboard.svelte';
import type ObservationProgram from './ObservationProgram.svelte';
import type SitesProgramme from './SitesProgramme.svelte';

/**
 * Each kind of programme has its own page, downloaded only where a programme of that kind is
 * shown: the load waits for it, so the page has it at hand when it renders.
 */
export const views: {
  sites?: typeof SitesProgramme;
  observations?: typeof ObservationProgram;
  /** Only programmes that show their leaderboard download it. */
  leaderboard?: LeaderboardView;
} = {};

export type LeaderboardView = typeof Leaderboard;

export async function loadView(kind: 'sites' | 'observations'): Promise<void> {
  if (kind === 'sites') views.sites ??= (await import('./SitesProgramme.svelte')).default;
  else views.observations ??= (await import('./ObservationProgram.svelte')).default;
}

export async function loadLeaderboard(): Promise<void> {
  views.leaderboard ??= (await import('$lib/badges/Leaderboard.svelte')).default;
}
