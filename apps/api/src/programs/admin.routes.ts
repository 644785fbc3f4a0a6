import { Type } from 'typebox';
import {
  AdminProgram,
  ErrorResponse,
  IdParams,
  ProgramInput,
  ProgramPatch,
  Project,
  ProjectInput,
} from '@citizen/shared';
import { onlyFor, requireRole } from '../auth/guards.js';
import { DomainError } from '../http/errors.js';
import { recordAction } from '../audit/record-action.js';
import type { App } from '../http/types.js';
import { readUploads } from '../media/multipart.js';
import type { Services } from '../services.js';

const errors = {
  400: ErrorResponse,
  401: ErrorResponse,
  403: ErrorResponse,
  404: ErrorResponse,
  409: ErrorResponse,
};
const AREA_FILE_MAX_BYTES = 20_000_000;

/** Programme and project management: administrators only. */
export function programsAdminRoutes(app: App, services: Services) {
  const { programs, photos, config } = services;
  const tags = ['admin: programmes'];

  app.get(
    '/admin/programs',
    {
      preValidation: onlyFor('admin'),
      schema: {
        tags,
        summary: 'Every programme, active or not',
        response: { 200: Type.Object({ items: Type.Array(AdminProgram) }), ...errors },
      },
    },
    async () => ({ items: await programs.listForAdmin() }),
  );

  app.get(
    '/admin/programs/:id',
    {
      preValidation: onlyFor('admin'),
      schema: {
        tags,
        summary: 'One programme, active or not',
        params: IdParams,
        response: { 200: AdminProgram, ...errors },
      },
    },
    async (request) => {
      return programs.getForAdmin(request.params.id);
    },
  );

  app.post(
    '/admin/programs',
    {
      preValidation: onlyFor('admin'),
      schema: {
        tags,
        summary: 'Create a programme',
        body: ProgramInput,
        response: { 201: AdminProgram, ...errors },
      },
    },
    async (request, reply) => {
      const created = await programs.create(request.body);
      await recordAction(services, request, 'program_created', {
        programId: created.id,
        slug: created.slug,
      });
      return reply.code(201).send(created);
    },
  );

  app.patch(
    '/admin/programs/:id',
    {
      preValidation: onlyFor('admin'),
      schema: {
        tags,
        summary: 'Change a programme; `form: null` removes its custom form',
        params: IdParams,
        body: ProgramPatch,
        response: { 200: AdminProgram, ...errors },
      },
    },
    async (request) => {
      const updated = await programs.update(request.params.id, request.body);
      await recordAction(services, request, 'program_updated', {
        programId: updated.id,
        fields: Object.keys(request.body),
      });
      return updated;
    },
  );

  app.put(
    '/admin/programs/:id/area',
    {
      preValidation: onlyFor('admin'),
      schema: {
        tags,
        summary: "Replace a programme's area with a GeoJSON or KML file (multipart field `file`)",
        consumes: ['multipart/form-data'],
        params: IdParams,
        response: { 200: AdminProgram, ...errors, 413: ErrorResponse, 415: ErrorResponse },
      },
    },
    async (request) => {
      const { files } = await readUploads(request, { maxFiles: 1, maxBytes: AREA_FILE_MAX_BYTES });
      const [file] = files;
      if (!file) throw new DomainError('upload.fileMissing', { field: 'file' });
      const updated = await programs.update(request.params.id, {
        area: file.bytes.toString('utf8'),
      });
      await recordAction(services, request, 'program_updated', {
        programId: updated.id,
        fields: ['area'],
      });
      return updated;
    },
  );

  app.put(
    '/admin/programs/:id/image',
    {
      preValidation: onlyFor('admin'),
      schema: {
        tags,
        summary: "Set a programme's banner image (multipart field `file`)",
        consumes: ['multipart/form-data'],
        params: IdParams,
        response: { 200: AdminProgram, ...errors, 413: ErrorResponse, 415: ErrorResponse },
      },
    },
    async (request) => {
      const admin = requireRole(request, 'admin');
      const program = await programs.getForAdmin(request.params.id);
      const { files } = await readUploads(request, {
        maxFiles: 1,
        maxBytes: config.photos.maxBytes,
      });
      const [file] = files;
      if (!file) throw new DomainError('upload.fileMissing', { field: 'file' });
      await photos.saveWith(
        [
          {
            bytes: file.bytes,
            filename: file.filename,
            licence: config.photos.defaultLicence,
            author: null,
          },
        ],
        admin.id,
        (trx, [mediaId]) => programs.setImage(program.id, mediaId!, trx),
      );
      await recordAction(services, request, 'program_updated', {
        programId: program.id,
        fields: ['image'],
      });
      return programs.getForAdmin(program.id);
    },
  );

  app.get(
    '/projects',
    {
      schema: {
        tags: ['programmes'],
        summary: 'Projects that group programmes',
        response: { 200: Type.Object({ items: Type.Array(Project) }) },
      },
    },
    async () => ({ items: await programs.listProjects() }),
  );

  app.post(
    '/admin/projects',
    {
      preValidation: onlyFor('admin'),
      schema: {
        tags,
        summary: 'Create a project',
        body: ProjectInput,
        response: { 201: Project, ...errors },
      },
    },
    async (request, reply) => {
      const project = await programs.createProject(request.body);
      await recordAction(services, request, 'project_created', {
        projectId: project.id,
        title: project.title,
      });
      return reply.code(201).send(project);
    },
  );
}
