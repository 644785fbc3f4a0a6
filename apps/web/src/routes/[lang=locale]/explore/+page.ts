import { getJson, getPlatformStats, listObservations } from '$lib/api';
import type { PageLoad } from './$types';

/** The latest public observations drawn on the map; the list shows the first of them. */
const ON_MAP = 200;

export const load: PageLoad = async ({ fetch, params }) => {
  const lang = params.lang;
  const [stats, explore, latest] = await Promise.all([
    getPlatformStats(fetch).catch(() => null),
    getJson(fetch, '/api/explore', { query: { lang } }),
    listObservations(fetch, { sort: 'created_desc', limit: ON_MAP, lang }),
  ]);
  return { stats, explore, latest: latest.items };
};
