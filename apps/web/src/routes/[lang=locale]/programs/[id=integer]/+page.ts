import {
  getProgram,
  getProgramStats,
  getProgramTaxa,
  listAreas,
  listObservations,
  LIST_PAGE_SIZE,
} from '$lib/api';
import { getLeaderboard, getProgramBadgeSettings } from '$lib/badges';
import { readFilters } from '$lib/filters';
import { getMySites, getSiteMap, getSiteProtocol, listSites } from '$lib/sites/api';
import { readSiteFilters } from '$lib/sites/filters';
import type { PageLoad } from './$types';
import { loadView } from './views';

/** Above this, a select of areas is no help: the filter is left out. */
const MAX_AREAS_IN_FILTER = 300;

export const load: PageLoad = async ({ fetch, params, parent, url }) => {
  const id = Number(params.id);
  const lang = params.lang;
  const [program, stats, badgeSettings] = await Promise.all([
    getProgram(fetch, id, lang),
    getProgramStats(fetch, id).catch(() => null),
    // Badges are a nicety: the page works without them.
    getProgramBadgeSettings(fetch, id).catch(() => null),
  ]);
  const view = loadView(program.kind);
  const leaderboard = badgeSettings?.leaderboardEnabled
    ? getLeaderboard(fetch, id).catch(() => null)
    : Promise.resolve(null);

  if (program.kind === 'sites') {
    const siteFilters = readSiteFilters(url.searchParams);
    const { me } = await parent();
    const mine = me && siteFilters.mine;
    const [protocol, sites, map, mySites, board] = await Promise.all([
      getSiteProtocol(fetch, id),
      mine ? null : listSites(fetch, id, { type: siteFilters.type }),
      getSiteMap(fetch, id),
      me ? getMySites(fetch).catch(() => null) : null,
      leaderboard,
      view,
    ]);
    return {
      kind: 'sites' as const,
      program,
      stats,
      badgeSettings,
      leaderboard: board,
      protocol,
      siteFilters: { ...siteFilters, mine: Boolean(mine) },
      sites,
      map,
      mySites,
    };
  }

  const filters = readFilters(url.searchParams);
  const [list, taxa, areas, board] = await Promise.all([
    listObservations(fetch, { ...filters, program: id, lang, limit: LIST_PAGE_SIZE }),
    getProgramTaxa(fetch, id, lang).catch(() => null),
    listAreas(fetch).catch(() => []),
    leaderboard,
    view,
  ]);
  return {
    kind: 'observations' as const,
    program,
    stats,
    badgeSettings,
    leaderboard: board,
    filters,
    list,
    taxa,
    areas: areas.length <= MAX_AREAS_IN_FILTER ? areas : [],
  };
};
