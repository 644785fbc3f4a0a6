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
import { loadTextsOnDemand } from '$lib/i18n';
import { isLocale } from '$lib/i18n/locales';
import type { PageLoad } from './$types';
import { loadLeaderboard, loadView } from './views';

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
  // A site programme's texts and the leaderboard's are not the first view's of most programmes.
  const texts =
    (program.kind === 'sites' || badgeSettings?.leaderboardEnabled) && isLocale(lang)
      ? loadTextsOnDemand(lang, 'programmeMore')
      : null;
  const view = Promise.all([loadView(program.kind), texts]);
  const leaderboard = badgeSettings?.leaderboardEnabled
    ? Promise.all([getLeaderboard(fetch, id).catch(() => null), loadLeaderboard()]).then(
        ([board]) => board,
      )
    : Promise.resolve(null);

  if (program.kind === 'sites') {
    // A site programme's data and page: their code is downloaded for those only.
    const [sitesData, board] = await Promise.all([
      import('./load-sites').then((m) => m.loadSitesProgramme(fetch, id, url, parent)),
      leaderboard,
      view,
    ]);
    return {
      kind: 'sites' as const,
      program,
      stats,
      badgeSettings,
      leaderboard: board,
      ...sitesData,
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
