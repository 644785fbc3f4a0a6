import { LIST_PAGE_SIZE, listObservations } from '$lib/api';
import { getMyBadges } from '$lib/badges';
import { requireMe } from '$lib/session';
import { getMySites } from '$lib/sites/api';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, params, parent, url }) => {
  const { me: signedIn, settings } = await parent();
  const me = requireMe(signedIn, params.lang, url);
  const [list, badges, sites] = await Promise.all([
    listObservations(fetch, {
      observer: me.id,
      sort: 'created_desc',
      limit: LIST_PAGE_SIZE,
      lang: params.lang,
    }),
    // Badges are a nicety: the dashboard works without them.
    settings.badges ? getMyBadges(fetch).catch(() => null) : null,
    // Sites and visits: shown only to those who have some.
    getMySites(fetch).catch(() => null),
  ]);
  return { me, list, badges, sites };
};
