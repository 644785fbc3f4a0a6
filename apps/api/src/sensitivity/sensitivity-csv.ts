import { parsePositiveId } from '../taxonomy/import-rows.js';
import { ErrorList } from '../taxonomy/taxonomy-import.js';
import { NOT_UTF8, headerKey, readCsv, type Line } from '../taxonomy/text-input.js';

export type RuleLine = {
  line: number;
  cdNom: number;
  /** 0 to 3; 0 lines bring no rule. */
  level: number;
  /** As written: an area code, or `kind:code`. */
  areaCode: string | null;
};

/** Accepted header names for each column (compared without case, quotes or a prefix). */
const COLUMNS = {
  cdNom: ['cd_nom', 'cdnom', 'taxonid'],
  level: ['sensitivity', 'level'],
  areaCode: ['area_code', 'area'],
} as const;

/**
 * Reads a sensitivity CSV (comma, semicolon or tab separated) with a header line and the columns
 * `cd_nom`, `sensitivity` (0 to 3) and optionally `area_code`.
 */
export async function readSensitivityCsv(
  lines: AsyncIterable<Line>,
): Promise<{ rules: RuleLine[]; errors: ErrorList }> {
  const errors = new ErrorList();
  const rules: RuleLine[] = [];
  let index: Record<keyof typeof COLUMNS, number> | null = null;
  for await (const { line, cells } of readCsv(lines)) {
    if (!index) {
      const keys = cells.map(headerKey);
      const find = (names: readonly string[]) => keys.findIndex((k) => names.includes(k));
      index = {
        cdNom: find(COLUMNS.cdNom),
        level: find(COLUMNS.level),
        areaCode: find(COLUMNS.areaCode),
      };
      if (index.cdNom < 0 || index.level < 0) {
        errors.add({ line, message: 'the header needs the columns cd_nom and sensitivity' });
        break;
      }
      continue;
    }
    if (cells.every((c) => c.trim() === '')) continue;
    if (cells.some((c) => c.includes('\uFFFD'))) {
      errors.add({ line, message: `line ${NOT_UTF8}` });
      continue;
    }
    const get = (i: number) => (i >= 0 ? cells[i]?.trim() || null : null);
    const rawId = get(index.cdNom);
    const rawLevel = get(index.level);
    const cdNom = parsePositiveId(rawId);
    if (cdNom === null) {
      errors.add({ line, message: `cd_nom "${rawId ?? ''}" is not a positive integer` });
    } else if (rawLevel === '4') {
      errors.add({
        line,
        message: 'sensitivity 4 (not published) is not a level here: write 3, the strongest blur',
      });
    } else if (!rawLevel || !/^[0-3]$/.test(rawLevel)) {
      errors.add({ line, message: `sensitivity "${rawLevel ?? ''}" is not 0, 1, 2 or 3` });
    } else {
      rules.push({ line, cdNom, level: Number(rawLevel), areaCode: get(index.areaCode) });
    }
  }
  if (!index) errors.add({ line: 1, message: 'the file is empty' });
  else if (errors.count === 0 && rules.length === 0)
    errors.add({ line: 2, message: 'the file has no rules after its header' });
  return { rules, errors };
}
