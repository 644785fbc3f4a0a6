import { getObservation, getProgram } from '$lib/api';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, params }) => {
  const observation = await getObservation(fetch, params.id, params.lang);
  // The programme's form gives the custom answers their labels.
  const program = await getProgram(fetch, observation.program.id, params.lang);
  return { observation, program };
};
