import { loadTexts } from '$lib/i18n';
import { isLocale } from '$lib/i18n/locales';
import type { LayoutLoad } from './$types';

// The static build (VITE_SPA=1) is a single-page app: everything renders in the browser.
export const ssr = import.meta.env.VITE_SPA !== '1';

/**
 * The texts each page needs, downloaded with its data (this load runs again at each page; the
 * parts already here are not downloaded again), so the page shows with them.
 */
export const load: LayoutLoad = async ({ params, route }) => {
  const lang: unknown = 'lang' in params ? params.lang : undefined;
  if (isLocale(lang)) await loadTexts(lang, route.id);
};
