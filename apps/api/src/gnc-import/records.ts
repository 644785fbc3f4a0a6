import type { ValidationReason, ValidationStatus } from '../db/schema.js';
import { validateCustomData } from '../observations/custom-data.js';
import type { GncValidationStatus } from './gnc-source.repository.js';
import type { GncTable } from './gnc-import.repository.js';
import type { ImportContext } from './import-context.js';
import type { ImportedForm } from './gnc-import.repository.js';

/** What observations, sites and visits share: who recorded them, and the custom answers. */

/**
 * The Citizen account of a registered observer, or the name an anonymous one typed. An account
 * that was not imported leaves the record under the name it carried, reported.
 */
export function observerOf(
  ctx: ImportContext,
  where: { table: string; id: number },
  idRole: number | null,
  obsTxt: string | null,
): { id: number | null; name: string | null } {
  const typed = obsTxt?.trim() || null;
  if (idRole === null) return { id: null, name: typed };
  const user = ctx.users.get(idRole);
  if (user) return { id: user.id, name: null };
  ctx.report.note(
    where.table,
    where.id,
    `observer account ${idRole} was not imported: kept under the name "${typed ?? ''}"`,
  );
  return { id: null, name: typed };
}

/**
 * The custom answers as GeoNature-citizen stored them. GeoNature-citizen never checked them
 * against the form; they are kept as they are, and those the converted form refuses are reported.
 */
export function answersOf(
  ctx: ImportContext,
  where: { table: string; id: number },
  form: ImportedForm | null,
  data: unknown,
): Record<string, unknown> {
  const isObject = typeof data === 'object' && data !== null && !Array.isArray(data);
  if (data !== null && data !== undefined && !isObject) {
    ctx.report.note(where.table, where.id, 'custom answers are not an object: not kept');
  }
  const answers = isObject ? (data as Record<string, unknown>) : {};
  if (Object.keys(answers).length === 0) return answers;
  if (!form) {
    ctx.report.note(
      where.table,
      where.id,
      'custom answers kept, though no form of Citizen describes them',
    );
    return answers;
  }
  try {
    validateCustomData(form, answers);
  } catch (error) {
    ctx.report.note(
      where.table,
      where.id,
      `custom answers kept as they are; the form refuses them: ${(error as Error).message}`,
    );
  }
  return answers;
}

/**
 * GeoNature-citizen's four statuses on Citizen's (SINP) scale. INVALID is what its validators set
 * for "identification too hard, more photos needed"; NON_VALIDATABLE for "off topic" or "several
 * species on the photos".
 */
export const VALIDATION_STATUSES: Record<
  GncValidationStatus,
  { status: ValidationStatus; reason: ValidationReason | null }
> = {
  NOT_VALIDATED: { status: 'pending', reason: null },
  VALIDATED: { status: 'certain', reason: null },
  INVALID: { status: 'invalid', reason: 'insufficient_evidence' },
  NON_VALIDATABLE: { status: 'not_assessable', reason: 'other' },
};

/**
 * Reads a table's rows into the report and finds those an earlier run imported: their Citizen
 * ids by GeoNature-citizen id (counted as already imported).
 */
export async function earlierImports(
  ctx: ImportContext,
  table: GncTable,
  gncIds: number[],
): Promise<Map<number, number>> {
  ctx.report.read(table, gncIds.length);
  const mapped = await ctx.repository.mapped(ctx.trx, table, gncIds);
  ctx.report.alreadyImported(table, mapped.size);
  return new Map([...mapped].map(([gnc, citizen]) => [Number(gnc), Number(citizen)]));
}
