import { getProgram, getProgramTaxa } from '$lib/api';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, params }) => {
  const id = Number(params.id);
  const [program, taxa] = await Promise.all([
    getProgram(fetch, id, params.lang),
    getProgramTaxa(fetch, id, params.lang),
  ]);
  return { program, taxa };
};
