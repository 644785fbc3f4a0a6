import { building } from '$app/environment';
import { LOCALES } from '$lib/contract';
import { siteOrigin } from '$lib/server/origin';
import type { RequestHandler } from './$types';

// The static build writes it as a file (there is no server to answer it, nor a sitemap).
export const prerender = import.meta.env.VITE_SPA === '1';

/** Pages about one person (account, forms) are not for search engines. */
const PRIVATE = [
  'dashboard',
  'account',
  'login',
  'register',
  'confirm',
  'forgot-password',
  'reset-password',
  'confirm-email-change',
];

export const GET: RequestHandler = ({ url }) => {
  const lines = [
    'User-agent: *',
    'Allow: /',
    'Disallow: /api/',
    ...LOCALES.flatMap((locale) => PRIVATE.map((page) => `Disallow: /${locale}/${page}`)),
    '',
    ...(building ? [] : [`Sitemap: ${siteOrigin(url)}/sitemap.xml`, '']),
  ];
  return new Response(lines.join('\n'), {
    headers: {
      'content-type': 'text/plain; charset=utf-8',
      'cache-control': 'public, max-age=3600',
    },
  });
};
