import {
  DEFAULT_SENSITIVITY_SOURCE,
  MANUAL_SENSITIVITY_SOURCE,
  SENSITIVITY_SOURCE_PATTERN,
  type SensitivityImportResult,
  type SensitivityRuleList,
  type SensitivityRuleQuery,
  type SensitivityTaxon,
} from '@citizen/shared';
import type { ActionRecorder } from '../audit/record-action.js';
import { DomainError } from '../http/errors.js';
import { ImportRejected, type ErrorList } from '../taxonomy/taxonomy-import.js';
import type { Line } from '../taxonomy/text-input.js';
import { readSensitivityCsv, type RuleLine } from './sensitivity-csv.js';
import type { SensitivityRepository, StoredRule } from './sensitivity.repository.js';

const SOURCE = new RegExp(SENSITIVITY_SOURCE_PATTERN);

type Wanted = { cdNom: number; level: number; areaId: number | null };
const keyOf = (cdNom: number, areaId: number | null) => `${cdNom}/${areaId ?? ''}`;

/**
 * Operators' sensitivity rules. An import replaces the rules of its source (new lines added,
 * changed levels updated, rules missing from the file removed) and leaves the other sources, and
 * the back office's own rules, alone. The database re-applies every change to the observations
 * (migration 0014). Every change goes to the audit log in its transaction.
 */
export function createSensitivityService(repository: SensitivityRepository) {
  /** Resolves area codes: a code one kind of area has, or `kind:code`. */
  async function resolveAreas(lines: RuleLine[], errors: ErrorList): Promise<Wanted[]> {
    const codes = [...new Set(lines.flatMap((l) => (l.areaCode ? [l.areaCode] : [])))];
    const areas = await repository.areasByCode(codes);
    const wanted: Wanted[] = [];
    for (const l of lines) {
      let areaId: number | null = null;
      if (l.areaCode) {
        const exact = areas.filter((a) => `${a.kind}:${a.code}` === l.areaCode);
        const matches = exact.length > 0 ? exact : areas.filter((a) => a.code === l.areaCode);
        if (matches.length === 0) {
          errors.add({
            line: l.line,
            message: `no area has the code "${l.areaCode}" (import the areas first)`,
          });
          continue;
        }
        if (matches.length > 1) {
          const kinds = matches.map((a) => a.kind).join(', ');
          errors.add({
            line: l.line,
            message: `areas of several kinds (${kinds}) have the code "${l.areaCode}": write kind:code`,
          });
          continue;
        }
        areaId = matches[0]!.id;
      }
      wanted.push({ cdNom: l.cdNom, level: l.level, areaId });
    }
    return wanted;
  }

  /** One rule per taxon and area, the strictest of the file's lines; level 0 brings none. */
  function strictest(wanted: Wanted[]): Map<string, Wanted> {
    const rules = new Map<string, Wanted>();
    for (const w of wanted) {
      const key = keyOf(w.cdNom, w.areaId);
      if (w.level > (rules.get(key)?.level ?? 0)) rules.set(key, w);
    }
    return rules;
  }

  async function taxon(cdNom: number): Promise<SensitivityTaxon> {
    return {
      cdNom,
      level: await repository.taxonLevel(cdNom),
      rules: await repository.taxonRules(cdNom),
    };
  }

  return {
    async importCsv(
      lines: AsyncIterable<Line>,
      source: string | undefined,
      record: ActionRecorder,
    ): Promise<SensitivityImportResult> {
      const name = source?.trim() || DEFAULT_SENSITIVITY_SOURCE;
      if (!SOURCE.test(name) || name === MANUAL_SENSITIVITY_SOURCE) {
        throw new DomainError(
          'sensitivity.badSource',
          { source: name, manual: MANUAL_SENSITIVITY_SOURCE },
          { field: 'source' },
        );
      }
      const { rules: read, errors } = await readSensitivityCsv(lines);
      const wanted = await resolveAreas(read, errors);
      if (errors.count > 0) {
        errors.items.sort((a, b) => a.line - b.line);
        throw new ImportRejected(errors.report());
      }
      const next = strictest(wanted);
      const cdNoms = [...new Set([...next.values()].map((w) => w.cdNom))];
      const unknownTaxa = await repository.unknownTaxa(cdNoms);
      return repository.locked(async (trx) => {
        const current = new Map<string, StoredRule>(
          (await repository.ofSource(trx, name)).map((r) => [keyOf(r.cd_nom, r.area_id), r]),
        );
        const removed = [...current].filter(([key]) => !next.has(key)).map(([, r]) => r.id);
        const changed: { id: number; level: number }[] = [];
        const added: Wanted[] = [];
        for (const [key, w] of next) {
          const existing = current.get(key);
          if (!existing) added.push(w);
          else if (existing.level !== w.level) changed.push({ id: existing.id, level: w.level });
        }
        await repository.remove(trx, removed);
        await repository.setLevels(trx, changed);
        await repository.insert(trx, name, added);
        const report = {
          inserted: added.length,
          updated: changed.length,
          unchanged: next.size - added.length - changed.length,
          removed: removed.length,
          errors: [],
          errorCount: 0,
        };
        await record(trx, 'sensitivity_imported', {
          source: name,
          inserted: report.inserted,
          updated: report.updated,
          unchanged: report.unchanged,
          removed: report.removed,
        });
        return { source: name, report, unknownTaxa };
      });
    },

    async list(query: SensitivityRuleQuery): Promise<SensitivityRuleList> {
      const { items, total } = await repository.list(query, [query.limit, query.offset]);
      return { items, total, sources: await repository.sources() };
    },

    taxon,

    /** Sets the back office's level of the taxon everywhere (0 removes it). */
    async setLevel(cdNom: number, level: number, record: ActionRecorder) {
      await repository.locked(async (trx) => {
        await repository.setManual(trx, MANUAL_SENSITIVITY_SOURCE, cdNom, level);
        await record(trx, 'sensitivity_set', {
          cdNom,
          level,
          effectiveLevel: await repository.taxonLevel(cdNom, trx),
        });
      });
      return taxon(cdNom);
    },

    /** Removes every rule of the taxon and its synonyms, from every source. */
    async clear(cdNom: number, record: ActionRecorder) {
      await repository.locked(async (trx) => {
        const removed = await repository.removeTaxon(trx, cdNom);
        if (removed === 0) throw new DomainError('sensitivity.noRule', { cdNom });
        await record(trx, 'sensitivity_cleared', { cdNom, removed });
      });
    },
  };
}

export type SensitivityService = ReturnType<typeof createSensitivityService>;
