import type { MySites } from '@citizen/shared';
import { ApiError, getJson, request, type Fetch } from '$lib/api';
import type { Locale } from '$lib/i18n/locales';

/** Sites per page of a programme's list. */
export const SITE_PAGE_SIZE = 50;

export const getSiteProtocol = (fetch: Fetch, programId: number) =>
  getJson(fetch, '/api/programs/{id}/site-protocol', { path: { id: programId } });

export const listSites = (
  fetch: Fetch,
  programId: number,
  query: { type?: number | undefined; limit?: number; offset?: number } = {},
) =>
  getJson(fetch, '/api/programs/{id}/sites', {
    path: { id: programId },
    query: { limit: SITE_PAGE_SIZE, offset: 0, ...query, type: query.type || undefined },
  });

/** Every site of the programme as a point, with its type and latest visit (the map). */
export const getSiteMap = (fetch: Fetch, programId: number) =>
  getJson(fetch, '/api/programs/{id}/sites.geojson', { path: { id: programId } });

export const getSite = (fetch: Fetch, id: number, locale: Locale) =>
  getJson(fetch, '/api/sites/{id}', { path: { id }, query: { lang: locale } });

export const getVisit = (fetch: Fetch, id: number, locale: Locale) =>
  getJson(fetch, '/api/visits/{id}', { path: { id }, query: { lang: locale } });

/** My sites, the sites I visited and my visits; null when nobody is logged in. */
export async function getMySites(fetch: Fetch): Promise<MySites | null> {
  try {
    return await request(fetch, 'GET', '/api/me/sites');
  } catch (cause) {
    if (cause instanceof ApiError && cause.status === 401) return null;
    throw cause;
  }
}

/**
 * A JSON body, or multipart form data with the JSON in `field` and the photos as `photo` files
 * when there are photos to send (the API takes both).
 */
export function withPhotos<T>(field: string, body: T, photos: Blob[]): T | FormData {
  if (photos.length === 0) return body;
  const form = new FormData();
  form.append(field, JSON.stringify(body));
  photos.forEach((photo, index) => form.append('photo', photo, `photo-${index + 1}.jpg`));
  return form;
}
