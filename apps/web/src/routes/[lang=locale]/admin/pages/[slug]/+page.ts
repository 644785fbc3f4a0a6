import { getPage } from '$lib/api';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, params }) => ({
  page: await getPage(fetch, params.slug),
});
