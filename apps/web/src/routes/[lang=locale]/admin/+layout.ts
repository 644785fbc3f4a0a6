import { loadAdminTexts } from '$lib/i18n';
import { requireRole } from '$lib/session';
import type { LayoutLoad } from './$types';

export const load: LayoutLoad = async ({ parent, params, url }) => {
  const me = requireRole((await parent()).me, ['admin'], params.lang, url);
  await loadAdminTexts(params.lang);
  return { me };
};
