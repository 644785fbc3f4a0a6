import type {
  MySites,
  SiteDetail,
  SiteFeatureCollection,
  SiteList,
  SiteProtocol,
  Visit,
} from '@citizen/shared';
import { ApiError, getJson, request, type Fetch } from '$lib/api';
import type { Locale } from '$lib/i18n/locales';

/** Sites per page of a programme's list. */
export const SITE_PAGE_SIZE = 50;

const lang = (locale: Locale) => new URLSearchParams({ lang: locale });

export const getSiteProtocol = (fetch: Fetch, programId: number) =>
  getJson<SiteProtocol>(fetch, `/api/programs/${programId}/site-protocol`);

export function listSites(
  fetch: Fetch,
  programId: number,
  query: { type?: number | undefined; limit?: number; offset?: number } = {},
): Promise<SiteList> {
  const params = new URLSearchParams({
    limit: String(query.limit ?? SITE_PAGE_SIZE),
    offset: String(query.offset ?? 0),
  });
  if (query.type) params.set('type', String(query.type));
  return getJson(fetch, `/api/programs/${programId}/sites?${params}`);
}

/** Every site of the programme as a point, with its type and latest visit (the map). */
export const getSiteMap = (fetch: Fetch, programId: number) =>
  getJson<SiteFeatureCollection>(fetch, `/api/programs/${programId}/sites.geojson`);

export const getSite = (fetch: Fetch, id: number, locale: Locale) =>
  getJson<SiteDetail>(fetch, `/api/sites/${id}?${lang(locale)}`);

export const getVisit = (fetch: Fetch, id: number, locale: Locale) =>
  getJson<Visit>(fetch, `/api/visits/${id}?${lang(locale)}`);

/** My sites, the sites I visited and my visits; null when nobody is logged in. */
export async function getMySites(fetch: Fetch): Promise<MySites | null> {
  try {
    return await request<MySites>(fetch, 'GET', '/api/me/sites');
  } catch (cause) {
    if (cause instanceof ApiError && cause.status === 401) return null;
    throw cause;
  }
}

/**
 * A JSON body, or multipart form data with the JSON in `field` and the photos as `photo` files
 * when there are photos to send (the API takes both).
 */
export function withPhotos(field: string, body: unknown, photos: Blob[]): unknown {
  if (photos.length === 0) return body;
  const form = new FormData();
  form.append(field, JSON.stringify(body));
  photos.forEach((photo, index) => form.append('photo', photo, `photo-${index + 1}.jpg`));
  return form;
}
