import type {
  BadgeRuleInput,
  BadgeRulePatch,
  BadgeTaxonRank,
  SpeciesListInput,
} from '@citizen/shared';
import type { Locale } from '$lib/i18n/locales';
import { getJson, request, type Fetch } from '$lib/api';

/** The back office's catalogue: species lists, areas and badge rules (the API's admin routes). */

export { listAdminPrograms, listSpeciesLists } from '$lib/admin/programs/api';

export const getSpeciesList = (fetch: Fetch, id: number, lang: Locale) =>
  getJson(fetch, '/api/admin/species-lists/{id}', { path: { id }, query: { lang } });

export const createSpeciesList = (input: SpeciesListInput, lang: Locale) =>
  request(fetch, 'POST', '/api/admin/species-lists', { query: { lang }, body: input });

export const saveSpeciesList = (id: number, input: SpeciesListInput, lang: Locale) =>
  request(fetch, 'PUT', '/api/admin/species-lists/{id}', {
    path: { id },
    query: { lang },
    body: input,
  });

export const deleteSpeciesList = (id: number) =>
  request(fetch, 'DELETE', '/api/admin/species-lists/{id}', { path: { id } });

export const removeTaxonPicture = (id: number, cdNom: number) =>
  request(fetch, 'DELETE', '/api/admin/species-lists/{id}/taxa/{cdNom}/picture', {
    path: { id, cdNom },
  });

export const listAreaKinds = (fetch: Fetch) =>
  getJson(fetch, '/api/admin/areas/kinds').then((k) => k.items);

export const deleteAreaKind = (kind: string) =>
  request(fetch, 'DELETE', '/api/admin/areas/kinds/{kind}', { path: { kind } });

export const listBadgeRules = (fetch: Fetch) => getJson(fetch, '/api/admin/badges/rules');

export const createBadgeRule = (input: BadgeRuleInput) =>
  request(fetch, 'POST', '/api/admin/badges/rules', { body: input });

export const updateBadgeRule = (id: number, patch: BadgeRulePatch) =>
  request(fetch, 'PATCH', '/api/admin/badges/rules/{id}', { path: { id }, body: patch });

export const deleteBadgeRule = (id: number) =>
  request(fetch, 'DELETE', '/api/admin/badges/rules/{id}', { path: { id } });

export const recomputeBadges = () => request(fetch, 'POST', '/api/admin/badges/recompute');

export const searchTaxonGroups = (rank: BadgeTaxonRank, q: string, signal?: AbortSignal) =>
  request(fetch, 'GET', '/api/admin/badges/taxon-groups', {
    query: { rank, q, limit: 20 },
    ...(signal ? { signal } : {}),
  }).then((g) => g.items);
