import { listAreas, listPrograms } from '$lib/api';
import { getQueue, getTaxonHit } from '$lib/validation/api';
import { areaChoices, readQueueFilters } from '$lib/validation/queue';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, params, url }) => {
  const lang = params.lang;
  const filters = readQueueFilters(url.searchParams);
  const cursor = url.searchParams.get('cursor');
  const [list, programs, areas, taxon] = await Promise.all([
    getQueue(fetch, filters, { lang, cursor }),
    // The filters' choices are niceties: the queue works without them.
    listPrograms(fetch, lang)
      .then((list) => list.items)
      .catch(() => []),
    listAreas(fetch).catch(() => []),
    filters.taxon ? getTaxonHit(fetch, filters.taxon, lang).catch(() => null) : null,
  ]);
  return {
    filters,
    cursor,
    list,
    programs: programs.map(({ id, title }) => ({ id, title })),
    areas: areaChoices(areas, filters.area),
    taxon,
  };
};
