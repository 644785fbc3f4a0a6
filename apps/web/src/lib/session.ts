import { redirect } from '@sveltejs/kit';
import type { Me, Role } from '@citizen/shared';
import { resolve } from '$app/paths';
import { failLoad } from './fail-load';
import type { Locale } from './i18n/locales';

/** For the loads of account pages: the signed-in user, or a trip to the login page and back. */
export function requireMe(me: Me | null, lang: Locale, url: URL): Me {
  if (me) return me;
  const login = resolve('/[lang=locale]/login', { lang });
  redirect(303, `${login}?redirect=${encodeURIComponent(url.pathname + url.search)}`);
}

/** For the loads of back-office pages: the user when they hold one of `roles`, else a 403 page. */
export function requireRole(me: Me | null, roles: readonly Role[], lang: Locale, url: URL): Me {
  const user = requireMe(me, lang, url);
  if (!roles.includes(user.role)) failLoad(403, 'auth.validatorOnly');
  return user;
}
