import { getSpeciesList } from '$lib/admin/catalogue/api';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, params }) => ({
  list: await getSpeciesList(fetch, Number(params.id), params.lang),
});
