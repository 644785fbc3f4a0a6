import { redirect } from '@sveltejs/kit';
import type { Me } from '@citizen/shared';
import { resolve } from '$app/paths';
import type { Locale } from './i18n/locales';

/** For the loads of account pages: the signed-in user, or a trip to the login page and back. */
export function requireMe(me: Me | null, lang: Locale, url: URL): Me {
  if (me) return me;
  const login = resolve('/[lang=locale]/login', { lang });
  redirect(303, `${login}?redirect=${encodeURIComponent(url.pathname + url.search)}`);
}
