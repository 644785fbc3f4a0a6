/**
 * The names of the Cache Storage caches, shared by the service worker and the pages (which
 * fill them when a programme is stored for offline use).
 */

/** The app's built files and static files: one cache per version, the old ones dropped. */
export const shellCache = (version: string) => `citizen-shell-${version}`;

/**
 * Pages (HTML) as last fetched. They name the hashed files of one version, so they go with the
 * version: after an update the packed programmes store their pages again.
 */
export const pagesCache = (version: string) => `citizen-pages-${version}`;

/** API answers (JSON), as last fetched: the data of pages read offline. */
export const API_CACHE = 'citizen-api';

/** Map tiles (base layers that allow it, and the observation tiles) and species pictures. */
export const PACK_CACHE = 'citizen-pack';

/** How many API answers are kept besides those of the stored programmes. */
export const API_CACHE_LIMIT = 400;

/** API answers worth keeping for offline use (GET only); exports, admin and media are not. */
export function isCachedApi(pathname: string): boolean {
  return (
    pathname.startsWith('/api/') &&
    !/^\/api\/(admin|exports?|media|auth\/(?!me$))/.test(pathname) &&
    !/\/tiles\//.test(pathname)
  );
}

/** The observation tiles of a programme: served from the stored pack when offline. */
export const isObservationTile = (pathname: string) =>
  /^\/api\/programs\/\d+\/tiles\/\d+\/\d+\/\d+\.mvt$/.test(pathname);
