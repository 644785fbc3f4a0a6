import { getAuthOptions } from '$lib/api';
import { getMyBadges } from '$lib/badges';
import { requireMe } from '$lib/session';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, params, parent, url }) => {
  const { me: signedIn, settings } = await parent();
  const me = requireMe(signedIn, params.lang, url);
  const [options, badges] = await Promise.all([
    getAuthOptions(fetch),
    // Null when badges are off: then there are no leaderboards to leave either.
    settings.badges ? getMyBadges(fetch).catch(() => null) : null,
  ]);
  return { me, options, leaderboards: badges ? { hidden: badges.hideFromLeaderboards } : null };
};
