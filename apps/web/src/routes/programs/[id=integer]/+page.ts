import { getProgram, getProgramObservations } from '$lib/api';
import { contentLocale } from '$lib/locale';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, params }) => {
  const id = Number(params.id);
  const [program, observations] = await Promise.all([
    getProgram(fetch, id, contentLocale),
    getProgramObservations(fetch, id, contentLocale),
  ]);
  return { program, observations };
};
