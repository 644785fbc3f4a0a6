import { Type, type Static } from 'typebox';
import { ImportReport } from './taxonomy.js';

/**
 * Sensitive species: operators' rules (a taxon, a level, optionally an area), a programme's
 * floor and an observer's choice. Levels: 0 the exact point; 1, 2, 3 the public sees the centre
 * of a 1, 5 or 10 km grid cell. The strictest applicable level wins.
 */
export const SensitivityLevel = Type.Integer({ minimum: 0, maximum: 3 });
export type SensitivityLevel = Static<typeof SensitivityLevel>;

/** Largest CSV file a sensitivity import takes (the national file is a few MB). */
export const SENSITIVITY_CSV_MAX_BYTES = 50_000_000;
/** The source of the rules set one by one in the back office. */
export const MANUAL_SENSITIVITY_SOURCE = 'manual';
/** The source an import replaces when none is named. */
export const DEFAULT_SENSITIVITY_SOURCE = 'national';
/** Source names: lower-case letters, digits, `.`, `_` and `-`. */
export const SENSITIVITY_SOURCE_PATTERN = '^[a-z0-9][a-z0-9_.-]{0,59}$';

export const SensitivityRule = Type.Object({
  id: Type.Integer(),
  /** `manual` (the back office) or the source an import named. */
  source: Type.String(),
  cdNom: Type.Integer(),
  /** Null when the taxonomy does not have this cd_nom (the rule waits for it). */
  scientificName: Type.Union([Type.String(), Type.Null()]),
  /** The accepted name's cd_nom: the rule applies to every name sharing it. */
  cdRef: Type.Union([Type.Integer(), Type.Null()]),
  level: Type.Integer({ minimum: 1, maximum: 3 }),
  /** Null: everywhere; else only to observations inside this area. */
  area: Type.Union([
    Type.Object({
      id: Type.Integer(),
      kind: Type.String(),
      code: Type.String(),
      name: Type.String(),
    }),
    Type.Null(),
  ]),
  updatedAt: Type.String({ format: 'date-time' }),
});
export type SensitivityRule = Static<typeof SensitivityRule>;

export const SensitivityRuleQuery = Type.Object({
  /** A cd_nom (every name of its accepted taxon), or part of a scientific name. */
  q: Type.Optional(Type.String({ maxLength: 200 })),
  source: Type.Optional(Type.String({ maxLength: 60 })),
  limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
  offset: Type.Integer({ minimum: 0, default: 0 }),
});
export type SensitivityRuleQuery = Static<typeof SensitivityRuleQuery>;

export const SensitivityRuleList = Type.Object({
  items: Type.Array(SensitivityRule),
  total: Type.Integer(),
  /** Every source with its number of rules. */
  sources: Type.Array(Type.Object({ source: Type.String(), count: Type.Integer() })),
});
export type SensitivityRuleList = Static<typeof SensitivityRuleList>;

/** What an import did: rules of its source added, changed, kept and removed. */
export const SensitivityImportResult = Type.Object({
  source: Type.String(),
  report: ImportReport,
  /** Rules on cd_nom the taxonomy does not have (yet): kept, they apply once it has them. */
  unknownTaxa: Type.Integer(),
});
export type SensitivityImportResult = Static<typeof SensitivityImportResult>;

export const SensitivityTaxonParams = Type.Object({ cdNom: Type.Integer({ minimum: 1 }) });

/** The back office's own level for a taxon, everywhere: 0 removes it. */
export const SensitivityTaxonInput = Type.Object({ level: SensitivityLevel });
export type SensitivityTaxonInput = Static<typeof SensitivityTaxonInput>;

/** A taxon's rules (every source, every area) and its level everywhere (the strictest). */
export const SensitivityTaxon = Type.Object({
  cdNom: Type.Integer(),
  level: SensitivityLevel,
  rules: Type.Array(SensitivityRule),
});
export type SensitivityTaxon = Static<typeof SensitivityTaxon>;
