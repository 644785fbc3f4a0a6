import { Type, type Static } from 'typebox';
import { Locale } from './common.js';

/** An observer who agreed to be shown (not hidden from leaderboards), by display name. */
export const Contributor = Type.Object({
  name: Type.String(),
  observations: Type.Integer(),
  species: Type.Integer(),
});
export type Contributor = Static<typeof Contributor>;

export const TopSpecies = Type.Object({
  /** The accepted taxon (cd_ref), as the species pages are addressed. */
  cdNom: Type.Integer(),
  scientificName: Type.String(),
  /** The vernacular name in the asked language, else the scientific name. */
  name: Type.String(),
  observations: Type.Integer(),
});
export type TopSpecies = Static<typeof TopSpecies>;

export const LangQuery = Type.Object({ lang: Type.Optional(Locale) });
export type LangQuery = Static<typeof LangQuery>;

/** Across the active programmes: the most observed species and the most active contributors. */
export const ExploreStats = Type.Object({
  topSpecies: Type.Array(TopSpecies),
  contributors: Type.Array(Contributor),
  dataVersion: Type.String(),
});
export type ExploreStats = Static<typeof ExploreStats>;

export const MonthStats = Type.Object({
  /** YYYY-MM */
  month: Type.String({ pattern: '^\\d{4}-\\d{2}$' }),
  observations: Type.Integer(),
  /** Distinct species observed up to the end of this month (the accumulation curve). */
  speciesSoFar: Type.Integer(),
});
export type MonthStats = Static<typeof MonthStats>;

/** A programme's charts: per month (every month from the first to the last, at most ten years). */
export const ProgramCharts = Type.Object({
  months: Type.Array(MonthStats),
  topObservers: Type.Array(Contributor),
  dataVersion: Type.String(),
});
export type ProgramCharts = Static<typeof ProgramCharts>;
