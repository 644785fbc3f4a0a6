import { getJson } from '$lib/api';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, params }) => ({
  // 404 when badges are off on this instance, or for an unknown user: the error page says so.
  profile: await getJson(fetch, '/api/users/{username}/badges', {
    path: { username: params.username },
  }),
});
