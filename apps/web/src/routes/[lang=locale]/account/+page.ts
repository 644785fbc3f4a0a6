import { getAuthOptions } from '$lib/api';
import { requireMe } from '$lib/session';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, params, parent, url }) => {
  const me = requireMe((await parent()).me, params.lang, url);
  return { me, options: await getAuthOptions(fetch) };
};
