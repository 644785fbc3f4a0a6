import { failLoad } from '$lib/fail-load';
import { getProgram } from '$lib/api';
import { requireMe } from '$lib/session';
import { getSite, getSiteProtocol } from '$lib/sites/api';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, params, parent, url }) => {
  const me = requireMe((await parent()).me, params.lang, url);
  const site = await getSite(fetch, Number(params.id), params.lang);
  if (!site.permissions.edit) failLoad(403, 'site.notYours');
  const [program, protocol] = await Promise.all([
    getProgram(fetch, site.programId, params.lang),
    getSiteProtocol(fetch, site.programId),
  ]);
  return { me, site, program, protocol };
};
