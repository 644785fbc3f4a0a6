/**
 * What an import did: counts per GeoNature-citizen table, every row left out with its reason,
 * and every row brought over with a change worth knowing (a repaired area, a form field Citizen
 * cannot show, an observer whose account was not imported...). Printed, and saved as JSON.
 */
export type TableCounts = {
  /** Rows read from the GeoNature-citizen database. */
  read: number;
  imported: number;
  /** Imported by an earlier run (in the id map): left alone. */
  alreadyImported: number;
  skipped: number;
};

export type RowMessage = { table: string; id: string; message: string };

export type ImportReport = {
  dryRun: boolean;
  startedAt: string;
  finishedAt: string | null;
  tables: Record<string, TableCounts>;
  skipped: RowMessage[];
  notes: RowMessage[];
  /** Programmes whose transaction failed: nothing of them was written. */
  failedProgrammes: RowMessage[];
};

export function createImportReport(dryRun: boolean) {
  const report: ImportReport = {
    dryRun,
    startedAt: new Date().toISOString(),
    finishedAt: null,
    tables: {},
    skipped: [],
    notes: [],
    failedProgrammes: [],
  };
  const counts = (table: string) =>
    (report.tables[table] ??= { read: 0, imported: 0, alreadyImported: 0, skipped: 0 });

  return {
    report,
    read: (table: string, n = 1) => void (counts(table).read += n),
    imported: (table: string, n = 1) => void (counts(table).imported += n),
    alreadyImported: (table: string, n = 1) => void (counts(table).alreadyImported += n),
    skip(table: string, id: number | string, message: string) {
      counts(table).skipped += 1;
      report.skipped.push({ table, id: String(id), message });
    },
    note(table: string, id: number | string, message: string) {
      report.notes.push({ table, id: String(id), message });
    },
    failed(id: number, message: string) {
      report.failedProgrammes.push({ table: 't_programs', id: String(id), message });
    },
    /**
     * Counts of a programme whose transaction was rolled back go back to what they were: its
     * rows count as skipped, with the failure as their reason (given once, for the programme).
     */
    snapshot() {
      const saved = structuredClone(report.tables);
      const marks = { skipped: report.skipped.length, notes: report.notes.length };
      return () => {
        for (const [table, now] of Object.entries(report.tables)) {
          const before = saved[table] ?? { read: 0, imported: 0, alreadyImported: 0, skipped: 0 };
          now.skipped += now.imported - before.imported;
          now.imported = before.imported;
        }
        report.notes.length = marks.notes;
      };
    },
    finish() {
      report.finishedAt = new Date().toISOString();
      return report;
    },
  };
}

export type ImportReporter = ReturnType<typeof createImportReport>;

/** The report as text: one line per table, then each skipped row and each note. */
export function formatReport(report: ImportReport): string {
  const lines = [
    report.dryRun ? 'Dry run: nothing was written.' : 'Import finished.',
    '',
    'table              read  imported  already  skipped',
  ];
  for (const [table, c] of Object.entries(report.tables)) {
    lines.push(
      `${table.padEnd(15)} ${pad(c.read, 7)} ${pad(c.imported, 9)} ${pad(c.alreadyImported, 8)} ${pad(c.skipped, 8)}`,
    );
  }
  const section = (title: string, rows: RowMessage[]) => {
    if (rows.length === 0) return;
    lines.push('', `${title} (${rows.length}):`);
    for (const row of rows) lines.push(`  ${row.table} ${row.id}: ${row.message}`);
  };
  section('Programmes not imported', report.failedProgrammes);
  section('Skipped rows', report.skipped);
  section('Imported with changes', report.notes);
  return lines.join('\n');
}

const pad = (n: number, width: number) => String(n).padStart(width);
