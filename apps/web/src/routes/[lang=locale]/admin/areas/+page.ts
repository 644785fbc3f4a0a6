import { listAreaKinds } from '$lib/admin/catalogue/api';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, depends }) => {
  depends('admin:areas');
  return { kinds: await listAreaKinds(fetch) };
};
