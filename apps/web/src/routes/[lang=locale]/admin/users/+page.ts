import type { Role } from '@citizen/shared';
import { listUsers, ROLES, type UserFilters } from '$lib/admin/people/api';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, url, depends }) => {
  depends('admin:users');
  const params = url.searchParams;
  const role = params.get('role');
  const active = params.get('active');
  const filters: UserFilters = {
    q: params.get('q')?.trim() || undefined,
    role: ROLES.includes(role as Role) ? (role as Role) : undefined,
    active: active === 'true' ? true : active === 'false' ? false : undefined,
    offset: Math.max(0, Number(params.get('offset')) || 0),
  };
  return { filters, users: await listUsers(fetch, filters) };
};
