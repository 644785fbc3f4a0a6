import type ObservationProgram from './ObservationProgram.svelte';
import type SitesProgramme from './SitesProgramme.svelte';

/**
 * Each kind of programme has its own page, downloaded only where a programme of that kind is
 * shown: the load waits for it, so the page has it at hand when it renders.
 */
export const views: {
  sites?: typeof SitesProgramme;
  observations?: typeof ObservationProgram;
} = {};

export async function loadView(kind: 'sites' | 'observations'): Promise<void> {
  if (kind === 'sites') views.sites ??= (await import('./SitesProgramme.svelte')).default;
  else views.observations ??= (await import('./ObservationProgram.svelte')).default;
}
