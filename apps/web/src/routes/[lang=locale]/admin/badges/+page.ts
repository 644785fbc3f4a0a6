import { listAdminPrograms, listBadgeRules } from '$lib/admin/catalogue/api';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, depends }) => {
  depends('admin:badges');
  const [rules, programs] = await Promise.all([listBadgeRules(fetch), listAdminPrograms(fetch)]);
  return {
    rules: rules.items,
    enabled: rules.enabled,
    programs: programs.map(({ id, title }) => ({ id, title })),
  };
};
