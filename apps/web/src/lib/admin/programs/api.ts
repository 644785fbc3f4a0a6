import type {
  ProgramBadgeSettings,
  ProgramInput,
  ProgramPatch,
  ProjectInput,
  SiteProtocolSettings,
  SiteTypeInput,
  SiteTypePatch,
} from '@citizen/shared';
import { getJson, request, type Fetch } from '$lib/api';

/** The back office's programme calls (admins only). Loads use getJson (errors become pages). */

export const listAdminPrograms = (fetch: Fetch) =>
  getJson(fetch, '/api/admin/programs').then((list) => list.items);

export const getAdminProgram = (fetch: Fetch, id: number) =>
  getJson(fetch, '/api/admin/programs/{id}', { path: { id } });

export const listSpeciesLists = (fetch: Fetch) =>
  getJson(fetch, '/api/admin/species-lists').then((list) => list.items);

export const listProjects = (fetch: Fetch) =>
  getJson(fetch, '/api/projects').then((list) => list.items);

export const getBadgeSettings = (fetch: Fetch, id: number) =>
  getJson(fetch, '/api/admin/programs/{id}/badge-settings', { path: { id } });

export const getSiteSettings = (fetch: Fetch, id: number) =>
  getJson(fetch, '/api/admin/programs/{id}/site-settings', { path: { id } });

export const listSiteTypes = (fetch: Fetch, id: number) =>
  getJson(fetch, '/api/admin/programs/{id}/site-types', { path: { id } }).then(
    (list) => list.items,
  );

export const createProgram = (input: ProgramInput) =>
  request(fetch, 'POST', '/api/admin/programs', { body: input });

export const updateProgram = (id: number, patch: ProgramPatch) =>
  request(fetch, 'PATCH', '/api/admin/programs/{id}', { path: { id }, body: patch });

function fileForm(file: File): FormData {
  const form = new FormData();
  form.append('file', file, file.name);
  return form;
}

/** A GeoJSON or KML file, read and repaired by the server (its notices say what it changed). */
export const uploadArea = (id: number, file: File) =>
  request(fetch, 'PUT', '/api/admin/programs/{id}/area', { path: { id }, body: fileForm(file) });

export const uploadImage = (id: number, file: File) =>
  request(fetch, 'PUT', '/api/admin/programs/{id}/image', { path: { id }, body: fileForm(file) });

export const createProject = (input: ProjectInput) =>
  request(fetch, 'POST', '/api/admin/projects', { body: input });

export const setBadgeSettings = (id: number, patch: Partial<ProgramBadgeSettings>) =>
  request(fetch, 'PATCH', '/api/admin/programs/{id}/badge-settings', { path: { id }, body: patch });

export const setSiteSettings = (id: number, patch: Partial<SiteProtocolSettings>) =>
  request(fetch, 'PATCH', '/api/admin/programs/{id}/site-settings', { path: { id }, body: patch });

export const createSiteType = (id: number, input: SiteTypeInput) =>
  request(fetch, 'POST', '/api/admin/programs/{id}/site-types', { path: { id }, body: input });

export const updateSiteType = (id: number, typeId: number, patch: SiteTypePatch) =>
  request(fetch, 'PATCH', '/api/admin/programs/{id}/site-types/{typeId}', {
    path: { id, typeId },
    body: patch,
  });

export const deleteSiteType = (id: number, typeId: number) =>
  request(fetch, 'DELETE', '/api/admin/programs/{id}/site-types/{typeId}', {
    path: { id, typeId },
  });
