import { LIST_PAGE_SIZE, listObservations, request, type Fetch } from '$lib/api';
import type { Badge } from '$lib/badges';
import { requireMe } from '$lib/session';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, params, parent, url }) => {
  const me = requireMe((await parent()).me, params.lang, url);
  const [list, badges] = await Promise.all([
    listObservations(fetch, {
      observer: me.id,
      sort: 'created_desc',
      limit: LIST_PAGE_SIZE,
      lang: params.lang,
    }),
    loadBadges(fetch),
  ]);
  return { me, list, badges };
};

/** Badges come with a later version of the API: until it answers, the section is left out. */
async function loadBadges(fetch: Fetch): Promise<Badge[] | null> {
  try {
    return (await request<{ items: Badge[] }>(fetch, 'GET', '/api/auth/me/badges')).items;
  } catch {
    return null;
  }
}
