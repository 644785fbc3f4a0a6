import { getObservation, getProgram } from '$lib/api';
import { getValidation } from '$lib/validation/api';
import { readQueueFilters } from '$lib/validation/queue';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, params, url }) => {
  const lang = params.lang;
  const [observation, state] = await Promise.all([
    getObservation(fetch, params.id, lang),
    getValidation(fetch, params.id, lang),
  ]);
  // The programme's form labels the custom answers; an inactive programme is not public, and
  // its answers are then shown under their own names.
  const program = await getProgram(fetch, observation.program.id, lang).catch(() => null);
  // The queue this observation was opened from: "next" follows it.
  const filters = readQueueFilters(url.searchParams);
  return { observation, state, program, filters };
};
