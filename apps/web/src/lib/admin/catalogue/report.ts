import type { ImportReport, ImportRowError } from '@citizen/shared';

/** How far an upload is: bytes sent of the total (total 0 when the browser cannot tell). */
export type UploadProgress = { loaded: number; total: number };

/** A number of bytes as a person reads it: 950 B, 12 kB, 3.4 MB, 2 GB (SI units). */
export function formatBytes(bytes: number, locale: string): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  const digits = unit === 0 || value >= 10 ? 0 : 1;
  const number = new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(value);
  return `${number} ${units[unit]}`;
}

/** The errors of a report in file and line order; the whole file's problems (line 0) first. */
export function sortedErrors(report: ImportReport): ImportRowError[] {
  return [...report.errors].sort(
    (a, b) => (a.file ?? '').localeCompare(b.file ?? '') || a.line - b.line,
  );
}

/** How many bad lines the report lists beyond those it shows. */
export const unlistedErrors = (report: ImportReport) =>
  Math.max(0, report.errorCount - report.errors.length);

/** The import report in an error body, when it is one (a 422 answer to an import). */
export function reportOf(body: unknown): ImportReport | null {
  if (typeof body !== 'object' || body === null) return null;
  const candidate = body as Partial<ImportReport>;
  return Array.isArray(candidate.errors) && typeof candidate.errorCount === 'number'
    ? (candidate as ImportReport)
    : null;
}

/** The upload's share sent, from 0 to 100; null while the total is unknown. */
export function percent({ loaded, total }: UploadProgress): number | null {
  if (!(total > 0)) return null;
  return Math.min(100, Math.max(0, Math.floor((loaded / total) * 100)));
}
