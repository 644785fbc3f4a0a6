import type {
  BulkValidationInput,
  BulkValidationResult,
  ObservationList,
  TaxonDetail,
  TaxonHit,
  ValidationInput,
  ValidationState,
} from '@citizen/shared';
import { ApiError, getJson, request, type Fetch } from '$lib/api';
import type { Locale } from '$lib/i18n/locales';
import { queueApiPath, type QueueFilters } from './queue';

const observationPath = (id: string, what: string, lang: Locale) =>
  `/api/observations/${encodeURIComponent(id)}/${what}?${new URLSearchParams({ lang })}`;

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
      return await request<ObservationList>(fetch, 'GET', queueApiPath(filters, options));
    } catch (cause) {
      if (!(cause instanceof ApiError && cause.status === 400)) throw cause;
    }
  }
  return getJson<ObservationList>(fetch, queueApiPath(filters, { ...options, cursor: null }));
}

/** The status and history of an observation: for its observer and experts only (else 403). */
export const getValidation = (fetch: Fetch, id: string, lang: Locale) =>
  getJson<ValidationState>(fetch, observationPath(id, 'validation', lang));

export const judge = (fetch: Fetch, id: string, input: ValidationInput, lang: Locale) =>
  request<ValidationState>(fetch, 'POST', observationPath(id, 'validation', lang), input);

/** A validator's question, or the observer's answer. */
export const sendComment = (fetch: Fetch, id: string, comment: string, lang: Locale) =>
  request<ValidationState>(fetch, 'POST', observationPath(id, 'comments', lang), { comment });

export const judgeMany = (fetch: Fetch, input: BulkValidationInput) =>
  request<BulkValidationResult>(fetch, 'POST', '/api/validation/bulk', input);

export const setHidden = (
  fetch: Fetch,
  id: string,
  hidden: boolean,
  reason: string,
  lang: Locale,
) =>
  request<ValidationState>(
    fetch,
    'POST',
    `/api/admin/observations/${encodeURIComponent(id)}/${hidden ? 'hide' : 'unhide'}?${new URLSearchParams({ lang })}`,
    hidden ? { reason } : undefined,
  );

/** A taxon as the taxon search shows a chosen one (for a filter given in the URL). */
export async function getTaxonHit(fetch: Fetch, cdNom: number, lang: Locale): Promise<TaxonHit> {
  const taxon = await request<TaxonDetail>(
    fetch,
    'GET',
    `/api/taxa/${cdNom}?${new URLSearchParams({ lang })}`,
  );
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
