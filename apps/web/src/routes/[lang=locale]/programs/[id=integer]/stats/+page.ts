import { getJson, getProgram, getProgramStats } from '$lib/api';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, params }) => {
  const id = Number(params.id);
  const [program, stats, charts] = await Promise.all([
    getProgram(fetch, id, params.lang),
    getProgramStats(fetch, id).catch(() => null),
    getJson(fetch, '/api/programs/{id}/charts', { path: { id } }),
  ]);
  return { program, stats, charts };
};
