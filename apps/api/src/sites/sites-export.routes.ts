import { Type } from 'typebox';
import { ErrorResponse, IdParams, Locale } from '@citizen/shared';
import type { App } from '../http/types.js';
import { viewerOf } from '../observations/filters.js';
import type { Services } from '../services.js';
import { createSiteExports, type SiteExportContext, type SiteExports } from './sites-export.js';
import { createSiteExportsRepository } from './site-exports.repository.js';
import { createSitePhotosRepository } from './site-photos.repository.js';
import { createSiteTypesRepository } from './site-types.repository.js';

const FORMATS = [
  {
    file: 'sites.csv',
    contentType: 'text/csv; charset=utf-8; header=present',
    summary: "A site programme's sites as CSV",
    description: "One row per site; the site forms' fields as columns named custom.<field>.",
    build: (e: SiteExports, ctx: SiteExportContext) => e.sitesCsv(ctx),
  },
  {
    file: 'visits.csv',
    contentType: 'text/csv; charset=utf-8; header=present',
    summary: "A site programme's visits as CSV",
    description:
      "One row per visit, with its site; the visit forms' fields as columns named custom.<field>.",
    build: (e: SiteExports, ctx: SiteExportContext) => e.visitsCsv(ctx),
  },
  {
    file: 'visit-observations.csv',
    contentType: 'text/csv; charset=utf-8; header=present',
    summary: 'The species recorded during the visits of a site programme, as CSV',
    description:
      'One row per observation linked to a visit, with its visit and site. Sensitive taxa, whose ' +
      'points the public sees generalised, are left out (their site would locate them); they ' +
      "are in the programme's observation exports.",
    build: (e: SiteExports, ctx: SiteExportContext) => e.speciesCsv(ctx),
  },
  {
    file: 'sites.geojson',
    contentType: 'application/geo+json',
    summary: "A site programme's sites, visits and species as GeoJSON",
    description:
      'One Point feature per site, with its answers and its visits (answers, photos, species).',
    build: (e: SiteExports, ctx: SiteExportContext) => e.geojson(ctx),
  },
  {
    file: 'events.dwca.zip',
    contentType: 'application/zip',
    summary: "A site programme's visits as a Darwin Core Archive of sampling events",
    description:
      'event.txt (Event core: one event per visit, at its site), occurrence.txt (the species ' +
      'of each visit, keyed by event), meta.xml and eml.xml.',
    build: (e: SiteExports, ctx: SiteExportContext) => e.dwca(ctx),
  },
] as const;

/** Exports of a site programme (sites/sites-export.ts). */
export function siteExportRoutes(app: App, services: Services) {
  const { database, exports, listing, config } = services;
  const siteExports = createSiteExports({
    repository: createSiteExportsRepository(database.db),
    siteTypes: createSiteTypesRepository(database.db),
    sitePhotos: createSitePhotosRepository(database.db),
    exports,
    listing,
    config,
  });

  for (const format of FORMATS) {
    app.get(
      `/programs/:id/export/${format.file}`,
      {
        schema: {
          tags: ['exports'],
          summary: format.summary,
          description: `${format.description} Streamed.`,
          params: IdParams,
          querystring: Type.Object({ lang: Type.Optional(Locale) }),
          response: {
            200: Type.Unsafe<unknown>({
              description: 'The file',
              content: {
                [format.contentType.split(';')[0]!]: {
                  schema: { type: 'string', format: 'binary' },
                },
              },
            }),
            404: ErrorResponse,
          },
        },
      },
      async (request, reply) => {
        const ctx = await siteExports.prepare(
          request.params.id,
          viewerOf(request.user),
          request.query.lang ?? config.defaultLocale,
        );
        const stream = format.build(siteExports, ctx);
        stream.on('error', (error) => request.log.error({ err: error }, 'export failed midway'));
        return reply
          .type(format.contentType)
          .header('content-disposition', `attachment; filename="${ctx.slug}-${format.file}"`)
          .header('cache-control', 'no-store')
          .send(stream);
      },
    );
  }
}
