import { Type } from 'typebox';
import {
  DEFAULT_SENSITIVITY_SOURCE,
  ErrorResponse,
  ImportRejection,
  SENSITIVITY_CSV_MAX_BYTES,
  SensitivityImportResult,
  SensitivityRuleList,
  SensitivityRuleQuery,
  SensitivityTaxon,
  SensitivityTaxonInput,
  SensitivityTaxonParams,
} from '@citizen/shared';
import { actionRecorder } from '../audit/record-action.js';
import { onlyFor } from '../auth/guards.js';
import { DomainError } from '../http/errors.js';
import type { App } from '../http/types.js';
import type { Services } from '../services.js';
import { readLines } from '../taxonomy/text-input.js';
import { spoolUploads } from '../taxonomy/uploads.js';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse };

/** Sensitivity rules: administrators only; every change goes to the audit log. */
export function sensitivityRoutes(app: App, services: Services) {
  const { sensitivity } = services;
  const tags = ['admin: sensitive species'];
  const admin = onlyFor('admin');

  app.get(
    '/admin/sensitivity/rules',
    {
      preValidation: admin,
      schema: {
        tags,
        summary: 'Sensitivity rules, by taxon (a cd_nom or part of a name) and source',
        querystring: SensitivityRuleQuery,
        response: { 200: SensitivityRuleList, ...errors },
      },
    },
    async (request) => sensitivity.list(request.query),
  );

  app.post(
    '/admin/sensitivity/import',
    {
      preValidation: admin,
      schema: {
        tags,
        summary: 'Replace the rules of a source from a CSV file',
        description: `Multipart form: optional \`source\` (default \`${DEFAULT_SENSITIVITY_SOURCE}\`) and \`file\`: a CSV file (comma, semicolon or tab separated) with a header line and the columns \`cd_nom\`, \`sensitivity\` (0 to 3: none, 1, 5 or 10 km grid cell) and optionally \`area_code\` (an imported area's code, or \`kind:code\`; the rule then applies inside that area only).

The file replaces the rules of its source: lines new to it are added, changed levels updated, rules the file no longer has removed; other sources and the back office's own rules stay. A rule applies to every name of its taxon's accepted name; where several apply, the strictest wins. Lines of level 0 bring no rule; where a taxon and area have several lines, the strictest is kept.

All or nothing: **any bad line rejects the whole file** with 422 and the report listing the bad lines.`,
        consumes: ['multipart/form-data'],
        response: {
          200: SensitivityImportResult,
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
        maxBytes: SENSITIVITY_CSV_MAX_BYTES,
      });
      try {
        const file = upload.files.get('file');
        if (!file) throw new DomainError('upload.fileMissing', { field: 'file' });
        return await sensitivity.importCsv(
          readLines(file.path),
          upload.fields.source,
          actionRecorder(services, request),
        );
      } finally {
        await upload.cleanup();
      }
    },
  );

  app.get(
    '/admin/sensitivity/taxa/:cdNom',
    {
      preValidation: admin,
      schema: {
        tags,
        summary: "A taxon's rules (every name of its accepted taxon) and its level everywhere",
        params: SensitivityTaxonParams,
        response: { 200: SensitivityTaxon, ...errors },
      },
    },
    async (request) => sensitivity.taxon(request.params.cdNom),
  );

  app.put(
    '/admin/sensitivity/taxa/:cdNom',
    {
      preValidation: admin,
      schema: {
        tags,
        summary: "Set the back office's level of a taxon everywhere (0 removes it)",
        description:
          'A rule of the source `manual`: imports leave it alone. It cannot lower what another rule asks (the strictest wins).',
        params: SensitivityTaxonParams,
        body: SensitivityTaxonInput,
        response: { 200: SensitivityTaxon, ...errors },
      },
    },
    async (request) =>
      sensitivity.setLevel(
        request.params.cdNom,
        request.body.level,
        actionRecorder(services, request),
      ),
  );

  app.delete(
    '/admin/sensitivity/taxa/:cdNom',
    {
      preValidation: admin,
      schema: {
        tags,
        summary: 'Remove every rule of a taxon and its synonyms, from every source',
        params: SensitivityTaxonParams,
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      await sensitivity.clear(request.params.cdNom, actionRecorder(services, request));
      return reply.code(204).send(null);
    },
  );
}
