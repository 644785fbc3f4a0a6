import { Type } from 'typebox';
import {
  AREA_CODE_PROPERTIES,
  AREA_FILE_MAX_BYTES,
  AREA_NAME_PROPERTIES,
  Area,
  AreaImportReport,
  AreaKind,
  AreaKinds,
  ErrorResponse,
} from '@citizen/shared';
import { onlyFor } from '../auth/guards.js';
import { DomainError } from '../http/errors.js';
import { recordAction } from '../audit/record-action.js';
import type { App } from '../http/types.js';
import { readUploads } from '../media/multipart.js';
import type { Services } from '../services.js';

const adminErrors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse };

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

  app.get(
    '/admin/areas/kinds',
    {
      preValidation: onlyFor('admin'),
      schema: {
        tags: ['admin: areas'],
        summary: 'Each kind of area with its number of areas and its last change',
        response: { 200: AreaKinds, ...adminErrors },
      },
    },
    async () => ({ items: await areas.kinds() }),
  );

  app.delete(
    '/admin/areas/kinds/:kind',
    {
      preValidation: onlyFor('admin'),
      schema: {
        tags: ['admin: areas'],
        summary: 'Delete every area of a kind',
        description:
          'Observations keep the municipality they were given; new observations in those places get none until areas are imported again.',
        params: Type.Object({ kind: AreaKind }),
        response: { 204: Type.Null(), ...adminErrors, 404: ErrorResponse },
      },
    },
    async (request, reply) => {
      const deleted = await areas.removeKind(request.params.kind);
      await recordAction(services, request, 'area_kind_deleted', {
        kind: request.params.kind,
        areas: deleted,
      });
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/admin/areas/import',
    {
      preValidation: onlyFor('admin'),
      schema: {
        tags: ['admin: areas'],
        summary: 'Import areas of one kind from a GeoJSON FeatureCollection',
        description: `Multipart form: \`file\` (a GeoJSON FeatureCollection of polygons or multipolygons in WGS 84, at most ${AREA_FILE_MAX_BYTES / 1e6} MB), \`kind\` (lower-case letters and underscores; default \`municipality\`, the kind that gives observations their municipality), and optionally \`codeProperty\` and \`nameProperty\`: the feature properties holding each area's code and name. Without them, the first of ${AREA_CODE_PROPERTIES.join(', ')} (code) and of ${AREA_NAME_PROPERTIES.join(', ')} (name) that the first feature has.

Areas are matched on (kind, code): importing again updates them. All or nothing: a feature without a code or a name, with a code already given, or with a bad geometry rejects the file (400, naming the feature by its position).`,
        consumes: ['multipart/form-data'],
        response: { 200: AreaImportReport, ...adminErrors, 413: ErrorResponse, 415: ErrorResponse },
      },
    },
    async (request) => {
      const { files, fields } = await readUploads(request, {
        maxFiles: 1,
        maxBytes: AREA_FILE_MAX_BYTES,
      });
      const [file] = files;
      if (!file) throw new DomainError('upload.fileMissing', { field: 'file' });
      const report = await areas.importGeoJson(
        fields.kind?.trim() || 'municipality',
        file.bytes.toString('utf8'),
        { codeProperty: fields.codeProperty, nameProperty: fields.nameProperty },
      );
      await recordAction(services, request, 'areas_imported', report);
      return report;
    },
  );
}
