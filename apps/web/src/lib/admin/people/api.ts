import type {
  AdminUser,
  AdminUserDetail,
  AdminUserList,
  AdminUserPatch,
  AuditList,
  CustomPage,
  ModerationList,
  ModerationObservation,
  PublicSettings,
  Role,
  SiteSettingsPatch,
  ValidationState,
} from '@citizen/shared';
import { getJson, request, type Fetch } from '$lib/api';

/**
 * The back office's calls for accounts, moderation, site settings, pages and the audit log
 * (admins only). Loads use getJson (a failure becomes the error page); actions use request,
 * whose ApiError the page shows.
 */

export const ROLES = ['observer', 'validator', 'admin'] as const satisfies readonly Role[];

/** A query string of the values given (empty ones left out). */
export const query = (params: Record<string, string | number | boolean | undefined | null>) => {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  return search.toString();
};

// ---- Accounts --------------------------------------------------------------------------------

export interface UserFilters {
  q?: string;
  role?: Role;
  active?: boolean;
  offset?: number;
}

export const USERS_PAGE_SIZE = 25;

export const listUsers = (fetch: Fetch, filters: UserFilters) =>
  getJson<AdminUserList>(
    fetch,
    `/api/admin/users?${query({ ...filters, limit: USERS_PAGE_SIZE })}`,
  );

export const getUser = (fetch: Fetch, id: number) =>
  getJson<AdminUserDetail>(fetch, `/api/admin/users/${id}`);

export const changeUser = (id: number, patch: AdminUserPatch) =>
  request<AdminUser>(fetch, 'PATCH', `/api/admin/users/${id}`, patch);

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
  getJson<ModerationList>(
    fetch,
    `/api/admin/moderation/observations?${query({ ...filters, limit: MODERATION_PAGE_SIZE })}`,
  );

export const getForModeration = (id: string) =>
  request<ModerationObservation>(fetch, 'GET', `/api/admin/moderation/observations/${id}`);

export const hideObservation = (id: string, reason: string) =>
  request<ValidationState>(fetch, 'POST', `/api/admin/observations/${id}/hide`, { reason });

export const unhideObservation = (id: string) =>
  request<ValidationState>(fetch, 'POST', `/api/admin/observations/${id}/unhide`);

export const deleteObservation = (id: string, reason: string) =>
  request<void>(fetch, 'DELETE', `/api/admin/observations/${id}`, { reason });

export const hidePhoto = (id: string, mediaId: string, reason: string) =>
  request<ModerationObservation>(
    fetch,
    'POST',
    `/api/admin/observations/${id}/photos/${mediaId}/hide`,
    { reason },
  );

export const unhidePhoto = (id: string, mediaId: string, reason: string) =>
  request<ModerationObservation>(
    fetch,
    'POST',
    `/api/admin/observations/${id}/photos/${mediaId}/unhide`,
    { reason },
  );

export const deletePhoto = (id: string, mediaId: string, reason: string) =>
  request<ModerationObservation>(
    fetch,
    'DELETE',
    `/api/admin/observations/${id}/photos/${mediaId}`,
    { reason },
  );

// ---- Site settings and pages -----------------------------------------------------------------

export const saveSettings = (patch: SiteSettingsPatch) =>
  request<PublicSettings>(fetch, 'PATCH', '/api/admin/settings', patch);

export function uploadLogo(file: File) {
  const form = new FormData();
  form.append('file', file);
  return request<PublicSettings>(fetch, 'PUT', '/api/admin/settings/logo', form);
}

export const savePage = (page: CustomPage) => {
  const { slug, ...body } = page;
  return request<CustomPage>(fetch, 'PUT', `/api/admin/pages/${encodeURIComponent(slug)}`, body);
};

export const deletePage = (slug: string) =>
  request<void>(fetch, 'DELETE', `/api/admin/pages/${encodeURIComponent(slug)}`);

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
  getJson<AuditList>(fetch, `/api/admin/audit?${query({ ...filters, limit: AUDIT_PAGE_SIZE })}`);

/** Administrators and validators: whose actions the audit log can be filtered by. */
export async function listTeam(fetch: Fetch): Promise<AdminUser[]> {
  const [admins, validators] = await Promise.all(
    (['admin', 'validator'] as const).map((role) =>
      getJson<AdminUserList>(fetch, `/api/admin/users?${query({ role, limit: 200 })}`),
    ),
  );
  return [...admins!.items, ...validators!.items].sort((a, b) =>
    a.username.localeCompare(b.username),
  );
}
