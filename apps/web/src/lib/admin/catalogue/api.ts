import type {
  AdminBadgeRule,
  AdminBadgeRules,
  AdminProgram,
  AreaKinds,
  BadgeRecomputeReport,
  BadgeRuleInput,
  BadgeRulePatch,
  BadgeTaxonGroups,
  BadgeTaxonRank,
  SpeciesListDetail,
  SpeciesListEntry,
  SpeciesListInput,
  SpeciesLists,
} from '@citizen/shared';
import { getJson, request, type Fetch } from '$lib/api';

/** The back office's catalogue: species lists, areas and badge rules (the API's admin routes). */

export const listSpeciesLists = (fetch: Fetch) =>
  getJson<SpeciesLists>(fetch, '/api/admin/species-lists').then((l) => l.items);

export const getSpeciesList = (fetch: Fetch, id: number, lang: string) =>
  getJson<SpeciesListDetail>(
    fetch,
    `/api/admin/species-lists/${id}?${new URLSearchParams({ lang })}`,
  );

export const createSpeciesList = (input: SpeciesListInput, lang: string) =>
  request<SpeciesListDetail>(
    fetch,
    'POST',
    `/api/admin/species-lists?${new URLSearchParams({ lang })}`,
    input,
  );

export const saveSpeciesList = (id: number, input: SpeciesListInput, lang: string) =>
  request<SpeciesListDetail>(
    fetch,
    'PUT',
    `/api/admin/species-lists/${id}?${new URLSearchParams({ lang })}`,
    input,
  );

export const deleteSpeciesList = (id: number) =>
  request<void>(fetch, 'DELETE', `/api/admin/species-lists/${id}`);

export const removeTaxonPicture = (id: number, cdNom: number) =>
  request<void>(fetch, 'DELETE', `/api/admin/species-lists/${id}/taxa/${cdNom}/picture`);

export const taxonPicturePath = (id: number, cdNom: number, lang: string) =>
  `/api/admin/species-lists/${id}/taxa/${cdNom}/picture?${new URLSearchParams({ lang })}`;

export type { SpeciesListEntry };

export const listAreaKinds = (fetch: Fetch) =>
  getJson<AreaKinds>(fetch, '/api/admin/areas/kinds').then((k) => k.items);

export const deleteAreaKind = (kind: string) =>
  request<void>(fetch, 'DELETE', `/api/admin/areas/kinds/${encodeURIComponent(kind)}`);

export const listBadgeRules = (fetch: Fetch) =>
  getJson<AdminBadgeRules>(fetch, '/api/admin/badges/rules');

export const listAdminPrograms = (fetch: Fetch) =>
  getJson<{ items: AdminProgram[] }>(fetch, '/api/admin/programs').then((p) => p.items);

export const createBadgeRule = (input: BadgeRuleInput) =>
  request<AdminBadgeRule>(fetch, 'POST', '/api/admin/badges/rules', input);

export const updateBadgeRule = (id: number, patch: BadgeRulePatch) =>
  request<AdminBadgeRule>(fetch, 'PATCH', `/api/admin/badges/rules/${id}`, patch);

export const deleteBadgeRule = (id: number) =>
  request<void>(fetch, 'DELETE', `/api/admin/badges/rules/${id}`);

export const recomputeBadges = () =>
  request<BadgeRecomputeReport>(fetch, 'POST', '/api/admin/badges/recompute', {});

export const searchTaxonGroups = (rank: BadgeTaxonRank, q: string, signal?: AbortSignal) =>
  request<BadgeTaxonGroups>(
    fetch,
    'GET',
    `/api/admin/badges/taxon-groups?${new URLSearchParams({ rank, q, limit: '20' })}`,
    undefined,
    signal,
  ).then((g) => g.items);
