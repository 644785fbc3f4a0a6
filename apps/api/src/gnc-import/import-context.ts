import type { Executor, GncImportRepository } from './gnc-import.repository.js';
import type { GncSource } from './gnc-source.repository.js';
import type { ImportReporter } from './import-report.js';
import type { PhotoImport } from './photo-import.js';

/** A GeoNature-citizen account's Citizen id, and the name its photos are credited to. */
export type ImportedUser = { id: number; username: string };

/** What every step of an import works with; `trx` is the transaction of the step's unit. */
export type ImportContext = {
  source: GncSource;
  repository: GncImportRepository;
  trx: Executor;
  report: ImportReporter;
  photos: PhotoImport;
  users: Map<number, ImportedUser>;
  /** The cd_noms of a TaxHub list from the TaxHub server (TAXHUB_URL), or null without one. */
  taxhubList: ((listId: number) => Promise<number[]>) | null;
  progress: (what: string, done: number, total: number) => void;
};
