import { Type } from 'typebox';
import { ErrorResponse, IdParams, ObservationFilterQuery } from '@citizen/shared';
import type { App } from '../http/types.js';
import { parseFilter, viewerOf } from '../observations/filters.js';
import type { Services } from '../services.js';
import type { ExportContext, ExportsService } from './exports.js';

const FORMATS = [
  {
    extension: 'csv',
    contentType: 'text/csv; charset=utf-8; header=present',
    summary: "A programme's observations as CSV",
    description:
      'One row per observation; the custom form fields as columns named custom.<field> (nested answers as JSON text).',
    build: (exports: ExportsService, ctx: ExportContext) => exports.csv(ctx),
  },
  {
    extension: 'geojson',
    contentType: 'application/geo+json',
    summary: "A programme's observations as a GeoJSON FeatureCollection",
    description: 'One Point feature per observation, with its custom form answers as customData.',
    build: (exports: ExportsService, ctx: ExportContext) => exports.geojson(ctx),
  },
  {
    extension: 'dwca.zip',
    contentType: 'application/zip',
    summary: "A programme's observations as a Darwin Core Archive",
    description:
      'occurrence.txt (Darwin Core Occurrence core), multimedia.txt (GBIF Simple Multimedia), meta.xml and eml.xml (GBIF metadata profile), for GBIF and other portals.',
    build: (exports: ExportsService, ctx: ExportContext) => exports.dwca(ctx),
  },
] as const;

export function exportsRoutes(app: App, { exports, config }: Services) {
  for (const format of FORMATS) {
    app.get(
      `/programs/:id/export.${format.extension}`,
      {
        schema: {
          tags: ['exports'],
          summary: format.summary,
          description:
            `${format.description} Takes the filters of GET /api/observations. Streamed, whatever the size. ` +
            'Sensitive taxa are generalised to their grid cell (except for their observer, validators and admins).',
          params: IdParams,
          querystring: ObservationFilterQuery,
          response: {
            200: Type.Unsafe<unknown>({
              description: 'The file',
              content: {
                [format.contentType.split(';')[0]!]: {
                  schema: { type: 'string', format: 'binary' },
                },
              },
            }),
            400: ErrorResponse,
            404: ErrorResponse,
          },
        },
      },
      async (request, reply) => {
        const ctx = await exports.prepare(
          request.params.id,
          parseFilter(request.query),
          viewerOf(request.user),
          request.query.lang ?? config.defaultLocale,
        );
        const stream = format.build(exports, ctx);
        stream.on('error', (error) => request.log.error({ err: error }, 'export failed midway'));
        return reply
          .type(format.contentType)
          .header(
            'content-disposition',
            `attachment; filename="${ctx.slug}-observations.${format.extension}"`,
          )
          .header('cache-control', 'no-store')
          .send(stream);
      },
    );
  }
}
