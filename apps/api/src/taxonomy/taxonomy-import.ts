import type { ImportReport } from '@citizen/shared';
import { DomainError } from '../http/errors.js';
import type { ImportItem, ImportName, ImportTaxon, RowError, TaxonColumn } from './import-rows.js';
import type { TaxonomyImportRepository } from './taxonomy-import.repository.js';

/** Rows sent to the database per statement while the file is read. */
const BATCH = 5000;
/** Bad lines listed in a report; `errorCount` has them all. */
export const MAX_REPORTED_ERRORS = 200;

/** A file with bad rows: nothing was imported. Answers 422 with the report as the body. */
export class ImportRejected extends DomainError<'import.rejected'> {
  constructor(readonly report: ImportReport) {
    super('import.rejected', { count: report.errorCount }, { body: report });
  }
}

/** Collects row errors, keeping the first few and counting them all. */
export class ErrorList {
  readonly items: RowError[] = [];
  count = 0;
  add(error: RowError) {
    this.count += 1;
    if (this.items.length < MAX_REPORTED_ERRORS) this.items.push(error);
  }
  report(): ImportReport {
    return {
      inserted: 0,
      updated: 0,
      unchanged: 0,
      removed: 0,
      errors: this.items,
      errorCount: this.count,
    };
  }
}

/**
 * Imports a stream of taxa and vernacular names in one transaction: all or nothing.
 *
 * The rows go in batches into temporary tables while the file is read (only one batch is in
 * memory), then set-based statements check them (duplicate ids, accepted names that exist
 * nowhere, names of unknown taxa) and merge them: `insert ... on conflict do update` that only
 * touches rows that differ, so importing the same file again changes nothing. Taxa missing from
 * the file are kept (observations refer to them). Any bad row rejects the whole file: the
 * transaction is rolled back and the report lists the bad lines (throws ImportRejected).
 */
export async function importTaxonomy(
  repository: TaxonomyImportRepository,
  items: AsyncIterable<ImportItem>,
): Promise<ImportReport> {
  const { stageTaxa, stageNames } = repository;
  return repository.transaction().execute(async (trx) => {
    await repository.lock(trx);
    await repository.createStagingTables(trx);
    const errors = new ErrorList();
    const columns = new Set<TaxonColumn>();
    const languages = new Set<string>();
    let taxa: ImportTaxon[] = [];
    let names: (ImportName & { file: string | null })[] = [];

    for await (const item of items) {
      switch (item.kind) {
        case 'scope':
          for (const c of item.columns ?? []) columns.add(c);
          for (const l of item.languages ?? []) languages.add(l);
          break;
        case 'error':
          errors.add(item.error);
          break;
        case 'taxon':
          // After the first bad row the rest is only checked, not staged: the file is rejected.
          if (errors.count > 0) break;
          taxa.push(item.taxon);
          for (const name of item.names ?? []) names.push({ ...name, file: null });
          break;
        case 'names':
          if (errors.count > 0) break;
          for (const name of item.names) names.push({ ...name, file: item.file ?? null });
          break;
      }
      if (taxa.length >= BATCH) taxa = await stageTaxa(trx, taxa);
      if (names.length >= BATCH) names = await stageNames(trx, names);
    }
    if (errors.count > 0) throw new ImportRejected(errors.report());
    await stageTaxa(trx, taxa);
    await stageNames(trx, names);

    await repository.checkStaged(trx, errors);
    if (errors.count > 0) throw new ImportRejected(errors.report());
    return repository.merge(trx, [...columns], [...languages]);
  });
}
