import { redirect } from '@sveltejs/kit';
import { getSettings, type Fetch } from './api';
import { pickLocale } from './i18n/locales';

/**
 * Sends a visitor from a path without a language (/, /programs/1) to the same page in their
 * browser's language. On the server, hooks.server.ts does it from Accept-Language first.
 */
export async function redirectToLanguage(fetch: Fetch, url: URL): Promise<never> {
  const settings = await getSettings(fetch);
  const preferred = typeof navigator === 'undefined' ? [] : navigator.languages;
  const locale = pickLocale(preferred, settings.locales, settings.defaultLocale);
  const rest = url.pathname === '/' ? '' : url.pathname;
  redirect(307, `/${locale}${rest}${url.search}`);
}
