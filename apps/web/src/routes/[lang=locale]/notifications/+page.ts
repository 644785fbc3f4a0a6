import { listNotifications } from '$lib/notifications/api';
import { requireMe } from '$lib/session';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, params, parent, url }) => {
  const { me: signedIn } = await parent();
  const me = requireMe(signedIn, params.lang, url);
  return { me, list: await listNotifications(fetch, params.lang) };
};
