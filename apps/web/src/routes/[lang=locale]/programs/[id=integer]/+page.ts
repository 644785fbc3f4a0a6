import {
  getProgram,
  getProgramStats,
  getProgramTaxa,
  listAreas,
  listObservations,
  LIST_PAGE_SIZE,
} from '$lib/api';
import { readFilters } from '$lib/filters';
import type { PageLoad } from './$types';

/** Above this, a select of areas is no help: the filter is left out. */
const MAX_AREAS_IN_FILTER = 300;

export const load: PageLoad = async ({ fetch, params, url }) => {
  const id = Number(params.id);
  const lang = params.lang;
  const filters = readFilters(url.searchParams);
  const [program, stats, list, taxa, areas] = await Promise.all([
    getProgram(fetch, id, lang),
    getProgramStats(fetch, id).catch(() => null),
    listObservations(fetch, { ...filters, program: id, lang, limit: LIST_PAGE_SIZE }),
    getProgramTaxa(fetch, id, lang).catch(() => null),
    listAreas(fetch).catch(() => []),
  ]);
  return {
    program,
    stats,
    filters,
    list,
    taxa,
    areas: areas.length <= MAX_AREAS_IN_FILTER ? areas : [],
  };
};
