import type {
  BulkValidationInput,
  ObservationList,
  TaxonHit,
  ValidationInput,
} from '@citizen/shared';
import { ApiError, getJson, request, type Fetch } from '$lib/api';
import type { Locale } from '$lib/i18n/locales';
import { queueApiQuery, type QueueFilters } from './queue';

/**
 * A page of the queue. A cursor the API no longer takes (an old link) gives the first page
 * rather than an error page.
 */
export async function getQueue(
  fetch: Fetch,
  filters: QueueFilters,
  options: { lang: Locale; cursor?: string | null; limit?: number },
): Promise<ObservationList> {
  if (options.cursor) {
    try {
      return await request(fetch, 'GET', '/api/validation/queue', {
        query: queueApiQuery(filters, options),
      });
    } catch (cause) {
      if (!(cause instanceof ApiError && cause.status === 400)) throw cause;
    }
  }
  return getJson(fetch, '/api/validation/queue', {
    query: queueApiQuery(filters, { ...options, cursor: null }),
  });
}

/** The status and history of an observation: for its observer and experts only (else 403). */
export const getValidation = (fetch: Fetch, id: string, lang: Locale) =>
  getJson(fetch, '/api/observations/{id}/validation', { path: { id }, query: { lang } });

export const judge = (fetch: Fetch, id: string, input: ValidationInput, lang: Locale) =>
  request(fetch, 'POST', '/api/observations/{id}/validation', {
    path: { id },
    query: { lang },
    body: input,
  });

/** A validator's question, or the observer's answer. */
export const sendComment = (fetch: Fetch, id: string, comment: string, lang: Locale) =>
  request(fetch, 'POST', '/api/observations/{id}/comments', {
    path: { id },
    query: { lang },
    body: { comment },
  });

export const judgeMany = (fetch: Fetch, input: BulkValidationInput) =>
  request(fetch, 'POST', '/api/validation/bulk', { body: input });

export const setHidden = (
  fetch: Fetch,
  id: string,
  hidden: boolean,
  reason: string,
  lang: Locale,
) =>
  hidden
    ? request(fetch, 'POST', '/api/admin/observations/{id}/hide', {
        path: { id },
        query: { lang },
        body: { reason },
      })
    : request(fetch, 'POST', '/api/admin/observations/{id}/unhide', {
        path: { id },
        query: { lang },
      });

/** A taxon as the taxon search shows a chosen one (for a filter given in the URL). */
export async function getTaxonHit(fetch: Fetch, cdNom: number, lang: Locale): Promise<TaxonHit> {
  const taxon = await request(fetch, 'GET', '/api/taxa/{cdNom}', {
    path: { cdNom },
    query: { lang },
  });
  return {
    cdNom: taxon.cdNom,
    cdRef: taxon.cdRef,
    scientificName: taxon.scientificName,
    authority: taxon.authority,
    rank: taxon.rank,
    vernacularName: taxon.vernacularName,
    family: taxon.classification.family,
    observerGroup: taxon.observerGroup,
    pictureUrl: null,
    thumbnailUrl: null,
    matchedName: null,
  };
}
