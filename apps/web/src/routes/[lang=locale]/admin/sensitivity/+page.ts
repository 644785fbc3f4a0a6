import { listRules } from '$lib/admin/sensitivity/api';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, depends }) => {
  depends('admin:sensitivity');
  return { rules: await listRules(fetch, {}) };
};
