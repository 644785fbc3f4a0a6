import type { CustomPage } from '@citizen/shared';
import { request } from '$lib/api';
import { siteOrigin } from '$lib/server/origin';
import type { RequestHandler } from './$types';

// Server-rendered build only: the static build has no server to answer it.
export const prerender = false;

const escape = (text: string) => text.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);

/** Every public page in every language, each with its translations (hreflang). */
export const GET: RequestHandler = async ({ fetch, url }) => {
  const origin = siteOrigin(url);
  const [settings, programs, pages] = await Promise.all([
    request(fetch, 'GET', '/api/settings'),
    request(fetch, 'GET', '/api/programs'),
    request(fetch, 'GET', '/api/pages').catch(() => ({ items: [] as CustomPage[] })),
  ]);
  const paths = [
    '',
    '/about',
    '/explore',
    ...programs.items.flatMap((program) => [
      `/programs/${program.id}`,
      `/programs/${program.id}/stats`,
    ]),
    ...pages.items.filter((page) => page.slug !== 'about').map((page) => `/pages/${page.slug}`),
  ];
  const entries = paths.flatMap((path) =>
    settings.locales.map((locale) => {
      const alternates = settings.locales
        .map(
          (other) =>
            `<xhtml:link rel="alternate" hreflang="${other}" href="${escape(`${origin}/${other}${path}`)}"/>`,
        )
        .join('');
      return `<url><loc>${escape(`${origin}/${locale}${path}`)}</loc>${alternates}</url>`;
    }),
  );
  const xml =
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">' +
    entries.join('') +
    '</urlset>\n';
  return new Response(xml, {
    headers: {
      'content-type': 'application/xml; charset=utf-8',
      'cache-control': 'public, max-age=3600',
    },
  });
};
