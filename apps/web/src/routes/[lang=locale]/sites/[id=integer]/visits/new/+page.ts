import { failLoad } from '$lib/fail-load';
import { getProgram, getProgramTaxa } from '$lib/api';
import { requireMe } from '$lib/session';
import { getSite, getSiteProtocol } from '$lib/sites/api';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, params, parent, url }) => {
  const me = requireMe((await parent()).me, params.lang, url);
  const site = await getSite(fetch, Number(params.id), params.lang);
  if (!site.permissions.addVisit) failLoad(403, 'visit.creatorOnly');
  const [program, protocol, taxa] = await Promise.all([
    getProgram(fetch, site.programId, params.lang),
    getSiteProtocol(fetch, site.programId),
    getProgramTaxa(fetch, site.programId, params.lang),
  ]);
  return { me, site, program, protocol, taxa };
};
