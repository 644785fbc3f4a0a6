import { failLoad } from '$lib/fail-load';
import { getProgramTaxa } from '$lib/api';
import { requireMe } from '$lib/session';
import { getSite, getSiteProtocol, getVisit } from '$lib/sites/api';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, params, parent, url }) => {
  const me = requireMe((await parent()).me, params.lang, url);
  const visit = await getVisit(fetch, Number(params.id), params.lang);
  if (!visit.canEdit) failLoad(403, 'visit.notYours');
  const [site, protocol, taxa] = await Promise.all([
    getSite(fetch, visit.siteId, params.lang),
    getSiteProtocol(fetch, visit.programId),
    getProgramTaxa(fetch, visit.programId, params.lang),
  ]);
  return { me, visit, site, protocol, taxa };
};
