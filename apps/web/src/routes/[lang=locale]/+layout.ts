import { getMe, getSettings, listPages } from '$lib/api';
import { loadI18n } from '$lib/i18n';
import type { LayoutLoad } from './$types';

export const load: LayoutLoad = async ({ fetch, params, depends }) => {
  // invalidate('app:session') after logging in or out.
  depends('app:session');
  const [i18n, settings, me, pages] = await Promise.all([
    loadI18n(params.lang),
    getSettings(fetch),
    getMe(fetch),
    // The menu is a nicety: the site works without it.
    listPages(fetch).catch(() => []),
  ]);
  const menu = pages
    .filter((page) => page.inMenu)
    .map(({ slug, title, position }) => ({ slug, title, position }));
  const pageSlugs = pages.map((page) => page.slug);
  return { lang: params.lang, i18n, settings, me, menu, pageSlugs };
};
