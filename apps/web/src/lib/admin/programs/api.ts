import type {
  AdminProgram,
  ProgramBadgeSettings,
  ProgramInput,
  ProgramPatch,
  Project,
  ProjectInput,
  SiteProtocolSettings,
  SiteType,
  SiteTypeInput,
  SiteTypePatch,
  SpeciesListSummary,
} from '@citizen/shared';
import { getJson, request, type Fetch } from '$lib/api';

/** The back office's programme calls (admins only). Loads use getJson (errors become pages). */

export const listAdminPrograms = (fetch: Fetch) =>
  getJson<{ items: AdminProgram[] }>(fetch, '/api/admin/programs').then((list) => list.items);

export const getAdminProgram = (fetch: Fetch, id: number) =>
  getJson<AdminProgram>(fetch, `/api/admin/programs/${id}`);

export const listSpeciesLists = (fetch: Fetch) =>
  getJson<{ items: SpeciesListSummary[] }>(fetch, '/api/admin/species-lists').then(
    (list) => list.items,
  );

export const listProjects = (fetch: Fetch) =>
  getJson<{ items: Project[] }>(fetch, '/api/projects').then((list) => list.items);

export const getBadgeSettings = (fetch: Fetch, id: number) =>
  getJson<ProgramBadgeSettings>(fetch, `/api/admin/programs/${id}/badge-settings`);

export const getSiteSettings = (fetch: Fetch, id: number) =>
  getJson<SiteProtocolSettings>(fetch, `/api/admin/programs/${id}/site-settings`);

export const listSiteTypes = (fetch: Fetch, id: number) =>
  getJson<{ items: SiteType[] }>(fetch, `/api/admin/programs/${id}/site-types`).then(
    (list) => list.items,
  );

export const createProgram = (input: ProgramInput) =>
  request<AdminProgram>(fetch, 'POST', '/api/admin/programs', input);

export const updateProgram = (id: number, patch: ProgramPatch) =>
  request<AdminProgram>(fetch, 'PATCH', `/api/admin/programs/${id}`, patch);

function fileForm(file: File): FormData {
  const form = new FormData();
  form.append('file', file, file.name);
  return form;
}

/** A GeoJSON or KML file, read and repaired by the server (its notices say what it changed). */
export const uploadArea = (id: number, file: File) =>
  request<AdminProgram>(fetch, 'PUT', `/api/admin/programs/${id}/area`, fileForm(file));

export const uploadImage = (id: number, file: File) =>
  request<AdminProgram>(fetch, 'PUT', `/api/admin/programs/${id}/image`, fileForm(file));

export const createProject = (input: ProjectInput) =>
  request<Project>(fetch, 'POST', '/api/admin/projects', input);

export const setBadgeSettings = (id: number, patch: Partial<ProgramBadgeSettings>) =>
  request<ProgramBadgeSettings>(fetch, 'PATCH', `/api/admin/programs/${id}/badge-settings`, patch);

export const setSiteSettings = (id: number, patch: Partial<SiteProtocolSettings>) =>
  request<SiteProtocolSettings>(fetch, 'PATCH', `/api/admin/programs/${id}/site-settings`, patch);

export const createSiteType = (id: number, input: SiteTypeInput) =>
  request<SiteType>(fetch, 'POST', `/api/admin/programs/${id}/site-types`, input);

export const updateSiteType = (id: number, typeId: number, patch: SiteTypePatch) =>
  request<SiteType>(fetch, 'PATCH', `/api/admin/programs/${id}/site-types/${typeId}`, patch);

export const deleteSiteType = (id: number, typeId: number) =>
  request<void>(fetch, 'DELETE', `/api/admin/programs/${id}/site-types/${typeId}`);
