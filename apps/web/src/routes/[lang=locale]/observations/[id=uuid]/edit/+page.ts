import { getObservation, getProgram, getProgramTaxa } from '$lib/api';
import { requireMe } from '$lib/session';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, params, parent, url }) => {
  requireMe((await parent()).me, params.lang, url);
  const observation = await getObservation(fetch, params.id, params.lang);
  const [program, taxa] = await Promise.all([
    getProgram(fetch, observation.program.id, params.lang),
    getProgramTaxa(fetch, observation.program.id, params.lang),
  ]);
  return { observation, program, taxa };
};
