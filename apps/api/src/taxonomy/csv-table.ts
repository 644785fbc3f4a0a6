import type { ErrorList } from './taxonomy-import.js';
import { NOT_UTF8, headerKey, readCsv, type Line } from './text-input.js';

/** A data row of a CSV read by its column names: trimmed values, null when empty or absent. */
export type TableRow<K extends string> = { line: number; get(column: K): string | null };

/**
 * Reads a CSV (comma, semicolon or tab separated) whose first record is a header, finding each
 * column by its accepted names (compared without case, quotes or a prefix). `headerProblem` says
 * what a header lacks, or null; an empty file, a header that lacks something and rows that are
 * not UTF-8 go to `errors`. Blank rows are skipped.
 */
export async function* readCsvTable<K extends string>(
  lines: AsyncIterable<Line>,
  columns: Record<K, readonly string[]>,
  errors: ErrorList,
  headerProblem: (has: (column: K) => boolean) => string | null,
): AsyncGenerator<TableRow<K>> {
  let index: Map<K, number> | null = null;
  for await (const { line, cells } of readCsv(lines)) {
    if (!index) {
      const keys = cells.map(headerKey);
      const found = new Map<K, number>();
      for (const column of Object.keys(columns) as K[]) {
        const at = keys.findIndex((k) => columns[column].includes(k));
        if (at >= 0) found.set(column, at);
      }
      index = found;
      const problem = headerProblem((column) => found.has(column));
      if (problem) {
        errors.add({ line, message: problem });
        return;
      }
      continue;
    }
    if (cells.every((c) => c.trim() === '')) continue;
    if (cells.some((c) => c.includes('\uFFFD'))) {
      errors.add({ line, message: `line ${NOT_UTF8}` });
      continue;
    }
    const at = index;
    yield { line, get: (column) => cells[at.get(column) ?? -1]?.trim() || null };
  }
  if (!index) errors.add({ line: 1, message: 'the file is empty' });
}
