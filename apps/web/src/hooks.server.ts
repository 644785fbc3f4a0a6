import { type Handle, type HandleFetch } from '@sveltejs/kit';
import type { PublicSettings } from '@citizen/shared';
import { env } from '$env/dynamic/private';
import { localeOfPath, parseAcceptLanguage, pickLocale } from '$lib/i18n/locales';
import { readEmbed } from '$lib/embed';
import { applySetCookies, hasSessionCookie, needsRefresh } from '$lib/server/cookies';
import { siteOrigin } from '$lib/server/origin';
import { setPageSecurityHeaders } from '$lib/server/security-headers';

const DEFAULT_API_URL = 'http://127.0.0.1:3000';
const apiUrl = () => (env.API_INTERNAL_URL || DEFAULT_API_URL).replace(/\/+$/, '');

/** Routes that only send a visitor on to the page in their language. */
const LANGUAGE_REDIRECTS = new Set(['/', '/[...path]']);

export const handle: Handle = async ({ event, resolve }) => {
  if (event.route.id !== null && LANGUAGE_REDIRECTS.has(event.route.id)) {
    const settings = await fetchSettings();
    const locale = pickLocale(
      parseAcceptLanguage(event.request.headers.get('accept-language')),
      settings?.locales ?? ['fr', 'en', 'de'],
      settings?.defaultLocale ?? 'fr',
    );
    const rest = event.url.pathname === '/' ? '' : event.url.pathname;
    return new Response(null, {
      status: 302,
      headers: {
        location: `/${locale}${rest}${event.url.search}`,
        vary: 'Accept-Language',
        'cache-control': 'no-store',
      },
    });
  }

  event.locals.cookie = event.request.headers.get('cookie');
  const renewed = event.route.id !== null ? await renewSession(event) : [];

  const lang = localeOfPath(event.url.pathname) ?? 'en';
  // Pages write absolute links from the request's origin, which may not be the public one.
  const seen = event.url.origin;
  const origin = siteOrigin(event.url);
  const response = await resolve(event, {
    transformPageChunk: ({ html }) => {
      const page = html.replace('%lang%', lang);
      return origin === seen ? page : page.replaceAll(`${seen}/`, `${origin}/`);
    },
  });
  for (const cookie of renewed) response.headers.append('set-cookie', cookie);
  if (response.headers.get('content-type')?.startsWith('text/html')) {
    setPageSecurityHeaders(
      response.headers,
      await event.locals.settings,
      readEmbed(event.url.searchParams).embedded,
    );
  }
  // A page rendered for a signed-in user is theirs alone: no shared cache may keep it.
  if (hasSessionCookie(event.locals.cookie) && !response.headers.has('cache-control')) {
    response.headers.set('cache-control', 'private, no-cache');
  }
  return response;
};

/**
 * Loads call `fetch('/api/...')` so that the same code works in the browser (same origin) and
 * here, where the API is reached on its internal URL. The browser's cookies do not follow a
 * request to another origin by themselves, so they are set explicitly.
 */
export const handleFetch: HandleFetch = async ({ event, request, fetch }) => {
  const url = new URL(request.url);
  if (url.origin !== event.url.origin || !url.pathname.startsWith('/api/')) return fetch(request);

  const cookie = event.locals.cookie;
  // A visitor without a session: no need to ask the API who they are.
  if (url.pathname === '/api/auth/me' && !hasSessionCookie(cookie)) {
    return Response.json(
      { statusCode: 401, error: 'Unauthorized', message: 'Not logged in' },
      { status: 401 },
    );
  }
  const headers = new Headers(request.headers);
  if (cookie) headers.set('cookie', cookie);
  else headers.delete('cookie');
  const response = await fetch(
    new Request(`${apiUrl()}${url.pathname}${url.search}`, new Request(request, { headers })),
  );
  // The page's content policy lists the hosts of the settings it is rendered with.
  if (url.pathname === '/api/settings' && response.ok) {
    event.locals.settings = response
      .clone()
      .json()
      .catch(() => undefined) as Promise<PublicSettings | undefined>;
  }
  return response;
};

/**
 * The access cookie lives minutes, the refresh cookie weeks. When only the refresh cookie is
 * left, the session is renewed before rendering, so that the page is rendered for the signed-in
 * user; the new cookies go back to the browser with the page.
 */
async function renewSession(event: Parameters<Handle>[0]['event']): Promise<string[]> {
  if (!needsRefresh(event.locals.cookie)) return [];
  try {
    const response = await fetch(`${apiUrl()}/api/auth/refresh`, {
      method: 'POST',
      // The API refuses cookie requests from other origins (CSRF): this one acts for the page.
      headers: {
        cookie: event.locals.cookie ?? '',
        origin: event.url.origin,
        'content-type': 'application/json',
      },
      body: '{}',
    });
    // 403: PUBLIC_URL differs from the origin seen here; the browser will refresh by itself.
    if (response.status === 403) return [];
    const setCookies = response.headers.getSetCookie();
    event.locals.cookie = applySetCookies(event.locals.cookie, setCookies);
    return setCookies;
  } catch {
    return [];
  }
}

async function fetchSettings(): Promise<PublicSettings | undefined> {
  try {
    const response = await fetch(`${apiUrl()}/api/settings`);
    return response.ok ? ((await response.json()) as PublicSettings) : undefined;
  } catch {
    return undefined;
  }
}
