import { failLoad } from '$lib/fail-load';
import { getProgram } from '$lib/api';
import { requireMe } from '$lib/session';
import { getSiteProtocol } from '$lib/sites/api';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, params, parent, url }) => {
  // Sites are recorded with an account: first the login, then back here.
  const me = requireMe((await parent()).me, params.lang, url);
  const id = Number(params.id);
  const [program, protocol] = await Promise.all([
    getProgram(fetch, id, params.lang),
    getSiteProtocol(fetch, id),
  ]);
  if (program.kind !== 'sites') failLoad(404, 'site.notSiteProgram', { id });
  return { me, program, protocol };
};
