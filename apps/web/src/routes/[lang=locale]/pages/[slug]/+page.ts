import { error } from '@sveltejs/kit';
import { getPage } from '$lib/api';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, params }) => {
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(params.slug)) error(404, 'Not found');
  return { page: await getPage(fetch, params.slug) };
};
