import { getProgram } from '$lib/api';
import { getSite, getSiteProtocol } from '$lib/sites/api';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, params }) => {
  const site = await getSite(fetch, Number(params.id), params.lang);
  // The site type's forms give the answers their titles.
  const [program, protocol] = await Promise.all([
    getProgram(fetch, site.programId, params.lang),
    getSiteProtocol(fetch, site.programId),
  ]);
  return { site, program, protocol };
};
