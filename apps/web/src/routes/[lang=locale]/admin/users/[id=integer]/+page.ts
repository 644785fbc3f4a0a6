import { getUser } from '$lib/admin/people/api';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, params, depends }) => {
  depends('admin:user');
  return { user: await getUser(fetch, Number(params.id)) };
};
