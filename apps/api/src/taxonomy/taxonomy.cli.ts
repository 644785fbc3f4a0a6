import path from 'node:path';
import { parseArgs } from 'node:util';
import { LOCALES, TAXONOMY_FORMATS, type ImportReport } from '@citizen/shared';
import { createAuditLog } from '../audit/audit-log.repository.js';
import type { Database } from '../db/database.js';
import { createSpeciesListsRepository } from '../species-lists/species-lists.repository.js';
import { createSpeciesListsService } from '../species-lists/species-lists.service.js';
import { normaliseLanguage } from './import-rows.js';
import { ImportRejected } from './taxonomy-import.js';
import { createTaxonomyService } from './taxonomy.service.js';
import { readLines } from './text-input.js';
import { isZipFile } from './zip.js';

type Command = { usage: string; run(database: Database, args: string[]): Promise<number> };

/** Usage lines in the CLI's two columns (the descriptions start at column 41). */
const usage = (lines: [string, string][]) =>
  lines
    .map(([left, right], i) => `${i > 0 ? '  ' : ''}${left}`.padEnd(i > 0 ? 43 : 41) + right)
    .join('\n');

/** CLI commands of the taxonomy: imports into Citizen's own tables. */
export const TAXONOMY_COMMANDS: Record<string, Command> = {
  'import-taxonomy': {
    usage: usage([
      ['import-taxonomy FILE', 'import a TAXREF file (TAXREFv18.txt or its zip),'],
      ['  [--format taxref|dwc]', 'or a Darwin Core checklist (an archive, or'],
      ['  [--vernacular FILE]', 'Taxon.tsv and VernacularName.tsv); all or'],
      ['  [--taxref-version V]', 'nothing: a file with a bad row is refused with'],
      [`  [--languages ${LOCALES.join(',')}]`, 'its line numbers'],
    ]),
    async run(database, args) {
      const { values, positionals } = parseArgs({
        args,
        allowPositionals: true,
        options: {
          format: { type: 'string', default: 'taxref' },
          'taxref-version': { type: 'string' },
          vernacular: { type: 'string' },
          languages: { type: 'string' },
        },
      });
      const format = values.format;
      if (positionals.length !== 1 || !(TAXONOMY_FORMATS as readonly string[]).includes(format)) {
        console.error(`import-taxonomy needs one file and --format ${TAXONOMY_FORMATS.join('|')}`);
        return 2;
      }
      const file = path.resolve(positionals[0]!);
      const languages = values.languages?.split(',').map((l) => normaliseLanguage(l));
      if (languages?.some((l) => l === null)) {
        console.error('--languages takes ISO 639-1 codes, e.g. fr,en,de');
        return 2;
      }
      const taxonomy = createTaxonomyService(database.db, { taxhub: null });
      const started = performance.now();
      return report(started, async () => {
        if (format === 'taxref') {
          return taxonomy.importTaxref(file, { version: values['taxref-version'] ?? null });
        }
        const name = path.basename(file);
        return taxonomy.importDwc(
          values.vernacular
            ? {
                kind: 'files',
                taxon: { path: file, name },
                vernacular: {
                  path: path.resolve(values.vernacular),
                  name: path.basename(values.vernacular),
                },
              }
            : (await isZipFile(file))
              ? { kind: 'archive', path: file }
              : { kind: 'files', taxon: { path: file, name } },
          languages ? { languages: languages as string[] } : {},
        );
      });
    },
  },

  'import-species-list': {
    usage: usage([
      ['import-species-list --name N FILE.csv', 'create the species list N, or replace its'],
      ['  [--description TEXT]', 'taxa, from a CSV file (cd_nom or scientific_name,'],
      ['', 'picture_url, position)'],
    ]),
    async run(database, args) {
      const { values, positionals } = parseArgs({
        args,
        allowPositionals: true,
        options: { name: { type: 'string' }, description: { type: 'string' } },
      });
      if (positionals.length !== 1 || !values.name) {
        console.error('import-species-list needs --name and one CSV file');
        return 2;
      }
      const started = performance.now();
      return report(started, async () => {
        const audit = createAuditLog(database.db);
        const result = await createSpeciesListsService(
          createSpeciesListsRepository(database.db),
        ).importCsv(
          readLines(path.resolve(positionals[0]!)),
          { name: values.name!, description: values.description },
          // No one signed in: the audit log says it came from the command line.
          (executor, event, details) =>
            audit.record(
              { event, details: { ...details, command: 'import-species-list' } },
              executor,
            ),
        );
        console.log(`Species list ${result.list.id} "${result.list.name}"`);
        return result.report;
      });
    },
  },
};

async function report(started: number, work: () => Promise<ImportReport>): Promise<number> {
  try {
    const done = await work();
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(
      `Imported in ${seconds} s: ${done.inserted} inserted, ${done.updated} updated, ` +
        `${done.unchanged} unchanged${done.removed ? `, ${done.removed} removed` : ''}`,
    );
    return 0;
  } catch (error) {
    if (!(error instanceof ImportRejected)) throw error;
    console.error(error.message);
    for (const e of error.report.errors) {
      console.error(`  ${e.file ? `${e.file} ` : ''}line ${e.line}: ${e.message}`);
    }
    const more = error.report.errorCount - error.report.errors.length;
    if (more > 0) console.error(`  … and ${more} more`);
    return 1;
  }
}
