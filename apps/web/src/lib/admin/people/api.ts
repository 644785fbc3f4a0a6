import type {
  AdminUser,
  AdminUserPatch,
  CustomPage,
  Role,
  SiteSettingsPatch,
} from '@citizen/shared';
import { getJson, request, type Fetch } from '$lib/api';

/**
 * The back office's calls for accounts, moderation, site settings, pages and the audit log
 * (admins only). Loads use getJson (a failure becomes the error page); actions use request,
 * whose ApiError the page shows.
 */

export const ROLES = ['observer', 'validator', 'admin'] as const satisfies readonly Role[];

type QueryValues = Record<string, string | number | boolean | undefined | null>;

/** The values given, the empty ones left out (a page's filters, the API's query). */
const given = <T extends QueryValues>(params: T): Partial<T> =>
  Object.fromEntries(
    Object.entries(params).filter(
      ([, value]) => value !== undefined && value !== null && value !== '',
    ),
  ) as Partial<T>;

/** A query string of the values given (empty ones left out). */
export const query = (params: QueryValues) =>
  new URLSearchParams(
    Object.entries(given(params)).map(([key, value]) => [key, String(value)]),
  ).toString();

// ---- Accounts --------------------------------------------------------------------------------

export interface UserFilters {
  q?: string;
  role?: Role;
  active?: boolean;
  offset?: number;
}

export const USERS_PAGE_SIZE = 25;

export const listUsers = (fetch: Fetch, filters: UserFilters) =>
  getJson(fetch, '/api/admin/users', { query: given({ ...filters, limit: USERS_PAGE_SIZE }) });

export const getUser = (fetch: Fetch, id: number) =>
  getJson(fetch, '/api/admin/users/{id}', { path: { id } });

export const changeUser = (id: number, patch: AdminUserPatch) =>
  request(fetch, 'PATCH', '/api/admin/users/{id}', { path: { id }, body: patch });

// ---- Moderation ------------------------------------------------------------------------------

export interface ModerationFilters {
  state: 'recent' | 'hidden';
  hasPhoto?: boolean;
  observer?: number;
  program?: number;
  offset?: number;
}

export const MODERATION_PAGE_SIZE = 20;

export const listForModeration = (fetch: Fetch, filters: ModerationFilters) =>
  getJson(fetch, '/api/admin/moderation/observations', {
    query: given({ ...filters, limit: MODERATION_PAGE_SIZE }),
  });

export const hideObservation = (id: string, reason: string) =>
  request(fetch, 'POST', '/api/admin/observations/{id}/hide', { path: { id }, body: { reason } });

export const unhideObservation = (id: string) =>
  request(fetch, 'POST', '/api/admin/observations/{id}/unhide', { path: { id } });

export const deleteObservation = (id: string, reason: string) =>
  request(fetch, 'DELETE', '/api/admin/observations/{id}', { path: { id }, body: { reason } });

export const hidePhoto = (id: string, mediaId: string, reason: string) =>
  request(fetch, 'POST', '/api/admin/observations/{id}/photos/{mediaId}/hide', {
    path: { id, mediaId },
    body: { reason },
  });

export const unhidePhoto = (id: string, mediaId: string, reason: string) =>
  request(fetch, 'POST', '/api/admin/observations/{id}/photos/{mediaId}/unhide', {
    path: { id, mediaId },
    body: { reason },
  });

export const deletePhoto = (id: string, mediaId: string, reason: string) =>
  request(fetch, 'DELETE', '/api/admin/observations/{id}/photos/{mediaId}', {
    path: { id, mediaId },
    body: { reason },
  });

// ---- Site settings and pages -----------------------------------------------------------------

export const saveSettings = (patch: SiteSettingsPatch) =>
  request(fetch, 'PATCH', '/api/admin/settings', { body: patch });

export function uploadLogo(file: File) {
  const form = new FormData();
  form.append('file', file);
  return request(fetch, 'PUT', '/api/admin/settings/logo', { body: form });
}

export const savePage = (page: CustomPage) => {
  const { slug, ...body } = page;
  return request(fetch, 'PUT', '/api/admin/pages/{slug}', { path: { slug }, body });
};

export const deletePage = (slug: string) =>
  request(fetch, 'DELETE', '/api/admin/pages/{slug}', { path: { slug } });

// ---- Audit log -------------------------------------------------------------------------------

export interface AuditFilters {
  actorId?: number;
  userId?: number;
  event?: string;
  from?: string;
  to?: string;
  before?: number;
}

export const AUDIT_PAGE_SIZE = 50;

export const listAudit = (fetch: Fetch, filters: AuditFilters) =>
  getJson(fetch, '/api/admin/audit', { query: given({ ...filters, limit: AUDIT_PAGE_SIZE }) });

/** Administrators and validators: whose actions the audit log can be filtered by. */
export async function listTeam(fetch: Fetch): Promise<AdminUser[]> {
  const [admins, validators] = await Promise.all(
    (['admin', 'validator'] as const).map((role) =>
      getJson(fetch, '/api/admin/users', { query: { role, limit: 200 } }),
    ),
  );
  return [...admins!.items, ...validators!.items].sort((a, b) =>
    a.username.localeCompare(b.username),
  );
}
