import { LRUCache } from 'lru-cache';
import { Type } from 'typebox';
import {
  APP_ICON_PURPOSES,
  APP_ICON_SIZES,
  ErrorResponse,
  Locale,
  WebAppManifest,
  type AppIconPurpose,
} from '@citizen/shared';
import type { App } from '../http/types.js';
import { etagOf, ifNoneMatchHits } from '../map/http-cache.js';
import { createMediaRepository } from '../media/media.repository.js';
import { fileResponse } from '../openapi/file-response.js';
import type { Services } from '../services.js';
import { renderAppIcon } from './app-icons.js';
import { readSiteLogo } from './logo-source.js';
import { buildWebManifest, iconSourceOf, iconVersion } from './web-manifest.js';

/** Icon URLs carry the version of what they are drawn from: a changed logo is a new URL. */
const VERSIONED_ICON_CACHE = 'public, max-age=31536000, immutable';
const UNVERSIONED_CACHE = 'public, no-cache';

const NotModified = Type.Null({ description: 'Not modified (If-None-Match)' });

const IconParams = Type.Object({
  purpose: Type.Enum(APP_ICON_PURPOSES),
  size: Type.Union(APP_ICON_SIZES.map((size) => Type.Literal(size))),
});

/**
 * The web app manifest and its icons, from the site settings at request time (no rebuild). The
 * API serves them for both web builds: the server-rendered one and the static one.
 */
export function webManifestRoutes(app: App, { settings, mediaStore, database, config }: Services) {
  const media = createMediaRepository(database.db);
  const publicOrigin = new URL(config.publicUrl).origin;
  // Eight icons are a few hundred kB: kept for the last few versions of the settings.
  const icons = new LRUCache<string, Promise<Buffer>>({ max: 16 });

  app.get(
    '/web-manifest/:lang',
    {
      schema: {
        tags: ['site'],
        summary:
          'The web app manifest in one language (name, colours and logo from the site settings)',
        params: Type.Object({ lang: Locale }),
        response: { 200: WebAppManifest, 304: NotModified, 400: ErrorResponse },
      },
    },
    async (request, reply) => {
      const manifest = buildWebManifest(await settings.get(), request.params.lang);
      const etag = etagOf([manifest]);
      reply.header('etag', etag).header('cache-control', UNVERSIONED_CACHE);
      if (ifNoneMatchHits(request.headers['if-none-match'], etag))
        return reply.code(304).send(undefined as never);
      return reply.type('application/manifest+json').send(manifest);
    },
  );

  app.get(
    '/web-manifest/icons/:purpose/:size',
    {
      schema: {
        tags: ['site'],
        summary:
          "An icon of the web app manifest (PNG): the site's logo on white, or the default " +
          'leaf in the primary colour; `maskable` keeps it inside the safe zone',
        params: IconParams,
        querystring: Type.Object({ v: Type.Optional(Type.String({ maxLength: 64 })) }),
        response: {
          200: fileResponse('The icon', ['image/png']),
          304: NotModified,
          400: ErrorResponse,
        },
      },
    },
    async (request, reply) => {
      const purpose: AppIconPurpose = request.params.purpose;
      const size: number = request.params.size;
      const source = iconSourceOf(await settings.get());
      const version = iconVersion(source);
      const cacheKey = `${version}/${purpose}/${size}`;
      let icon = icons.get(cacheKey);
      if (!icon) {
        icon = (async () => {
          const logo = await readSiteLogo(source.logoUrl, publicOrigin, {
            media,
            store: mediaStore,
          });
          try {
            return await renderAppIcon({ logo, primary: source.primary }, purpose, size);
          } catch (error) {
            request.log.warn({ err: error }, 'the site logo could not be drawn as an app icon');
            return renderAppIcon({ logo: null, primary: source.primary }, purpose, size);
          }
        })();
        icons.set(cacheKey, icon);
        icon.catch(() => icons.delete(cacheKey));
      }
      const etag = etagOf([version, purpose, size]);
      reply
        .header('etag', etag)
        .header(
          'cache-control',
          request.query.v === version ? VERSIONED_ICON_CACHE : UNVERSIONED_CACHE,
        );
      if (ifNoneMatchHits(request.headers['if-none-match'], etag))
        return reply.code(304).send(undefined as never);
      return reply.type('image/png').send(await icon);
    },
  );
}
