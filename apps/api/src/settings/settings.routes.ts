import { Type } from 'typebox';
import { CustomPage, ErrorResponse, PublicSettings, SiteSettingsPatch } from '@citizen/shared';
import { onlyFor, requireRole } from '../auth/guards.js';
import { DomainError } from '../http/errors.js';
import { recordAction } from '../audit/record-action.js';
import type { App } from '../http/types.js';
import { readUploads } from '../media/multipart.js';
import type { Services } from '../services.js';

const SlugParams = Type.Object({ slug: CustomPage.properties.slug });
const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse };

export function settingsRoutes(app: App, services: Services) {
  const { settings, config } = services;
  app.get(
    '/settings',
    {
      schema: {
        tags: ['site'],
        summary: 'Site settings the web app reads at request time (no rebuild to change them)',
        response: { 200: PublicSettings },
      },
    },
    async () => settings.get(),
  );

  app.patch(
    '/admin/settings',
    {
      preValidation: onlyFor('admin'),
      schema: {
        tags: ['admin: site'],
        summary: 'Change site settings; `texts` are merged by key',
        body: SiteSettingsPatch,
        response: { 200: PublicSettings, ...errors },
      },
    },
    async (request) => {
      const updated = await settings.update(request.body);
      await recordAction(services, request, 'settings_updated', {
        fields: Object.keys(request.body),
      });
      return updated;
    },
  );

  app.put(
    '/admin/settings/logo',
    {
      preValidation: onlyFor('admin'),
      schema: {
        tags: ['admin: site'],
        summary: 'Upload the site logo (multipart field `file`: JPEG, PNG, WebP)',
        consumes: ['multipart/form-data'],
        response: { 200: PublicSettings, ...errors, 413: ErrorResponse, 415: ErrorResponse },
      },
    },
    async (request) => {
      const admin = requireRole(request, 'admin');
      const { files } = await readUploads(request, {
        maxFiles: 1,
        maxBytes: config.photos.maxBytes,
      });
      const [file] = files;
      if (!file) throw new DomainError('upload.fileMissing', { field: 'file' });
      const updated = await settings.replaceLogo(
        {
          bytes: file.bytes,
          filename: file.filename,
          licence: config.photos.defaultLicence,
          author: null,
        },
        admin.id,
      );
      await recordAction(services, request, 'settings_updated', { fields: ['logoUrl'] });
      return updated;
    },
  );

  app.get(
    '/pages',
    {
      schema: {
        tags: ['site'],
        summary: 'Custom pages (about, legal notice...)',
        response: { 200: Type.Object({ items: Type.Array(CustomPage) }) },
      },
    },
    async () => ({ items: await settings.listPages() }),
  );

  app.get(
    '/pages/:slug',
    {
      schema: {
        tags: ['site'],
        summary: 'One custom page',
        params: SlugParams,
        response: { 200: CustomPage, 404: ErrorResponse },
      },
    },
    async (request) => settings.getPage(request.params.slug),
  );

  app.put(
    '/admin/pages/:slug',
    {
      preValidation: onlyFor('admin'),
      schema: {
        tags: ['admin: site'],
        summary: 'Create or replace a custom page (its body is sanitised)',
        params: SlugParams,
        body: Type.Omit(CustomPage, ['slug']),
        response: { 200: CustomPage, ...errors },
      },
    },
    async (request) => {
      const page = await settings.savePage({ ...request.body, slug: request.params.slug });
      await recordAction(services, request, 'page_saved', { slug: page.slug });
      return page;
    },
  );

  app.delete(
    '/admin/pages/:slug',
    {
      preValidation: onlyFor('admin'),
      schema: {
        tags: ['admin: site'],
        summary: 'Delete a custom page',
        params: SlugParams,
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      await settings.deletePage(request.params.slug);
      await recordAction(services, request, 'page_deleted', { slug: request.params.slug });
      return reply.code(204).send(null);
    },
  );
}
