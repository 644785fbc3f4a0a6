import { Type } from 'typebox';
import {
  ErrorResponse,
  IdParams,
  ImportRejection,
  Locale,
  SpeciesListDetail,
  SpeciesListEntry,
  SpeciesListImportResult,
  SpeciesListInput,
  SpeciesListPictureInput,
  SpeciesLists,
  SPECIES_LIST_CSV_MAX_BYTES,
} from '@citizen/shared';
import { actionRecorder } from '../audit/record-action.js';
import { onlyFor, requireRole } from '../auth/guards.js';
import { DomainError } from '../http/errors.js';
import type { App } from '../http/types.js';
import { readUploads } from '../media/multipart.js';
import type { Services } from '../services.js';
import { readLines } from '../taxonomy/text-input.js';
import { spoolUploads } from '../taxonomy/uploads.js';

const LangQuery = Type.Object({ lang: Type.Optional(Locale) });
const errors = {
  400: ErrorResponse,
  401: ErrorResponse,
  403: ErrorResponse,
  404: ErrorResponse,
  409: ErrorResponse,
};

/** Species list management: administrators only; every change goes to the audit log. */
export function speciesListsRoutes(app: App, services: Services) {
  const { speciesLists, photos, config } = services;
  const tags = ['admin: species lists'];
  const admin = onlyFor('admin');
  const lang = (query: { lang?: Locale | undefined }) => query.lang ?? config.defaultLocale;

  app.get(
    '/admin/species-lists',
    {
      preValidation: admin,
      schema: { tags, summary: 'Every species list', response: { 200: SpeciesLists, ...errors } },
    },
    async () => ({ items: await speciesLists.list() }),
  );

  app.post(
    '/admin/species-lists',
    {
      preValidation: admin,
      schema: {
        tags,
        summary: 'Create a species list',
        description: '`taxa` in list order; each may have a picture: a media id or a URL.',
        querystring: LangQuery,
        body: SpeciesListInput,
        response: { 201: SpeciesListDetail, ...errors },
      },
    },
    async (request, reply) => {
      reply.code(201);
      return speciesLists.create(
        request.body,
        lang(request.query),
        actionRecorder(services, request),
      );
    },
  );

  app.post(
    '/admin/species-lists/import',
    {
      preValidation: admin,
      schema: {
        tags,
        summary: 'Create or replace a species list from a CSV file',
        description: `Multipart form: \`name\` (the list; created if no list has that name, else its taxa are replaced), optional \`description\`, and \`file\`: a CSV file (comma, semicolon or tab separated) with a header line and the columns \`cd_nom\` or \`scientific_name\`, and optionally \`picture_url\`, \`picture_media_id\` and \`position\` (else the order of the lines).

All or nothing: **any bad row rejects the whole file** with 422 and the report listing the bad lines; the list is then left as it was. The report counts the taxa added to, changed in, unchanged in and removed from the list; importing the same file again changes nothing.`,
        consumes: ['multipart/form-data'],
        response: {
          200: SpeciesListImportResult,
          ...errors,
          413: ErrorResponse,
          415: ErrorResponse,
          422: ImportRejection,
        },
      },
    },
    async (request) => {
      const upload = await spoolUploads(request, {
        fileFields: ['file'],
        maxBytes: SPECIES_LIST_CSV_MAX_BYTES,
      });
      try {
        const name = upload.fields.name?.trim();
        const file = upload.files.get('file');
        if (!name || name.length > 200) {
          throw new DomainError('speciesList.nameMissing', {}, { field: 'name' });
        }
        if (!file) throw new DomainError('upload.fileMissing', { field: 'file' });
        const description = upload.fields.description;
        return await speciesLists.importCsv(
          readLines(file.path),
          {
            name,
            description: description === undefined ? undefined : description.slice(0, 5000),
          },
          actionRecorder(services, request),
        );
      } finally {
        await upload.cleanup();
      }
    },
  );

  app.get(
    '/admin/species-lists/:id',
    {
      preValidation: admin,
      schema: {
        tags,
        summary: 'A species list with its taxa and pictures',
        params: IdParams,
        querystring: LangQuery,
        response: { 200: SpeciesListDetail, ...errors },
      },
    },
    async (request) => speciesLists.get(request.params.id, lang(request.query)),
  );

  app.put(
    '/admin/species-lists/:id',
    {
      preValidation: admin,
      schema: {
        tags,
        summary: "Replace a species list's name and description, and its taxa when given",
        params: IdParams,
        querystring: LangQuery,
        body: SpeciesListInput,
        response: { 200: SpeciesListDetail, ...errors },
      },
    },
    async (request) =>
      speciesLists.replace(
        request.params.id,
        request.body,
        lang(request.query),
        actionRecorder(services, request),
      ),
  );

  app.delete(
    '/admin/species-lists/:id',
    {
      preValidation: admin,
      schema: {
        tags,
        summary: 'Delete a species list that no programme uses',
        params: IdParams,
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      await speciesLists.remove(request.params.id, actionRecorder(services, request));
      return reply.code(204).send(null);
    },
  );

  const PictureParams = Type.Object({
    id: Type.Integer({ minimum: 1 }),
    cdNom: Type.Integer({ minimum: 1 }),
  });

  app.post(
    '/admin/species-lists/:id/taxa/:cdNom/picture',
    {
      preValidation: admin,
      schema: {
        tags,
        summary: "Upload the list's picture of one of its taxa (multipart field `file`)",
        description:
          'A JPEG, PNG, WebP or AVIF image (its content is checked, whatever its name says), at most PHOTO_MAX_BYTES; it replaces the picture the taxon had in this list.',
        consumes: ['multipart/form-data'],
        params: PictureParams,
        querystring: LangQuery,
        response: { 200: SpeciesListEntry, ...errors, 413: ErrorResponse, 415: ErrorResponse },
      },
    },
    async (request) => {
      const user = requireRole(request, 'admin');
      const { id, cdNom } = request.params;
      await speciesLists.requireEntry(id, cdNom);
      const { files } = await readUploads(request, {
        maxFiles: 1,
        maxBytes: config.photos.maxBytes,
      });
      const [file] = files;
      if (!file) throw new DomainError('upload.fileMissing', { field: 'file' });
      await photos.saveWith(
        [{ bytes: file.bytes, filename: file.filename, licence: 'CC0-1.0', author: null }],
        user.id,
        (trx, [mediaId]) =>
          speciesLists.setUploadedPicture(
            trx,
            id,
            cdNom,
            mediaId!,
            actionRecorder(services, request),
          ),
      );
      return speciesLists.entry(id, cdNom, lang(request.query));
    },
  );

  app.delete(
    '/admin/species-lists/:id/taxa/:cdNom/picture',
    {
      preValidation: admin,
      schema: {
        tags,
        summary: "Remove the list's picture of one of its taxa",
        params: PictureParams,
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      const { id, cdNom } = request.params;
      await speciesLists.setPicture(
        id,
        cdNom,
        {},
        config.defaultLocale,
        actionRecorder(services, request),
      );
      return reply.code(204).send(null);
    },
  );

  app.put(
    '/admin/species-lists/:id/taxa/:cdNom/picture',
    {
      preValidation: admin,
      schema: {
        tags,
        summary: "Set or remove the list's picture of one of its taxa",
        description:
          '`mediaId` (an uploaded photo) or `url` (http(s) or a path); both null or left out removes the picture.',
        params: PictureParams,
        querystring: LangQuery,
        body: SpeciesListPictureInput,
        response: { 200: SpeciesListEntry, ...errors },
      },
    },
    async (request) =>
      speciesLists.setPicture(
        request.params.id,
        request.params.cdNom,
        request.body,
        lang(request.query),
        actionRecorder(services, request),
      ),
  );
}
