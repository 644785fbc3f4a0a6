import path from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_SENSITIVITY_SOURCE } from '@citizen/shared';
import { createAuditLog } from '../audit/audit-log.repository.js';
import type { Database } from '../db/database.js';
import { ImportRejected } from '../taxonomy/taxonomy-import.js';
import { readLines } from '../taxonomy/text-input.js';
import { createSensitivityRepository } from './sensitivity.repository.js';
import { createSensitivityService } from './sensitivity.service.js';

type Command = { usage: string; run(database: Database, args: string[]): Promise<number> };

/** CLI commands of sensitive species. */
export const SENSITIVITY_COMMANDS: Record<string, Command> = {
  'import-sensitivity': {
    usage:
      'import-sensitivity [--source S] FILE.csv replace the sensitivity rules of source S\n' +
      `                                         (default ${DEFAULT_SENSITIVITY_SOURCE}) with a CSV file:\n` +
      '                                         cd_nom,sensitivity[,area_code]',
    async run(database, args) {
      const { values, positionals } = parseArgs({
        args,
        allowPositionals: true,
        options: { source: { type: 'string' } },
      });
      if (positionals.length !== 1) {
        console.error('import-sensitivity needs one CSV file');
        return 2;
      }
      const audit = createAuditLog(database.db);
      const service = createSensitivityService(createSensitivityRepository(database.db));
      try {
        const { source, report, unknownTaxa } = await service.importCsv(
          readLines(path.resolve(positionals[0]!)),
          values.source,
          // No one signed in: the audit log says it came from the command line.
          (executor, event, details) =>
            audit.record(
              { event, details: { ...details, command: 'import-sensitivity' } },
              executor,
            ),
        );
        console.log(
          `Sensitivity rules of ${source}: ${report.inserted} added, ${report.updated} updated, ` +
            `${report.unchanged} unchanged, ${report.removed} removed` +
            (unknownTaxa ? ` (${unknownTaxa} taxa not in the taxonomy yet)` : ''),
        );
        return 0;
      } catch (error) {
        if (!(error instanceof ImportRejected)) throw error;
        console.error(error.message);
        for (const e of error.report.errors) console.error(`  line ${e.line}: ${e.message}`);
        const more = error.report.errorCount - error.report.errors.length;
        if (more > 0) console.error(`  … and ${more} more`);
        return 1;
      }
    },
  },
};
