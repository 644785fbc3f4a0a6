import type { SensitivityTaxonInput } from '@citizen/shared';
import { getJson, request, type Fetch } from '$lib/api';

/** The back office's sensitivity rules (the API's /admin/sensitivity routes). */

export const RULES_PAGE_SIZE = 50;

export const listRules = (fetch: Fetch, query: { q?: string; source?: string; offset?: number }) =>
  getJson(fetch, '/api/admin/sensitivity/rules', {
    query: {
      limit: RULES_PAGE_SIZE,
      q: query.q?.trim() || undefined,
      source: query.source || undefined,
      offset: query.offset || undefined,
    },
  });

export const setTaxonLevel = (cdNom: number, input: SensitivityTaxonInput) =>
  request(fetch, 'PUT', '/api/admin/sensitivity/taxa/{cdNom}', { path: { cdNom }, body: input });

export const clearTaxon = (cdNom: number) =>
  request(fetch, 'DELETE', '/api/admin/sensitivity/taxa/{cdNom}', { path: { cdNom } });
