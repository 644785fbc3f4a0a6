import { getObservation, getProgram } from '$lib/api';
import { getValidation } from '$lib/validation/api';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, params }) => {
  const observation = await getObservation(fetch, params.id, params.lang);
  const [program, validation] = await Promise.all([
    // The programme's form gives the custom answers their labels.
    getProgram(fetch, observation.program.id, params.lang),
    // The API gives `review` only to those who may read the validation history (its observer
    // and experts): only they ask for it. It is a nicety: the page works without it.
    observation.review !== undefined
      ? getValidation(fetch, params.id, params.lang).catch(() => null)
      : null,
  ]);
  return { observation, program, validation };
};
