import { Type } from 'typebox';
import {
  ErrorResponse,
  IdParams,
  ImportRejection,
  ImportReport,
  LOCALES,
  Locale,
  TAXONOMY_FORMATS,
  TaxonDetail,
  TaxonList,
  TaxonParams,
  TaxonSearchQuery,
} from '@citizen/shared';
import { recordAction } from '../audit/record-action.js';
import { onlyFor } from '../auth/guards.js';
import { DomainError } from '../http/errors.js';
import type { App } from '../http/types.js';
import type { Services } from '../services.js';
import { normaliseLanguage } from './import-rows.js';
import { spoolUploads } from './uploads.js';
import { isZipFile } from './zip.js';

const LangQuery = Type.Object({ lang: Type.Optional(Locale) });

const IMPORT_DESCRIPTION = `Multipart form: \`format\` (${TAXONOMY_FORMATS.join(' or ')}) and the file(s).

- \`taxref\`: \`file\` is a TAXREF text file (tab-separated, TAXREF column names: CD_NOM, CD_REF,
  RANG, LB_NOM, LB_AUTEUR, REGNE…FAMILLE, GROUP2_INPN, NOM_VERN, NOM_VERN_ENG), or the zip TAXREF
  is published in. Optional \`version\` (e.g. 18.0), else read from the file name (TAXREFv18.txt).
- \`dwc\`: a Darwin Core checklist: \`file\` is a Darwin Core archive (zip), or \`file\` is the taxon
  file (Taxon.tsv / taxon.txt) and \`vernacular\` the VernacularName file. Optional \`languages\`
  (comma-separated ISO codes; default ${LOCALES.join(',')}): the vernacular names kept.

The import is all or nothing, in one transaction. **Any bad row rejects the whole file**: the
answer is 422 with the report, whose \`errors\` list the bad lines (\`line\`, \`message\`, and
\`file\` for an archive), and nothing is imported. Otherwise the report counts the taxa inserted,
updated and unchanged; importing the same file again changes nothing, and a newer TAXREF updates
rows in place. Taxa missing from the file are kept. For the taxa in the file, the vernacular
names in the file's languages become exactly the file's.`;

export function taxonomyRoutes(app: App, services: Services) {
  const { taxonomy, config } = services;
  app.get(
    '/taxa/search',
    {
      schema: {
        tags: ['taxonomy'],
        summary: 'Autocomplete taxa by vernacular or scientific name',
        description:
          "Accent- and case-insensitive. Ranked: the preferred vernacular name (in `lang`) starting with `q`, then other names starting with it, then names with a word starting with it, then close spellings (typos). Synonyms give their accepted taxon, once. With `program`, only the taxa of its species list (the whole taxonomy when it has none), with the list's pictures.",
        querystring: TaxonSearchQuery,
        response: { 200: TaxonList, 400: ErrorResponse, 404: ErrorResponse },
      },
    },
    async (request) => {
      const { q, lang, program, limit } = request.query;
      return {
        items: await taxonomy.search({ q, lang: lang ?? config.defaultLocale, program, limit }),
      };
    },
  );

  app.get(
    '/taxa/:cdNom',
    {
      schema: {
        tags: ['taxonomy'],
        summary: 'One taxon (accepted name or synonym) with its names and classification',
        params: TaxonParams,
        querystring: LangQuery,
        response: { 200: TaxonDetail, 404: ErrorResponse },
      },
    },
    async (request) =>
      taxonomy.get(request.params.cdNom, request.query.lang ?? config.defaultLocale),
  );

  app.get(
    '/programs/:id/taxa',
    {
      schema: {
        tags: ['taxonomy', 'programmes'],
        summary: "A programme's species, for a picker: in list order, with the list's pictures",
        description:
          'A programme without a species list accepts the whole taxonomy: it answers 400, and the client searches with GET /api/taxa/search?program=…',
        params: IdParams,
        querystring: LangQuery,
        response: { 200: TaxonList, 400: ErrorResponse, 404: ErrorResponse },
      },
    },
    async (request) => ({
      items: await taxonomy.programTaxa(
        request.params.id,
        request.query.lang ?? config.defaultLocale,
      ),
    }),
  );

  app.post(
    '/admin/taxonomy/import',
    {
      preValidation: onlyFor('admin'),
      schema: {
        tags: ['admin: taxonomy'],
        summary: 'Import a TAXREF file or a Darwin Core checklist',
        description: IMPORT_DESCRIPTION,
        consumes: ['multipart/form-data'],
        response: {
          200: ImportReport,
          400: ErrorResponse,
          401: ErrorResponse,
          403: ErrorResponse,
          413: ErrorResponse,
          415: ErrorResponse,
          422: ImportRejection,
        },
      },
    },
    async (request) => {
      const upload = await spoolUploads(request, { fileFields: ['file', 'vernacular'] });
      try {
        const { format, version, languages } = upload.fields;
        const file = upload.files.get('file');
        const vernacular = upload.files.get('vernacular');
        if (!format || !(TAXONOMY_FORMATS as readonly string[]).includes(format)) {
          throw new DomainError(
            'taxonomy.formatMissing',
            { formats: TAXONOMY_FORMATS.join(', ') },
            { field: 'format' },
          );
        }
        if (!file) throw new DomainError('upload.fileMissing', { field: 'file' });
        /** The import's counts (not its rows) go to the audit log. */
        const audited = async (report: ImportReport, details: Record<string, unknown>) => {
          await recordAction(services, request, 'taxonomy_imported', {
            ...details,
            inserted: report.inserted,
            updated: report.updated,
            unchanged: report.unchanged,
            errorCount: report.errorCount,
          });
          return report;
        };
        if (format === 'taxref') {
          if (vernacular) throw new DomainError('taxonomy.taxrefOneFile');
          const given = version?.trim() || null;
          const report = await taxonomy.importTaxref(file.path, {
            fileName: file.filename,
            version: given,
          });
          return await audited(report, {
            format,
            fileName: file.filename,
            ...(given && { version: given }),
          });
        }
        const codes = languages
          ?.split(',')
          .map((l) => l.trim())
          .filter(Boolean);
        const normalised = codes?.map((c) => normaliseLanguage(c));
        if (normalised?.some((c) => c === null)) {
          throw new DomainError(
            'taxonomy.badLanguages',
            { example: LOCALES.join(',') },
            { field: 'languages' },
          );
        }
        const report = await taxonomy.importDwc(
          vernacular
            ? {
                kind: 'files',
                taxon: { path: file.path, name: file.filename },
                vernacular: { path: vernacular.path, name: vernacular.filename },
              }
            : (await isZipFile(file.path))
              ? { kind: 'archive', path: file.path }
              : { kind: 'files', taxon: { path: file.path, name: file.filename } },
          normalised?.length ? { languages: normalised as string[] } : {},
        );
        return await audited(report, {
          format,
          fileName: file.filename,
          ...(vernacular && { vernacularFileName: vernacular.filename }),
          ...(normalised?.length && { languages: normalised.join(',') }),
        });
      } finally {
        await upload.cleanup();
      }
    },
  );
}
