import { getAdminProgram, getSiteSettings, listSiteTypes } from '$lib/admin/programs/api';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, params }) => {
  const id = Number(params.id);
  const [program, siteTypes, siteSettings] = await Promise.all([
    getAdminProgram(fetch, id),
    listSiteTypes(fetch, id),
    getSiteSettings(fetch, id),
  ]);
  return { program, siteTypes, siteSettings };
};
