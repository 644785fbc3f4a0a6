import type { FastifyRequest } from 'fastify';
import { Type, type TSchema } from 'typebox';
import {
  ErrorResponse,
  IdempotencyHeaders,
  IdParams,
  Locale,
  MySites,
  SavedVisit,
  SiteDetail,
  SiteFeatureCollection,
  SiteInput,
  SiteList,
  SiteListQuery,
  SiteMapQuery,
  SitePatch,
  SiteProtocol,
  SiteProtocolSettings,
  SiteType,
  SiteTypeInput,
  SiteTypePatch,
  Visit,
  VisitInput,
  VisitPatch,
} from '@citizen/shared';
import { recordAction } from '../audit/record-action.js';
import { onlyFor, requireUser } from '../auth/guards.js';
import type { App } from '../http/types.js';
import { replyCreated } from '../idempotency/idempotent-reply.js';
import { parseJsonField, validateAgainst } from '../http/validate.js';
import { JSON_OR_MULTIPART, jsonOrMultipart } from '../media/json-or-multipart.js';
import { readUploads } from '../media/multipart.js';
import type { Services } from '../services.js';
import { siteExportRoutes } from './sites-export.routes.js';
import { MAX_SITE_PHOTOS } from './site-rules.js';

const errors = {
  400: ErrorResponse,
  401: ErrorResponse,
  403: ErrorResponse,
  404: ErrorResponse,
  409: ErrorResponse,
};
const uploadErrors = { ...errors, 413: ErrorResponse, 415: ErrorResponse };
const LangQuery = Type.Object({ lang: Type.Optional(Locale) });
const TypeParams = Type.Object({
  id: Type.Integer({ minimum: 1 }),
  typeId: Type.Integer({ minimum: 1 }),
});
const NoContent = { 204: Type.Null() };

/** Site protocols: site types (admins), sites and their visits, the programme's site map. */
export function sitesRoutes(app: App, services: Services) {
  const { sites, siteTypes, visits, idempotency, config } = services;
  const tags = ['sites'];
  const adminTags = ['admin: sites'];
  const langOf = (request: FastifyRequest<{ Querystring: { lang?: Locale } }>) =>
    request.query.lang ?? config.defaultLocale;

  async function readBody<T extends TSchema>(request: FastifyRequest, schema: T, field: string) {
    if (!request.isMultipart()) {
      return { input: validateAgainst(schema, request.body ?? {}, 'body'), files: [] };
    }
    const { files, fields } = await readUploads(request, {
      maxFiles: MAX_SITE_PHOTOS,
      maxBytes: config.photos.maxBytes,
    });
    return { input: validateAgainst(schema, parseJsonField(fields, field), field), files };
  }

  // What a programme offers.

  app.get(
    '/programs/:id/site-protocol',
    {
      schema: {
        tags,
        summary: "A programme's site types with their site and visit forms, and who may visit",
        params: IdParams,
        response: { 200: SiteProtocol, 404: ErrorResponse },
      },
    },
    async (request) => siteTypes.protocol(request.params.id, request.user),
  );

  app.get(
    '/programs/:id/sites',
    {
      schema: {
        tags,
        summary: "A site programme's sites, newest first (filters: type, visited since)",
        params: IdParams,
        querystring: SiteListQuery,
        response: { 200: SiteList, 400: ErrorResponse, 404: ErrorResponse },
      },
    },
    async (request) => sites.listSites(request.params.id, request.query, request.user),
  );

  app.get(
    '/programs/:id/sites.geojson',
    {
      schema: {
        tags,
        summary: "A site programme's map: every site as a point, with its type and latest visit",
        params: IdParams,
        querystring: SiteMapQuery,
        response: { 200: SiteFeatureCollection, 400: ErrorResponse, 404: ErrorResponse },
      },
    },
    async (request, reply) => {
      reply.type('application/geo+json');
      return sites.siteMap(request.params.id, request.query, request.user);
    },
  );

  // Sites.

  app.post(
    '/sites',
    {
      preValidation: onlyFor('observer'),
      schema: {
        tags,
        summary:
          'Create a site (logged in), with up to 5 photos (multipart field `site` + `photo`)',
        querystring: LangQuery,
        headers: IdempotencyHeaders,
        consumes: JSON_OR_MULTIPART,
        body: jsonOrMultipart(SiteInput),
        response: { 201: SiteDetail, ...uploadErrors, 422: ErrorResponse },
      },
    },
    async (request, reply) => {
      const { input, files } = await readBody(request, SiteInput, 'site');
      const lang = langOf(request);
      const outcome = await idempotency.once(
        {
          key: request.headers['idempotency-key'],
          userId: request.user?.id ?? null,
          operation: 'site',
          input,
          files,
        },
        {
          create: (remember) => sites.createSite(input, files, request.user, lang, remember),
          replay: (id) => sites.getSite(Number(id), request.user, lang),
        },
      );
      return replyCreated(reply, outcome, `/api/sites/${outcome.result.id}`);
    },
  );

  app.get(
    '/sites/:id',
    {
      schema: {
        tags,
        summary: 'A site: its data and photos, and its visits in time order with their species',
        params: IdParams,
        querystring: LangQuery,
        response: { 200: SiteDetail, 404: ErrorResponse },
      },
    },
    async (request) => sites.getSite(request.params.id, request.user, langOf(request)),
  );

  app.patch(
    '/sites/:id',
    {
      preValidation: onlyFor('observer'),
      schema: {
        tags,
        summary: 'Change a site (its creator or an admin); photos may be added and removed',
        params: IdParams,
        querystring: LangQuery,
        consumes: JSON_OR_MULTIPART,
        body: jsonOrMultipart(SitePatch),
        response: { 200: SiteDetail, ...uploadErrors },
      },
    },
    async (request) => {
      const { input, files } = await readBody(request, SitePatch, 'site');
      return sites.updateSite(request.params.id, input, files, request.user, langOf(request));
    },
  );

  app.delete(
    '/sites/:id',
    {
      preValidation: onlyFor('observer'),
      schema: {
        tags,
        summary:
          'Delete a site with its visits, their species and every photo (its creator while nobody else visited it, or an admin)',
        params: IdParams,
        response: { ...NoContent, ...errors },
      },
    },
    async (request, reply) => {
      await sites.deleteSite(request.params.id, request.user);
      return reply.code(204).send(null);
    },
  );

  // Visits.

  app.post(
    '/sites/:id/visits',
    {
      preValidation: onlyFor('observer'),
      schema: {
        tags,
        summary:
          'Record a visit of a site, with up to 5 photos (multipart field `visit` + `photo`); ' +
          'add the species seen with POST /api/observations and its visitId',
        params: IdParams,
        querystring: LangQuery,
        headers: IdempotencyHeaders,
        consumes: JSON_OR_MULTIPART,
        body: jsonOrMultipart(VisitInput),
        response: { 201: SavedVisit, ...uploadErrors, 422: ErrorResponse },
      },
    },
    async (request, reply) => {
      const { input, files } = await readBody(request, VisitInput, 'visit');
      const siteId = request.params.id;
      const lang = langOf(request);
      const outcome = await idempotency.once(
        {
          key: request.headers['idempotency-key'],
          userId: request.user?.id ?? null,
          operation: 'visit',
          input: { siteId, visit: input },
          files,
        },
        {
          create: (remember) =>
            visits.createVisit(siteId, input, files, request.user, lang, remember),
          replay: (id) => visits.getVisit(Number(id), request.user, lang),
        },
      );
      return replyCreated(reply, outcome, `/api/visits/${outcome.result.id}`);
    },
  );

  app.get(
    '/visits/:id',
    {
      schema: {
        tags,
        summary: 'A visit with its data, photos and species',
        params: IdParams,
        querystring: LangQuery,
        response: { 200: Visit, 404: ErrorResponse },
      },
    },
    async (request) => visits.getVisit(request.params.id, request.user, langOf(request)),
  );

  app.patch(
    '/visits/:id',
    {
      preValidation: onlyFor('observer'),
      schema: {
        tags,
        summary: 'Change a visit (its observer or an admin); its species take a new date too',
        params: IdParams,
        querystring: LangQuery,
        consumes: JSON_OR_MULTIPART,
        body: jsonOrMultipart(VisitPatch),
        response: { 200: SavedVisit, ...uploadErrors },
      },
    },
    async (request) => {
      const { input, files } = await readBody(request, VisitPatch, 'visit');
      return visits.updateVisit(request.params.id, input, files, request.user, langOf(request));
    },
  );

  app.delete(
    '/visits/:id',
    {
      preValidation: onlyFor('observer'),
      schema: {
        tags,
        summary: 'Delete a visit with its species and photos (its observer or an admin)',
        params: IdParams,
        response: { ...NoContent, ...errors },
      },
    },
    async (request, reply) => {
      await visits.deleteVisit(request.params.id, request.user);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/me/sites',
    {
      schema: {
        tags,
        summary: 'My sites, the sites I visited, and my visits (for the dashboard)',
        response: { 200: MySites, 401: ErrorResponse },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'private, no-store');
      return sites.mySites(requireUser(request));
    },
  );

  // Administration.

  app.get(
    '/admin/programs/:id/site-types',
    {
      preValidation: onlyFor('admin'),
      schema: {
        tags: adminTags,
        summary: "A programme's site types",
        params: IdParams,
        response: { 200: Type.Object({ items: Type.Array(SiteType) }), ...errors },
      },
    },
    async (request) => ({
      items: (await siteTypes.protocol(request.params.id, request.user)).siteTypes,
    }),
  );

  app.post(
    '/admin/programs/:id/site-types',
    {
      preValidation: onlyFor('admin'),
      schema: {
        tags: adminTags,
        summary: 'Add a site type, with its site form and visit form (uiSchema.steps for steps)',
        params: IdParams,
        body: SiteTypeInput,
        response: { 201: SiteType, ...errors },
      },
    },
    async (request, reply) => {
      const type = await siteTypes.createType(request.params.id, request.body);
      await recordAction(services, request, 'site_type_created', {
        programId: type.programId,
        siteTypeId: type.id,
        name: type.name,
      });
      return reply.code(201).send(type);
    },
  );

  app.patch(
    '/admin/programs/:id/site-types/:typeId',
    {
      preValidation: onlyFor('admin'),
      schema: {
        tags: adminTags,
        summary: 'Change a site type; `siteForm: null` or `visitForm: null` removes a form',
        params: TypeParams,
        body: SiteTypePatch,
        response: { 200: SiteType, ...errors },
      },
    },
    async (request) => {
      const type = await siteTypes.updateType(
        request.params.id,
        request.params.typeId,
        request.body,
      );
      await recordAction(services, request, 'site_type_updated', {
        programId: type.programId,
        siteTypeId: type.id,
        name: type.name,
        fields: Object.keys(request.body),
      });
      return type;
    },
  );

  app.delete(
    '/admin/programs/:id/site-types/:typeId',
    {
      preValidation: onlyFor('admin'),
      schema: {
        tags: adminTags,
        summary: 'Delete a site type that has no site',
        params: TypeParams,
        response: { ...NoContent, ...errors },
      },
    },
    async (request, reply) => {
      const { id, typeId } = request.params;
      const { siteTypes: types } = await siteTypes.protocol(id, request.user);
      await siteTypes.deleteType(id, typeId);
      await recordAction(services, request, 'site_type_deleted', {
        programId: id,
        siteTypeId: typeId,
        name: types.find((t) => t.id === typeId)?.name ?? null,
      });
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/admin/programs/:id/site-settings',
    {
      preValidation: onlyFor('admin'),
      schema: {
        tags: adminTags,
        summary: "A site programme's settings: who may add visits to a site",
        params: IdParams,
        response: { 200: SiteProtocolSettings, ...errors },
      },
    },
    async (request) => siteTypes.settings(request.params.id),
  );

  app.patch(
    '/admin/programs/:id/site-settings',
    {
      preValidation: onlyFor('admin'),
      schema: {
        tags: adminTags,
        summary: 'Change who may add visits to a site: anyone logged in, or its creator only',
        params: IdParams,
        body: Type.Partial(SiteProtocolSettings),
        response: { 200: SiteProtocolSettings, ...errors },
      },
    },
    async (request) => {
      const settings = await siteTypes.setSettings(request.params.id, request.body);
      await recordAction(services, request, 'site_settings_updated', {
        programId: request.params.id,
        fields: Object.keys(request.body),
        ...settings,
      });
      return settings;
    },
  );

  siteExportRoutes(app, services);
}
