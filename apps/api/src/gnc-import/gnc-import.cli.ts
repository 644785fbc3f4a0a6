import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Config } from '../config/config.js';
import { loadConfig } from '../config/config.js';
import type { Database } from '../db/database.js';
import { createServices } from '../services.js';
import { createGncImport, GncImportError } from './gnc-import.service.js';
import { GncSourceError } from './gnc-source.repository.js';
import { formatReport } from './import-report.js';

type Command = { usage: string; run(database: Database, args: string[]): Promise<number> };

export const GNC_IMPORT_COMMANDS: Record<string, Command> = {
  'import-gnc': {
    usage:
      'import-gnc --database URL --media DIR    import a GeoNature-citizen instance (accounts,\n' +
      '           [--dry-run] [--report FILE]  programmes, observations, sites, photos); a\n' +
      '                                         re-run imports only what is new; the report is\n' +
      '                                         printed and saved as JSON',
    run: (database, args) => importGnc(loadConfig(), database, args),
  },
};

/** The `import-gnc` command; returns the exit code (1 when a programme could not be imported). */
export async function importGnc(
  config: Config,
  database: Database,
  args: string[],
  out: Pick<Console, 'log' | 'error'> = console,
): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      database: { type: 'string' },
      media: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      report: { type: 'string' },
    },
  });
  if (!values.database || !values.media) {
    out.error(
      'import-gnc needs --database postgres://… (the GeoNature-citizen database) and --media DIR',
    );
    return 2;
  }
  const services = createServices(config, database);
  const importer = createGncImport({
    db: database.db,
    mediaStore: services.mediaStore,
    taxhub: config.taxhub,
    setAvatar: async (userId, bytes) => {
      await services.accounts.profiles.setAvatar(userId, bytes, '');
    },
  });
  let report;
  try {
    report = await importer.run({
      databaseUrl: values.database,
      mediaDir: values.media,
      dryRun: values['dry-run'],
      progress: (line) => out.error(line),
    });
  } catch (error) {
    if (error instanceof GncImportError || error instanceof GncSourceError) {
      out.error(error.message);
      return 2;
    }
    throw error;
  }
  const file = path.resolve(
    values.report ??
      `gnc-import-${report.startedAt.replace(/[:.]/g, '-')}${report.dryRun ? '-dry-run' : ''}.json`,
  );
  await writeFile(file, JSON.stringify(report, null, 2));
  out.log(formatReport(report));
  out.log(`\nReport saved to ${file}`);
  return report.failedProgrammes.length > 0 ? 1 : 0;
}
