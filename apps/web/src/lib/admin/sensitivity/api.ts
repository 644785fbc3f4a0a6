import type { SensitivityRuleList, SensitivityTaxon, SensitivityTaxonInput } from '@citizen/shared';
import { getJson, request, type Fetch } from '$lib/api';

/** The back office's sensitivity rules (the API's /admin/sensitivity routes). */

export const RULES_PAGE_SIZE = 50;

export const listRules = (
  fetch: Fetch,
  query: { q?: string; source?: string; offset?: number },
) => {
  const params = new URLSearchParams({ limit: String(RULES_PAGE_SIZE) });
  if (query.q?.trim()) params.set('q', query.q.trim());
  if (query.source) params.set('source', query.source);
  if (query.offset) params.set('offset', String(query.offset));
  return getJson<SensitivityRuleList>(fetch, `/api/admin/sensitivity/rules?${params}`);
};

export const setTaxonLevel = (cdNom: number, input: SensitivityTaxonInput) =>
  request<SensitivityTaxon>(fetch, 'PUT', `/api/admin/sensitivity/taxa/${cdNom}`, input);

export const clearTaxon = (cdNom: number) =>
  request<void>(fetch, 'DELETE', `/api/admin/sensitivity/taxa/${cdNom}`);
