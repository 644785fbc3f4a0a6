import { parsePositiveId } from '../taxonomy/import-rows.js';
import { ErrorList } from '../taxonomy/taxonomy-import.js';
import { readCsvTable } from '../taxonomy/csv-table.js';
import type { Line } from '../taxonomy/text-input.js';

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
  const table = readCsvTable(lines, COLUMNS, errors, (has) =>
    has('cdNom') && has('level') ? null : 'the header needs the columns cd_nom and sensitivity',
  );
  for await (const { line, get } of table) {
    const rawId = get('cdNom');
    const rawLevel = get('level');
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
      rules.push({ line, cdNom, level: Number(rawLevel), areaCode: get('areaCode') });
    }
  }
  if (errors.count === 0 && rules.length === 0)
    errors.add({ line: 2, message: 'the file has no rules after its header' });
  return { rules, errors };
}
