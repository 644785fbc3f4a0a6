import { Type, type Static } from 'typebox';

/** Where a species is seen: a programme and how many of its public observations are of it. */
export const SpeciesProgram = Type.Object({
  id: Type.Integer(),
  title: Type.String(),
  observations: Type.Integer(),
});
export type SpeciesProgram = Static<typeof SpeciesProgram>;

/**
 * What the public may know of a species' observations: the public observations (not hidden,
 * validated where the programme asks for it) of the active programmes, under the accepted name or
 * any of its synonyms.
 */
export const SpeciesStats = Type.Object({
  /** The accepted taxon (TAXREF CD_REF) the counts are for. */
  cdRef: Type.Integer(),
  observations: Type.Integer(),
  /** Observations per month of the year, January first (12 numbers), all years together. */
  months: Type.Array(Type.Integer(), { minItems: 12, maxItems: 12 }),
  firstObservedOn: Type.Union([Type.String({ format: 'date' }), Type.Null()]),
  lastObservedOn: Type.Union([Type.String({ format: 'date' }), Type.Null()]),
  /** The programmes with observations of it, most observations first. */
  programs: Type.Array(SpeciesProgram),
});
export type SpeciesStats = Static<typeof SpeciesStats>;
