import { Type } from 'typebox';
import { ErrorResponse } from '@citizen/shared';
import { onlyFor } from '../auth/guards.js';
import { BadRequestError } from '../http/errors.js';
import { recordAction } from '../audit/record-action.js';
import type { App } from '../http/types.js';
import { readUploads } from '../media/multipart.js';
import type { Services } from '../services.js';
import { AreaImportReport } from './areas.service.js';

const Area = Type.Object({
  id: Type.Integer(),
  kind: Type.String(),
  code: Type.String(),
  name: Type.String(),
});

export function areasRoutes(app: App, services: Services) {
  const { areas } = services;
  app.get(
    '/areas',
    {
      schema: {
        tags: ['areas'],
        summary: 'Administrative areas (municipalities...), to filter observations by',
        querystring: Type.Object({ kind: Type.Optional(Type.String()) }),
        response: { 200: Type.Object({ items: Type.Array(Area) }) },
      },
    },
    async (request) => ({ items: await areas.list(request.query.kind) }),
  );

  app.post(
    '/admin/areas/import',
    {
      preValidation: onlyFor('admin'),
      schema: {
        tags: ['admin: areas'],
        summary:
          'Import areas of one kind from a GeoJSON FeatureCollection (multipart: `kind`, `file`)',
        response: {
          200: AreaImportReport,
          400: ErrorResponse,
          401: ErrorResponse,
          403: ErrorResponse,
          413: ErrorResponse,
        },
      },
    },
    async (request) => {
      const { files, fields } = await readUploads(request, { maxFiles: 1, maxBytes: 200_000_000 });
      const [file] = files;
      if (!file) throw new BadRequestError('Send the areas as a GeoJSON file');
      const report = await areas.importGeoJson(
        fields.kind ?? 'municipality',
        file.bytes.toString('utf8'),
      );
      await recordAction(services, request, 'areas_imported', report);
      return report;
    },
  );
}
