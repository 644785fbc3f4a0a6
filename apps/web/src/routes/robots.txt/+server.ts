import { LOCALES } from '$lib/contract';
import { siteOrigin } from '$lib/server/origin';
import type { RequestHandler } from './$types';

// Server-rendered build only: the static build has no server to answer it.
export const prerender = false;

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
  const origin = siteOrigin(url);
  const lines = [
    'User-agent: *',
    'Allow: /',
    'Disallow: /api/',
    ...LOCALES.flatMap((locale) => PRIVATE.map((page) => `Disallow: /${locale}/${page}`)),
    '',
    `Sitemap: ${origin}/sitemap.xml`,
    '',
  ];
  return new Response(lines.join('\n'), {
    headers: {
      'content-type': 'text/plain; charset=utf-8',
      'cache-control': 'public, max-age=3600',
    },
  });
};
