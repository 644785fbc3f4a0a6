import { getMySites, getSiteMap, getSiteProtocol, listSites } from '$lib/sites/api';
import { readSiteFilters } from '$lib/sites/filters';
import type { PageLoadEvent } from './$types';

/** A site programme's own data (+page.ts), in a module of its own: only their pages need it. */
export async function loadSitesProgramme(
  fetch: PageLoadEvent['fetch'],
  id: number,
  url: URL,
  parent: PageLoadEvent['parent'],
) {
  const siteFilters = readSiteFilters(url.searchParams);
  const { me } = await parent();
  const mine = me && siteFilters.mine;
  const [protocol, sites, map, mySites] = await Promise.all([
    getSiteProtocol(fetch, id),
    mine ? null : listSites(fetch, id, { type: siteFilters.type }),
    getSiteMap(fetch, id),
    me ? getMySites(fetch).catch(() => null) : null,
  ]);
  return {
    protocol,
    siteFilters: { ...siteFilters, mine: Boolean(mine) },
    sites,
    map,
    mySites,
  };
}
