import { getMe, getSettings, listPages } from '$lib/api';
import { loadI18n } from '$lib/i18n';
import type { LayoutLoad } from './$types';

export const load: LayoutLoad = async ({ fetch, params, depends, route, untrack }) => {
  // invalidate('app:session') after logging in or out.
  depends('app:session');
  const [i18n, settings, me, pages] = await Promise.all([
    // The first page's texts; the root layout's load brings the next pages' (this load, and its
    // requests, need not run again at each page).
    loadI18n(
      params.lang,
      untrack(() => route.id),
    ),
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
