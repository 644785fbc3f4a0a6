import { listSpeciesLists } from '$lib/admin/catalogue/api';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, depends }) => {
  depends('admin:species-lists');
  return { lists: await listSpeciesLists(fetch) };
};
