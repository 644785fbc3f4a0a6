import type {
  EarnedBadge,
  ObservationInput,
  PointGeometry,
  SavedObservation,
  TaxonHit,
} from '@citizen/shared';

/**
 * The species seen during a visit are observations linked to it, sent one by one once the visit
 * exists. One may fail while the others pass (a rule, the network): the visit is kept, the
 * failed ones stay in the form with their reason, and sending again only sends those.
 */

export type SpeciesStatus = 'pending' | 'saving' | 'saved' | 'failed';

export interface SpeciesEntry {
  key: number;
  taxon: TaxonHit;
  count: number;
  status: SpeciesStatus;
  /** Why it failed, as the person should read it. */
  error?: string | undefined;
  /** The observation, once saved. */
  observationId?: string | undefined;
}

export interface VisitRef {
  id: number;
  programId: number;
  visitedOn: string;
  visitedTime: string | null;
}

/** The observation of one species of a visit: the visit's day and time, the site's point. */
export function observationOf(
  entry: Pick<SpeciesEntry, 'taxon' | 'count'>,
  visit: VisitRef,
  location: PointGeometry,
): ObservationInput {
  return {
    programId: visit.programId,
    cdNom: entry.taxon.cdNom,
    observedOn: visit.visitedOn,
    observedTime: visit.visitedTime,
    count: entry.count,
    location,
    visitId: visit.id,
  };
}

/** Those still to send: new ones, and those that failed before. */
export const unsent = (entries: SpeciesEntry[]) =>
  entries.filter((entry) => entry.status === 'pending' || entry.status === 'failed');

/**
 * Sends each unsent entry in turn, reporting every change of status (the form shows it as it
 * goes). Returns the badges the saved observations earned. Never throws: failures are in the
 * entries.
 */
export async function sendSpecies(
  entries: SpeciesEntry[],
  send: (entry: SpeciesEntry) => Promise<SavedObservation>,
  describe: (cause: unknown) => string,
  onchange: (entry: SpeciesEntry) => void,
): Promise<EarnedBadge[]> {
  const badges: EarnedBadge[][] = [];
  for (const entry of unsent(entries)) {
    onchange({ ...entry, status: 'saving', error: undefined });
    try {
      const saved = await send(entry);
      badges.push(saved.newBadges ?? []);
      onchange({ ...entry, status: 'saved', error: undefined, observationId: saved.id });
    } catch (cause) {
      onchange({ ...entry, status: 'failed', error: describe(cause) });
    }
  }
  return mergeBadges(...badges);
}

/** Badges earned by several requests, each once. */
export function mergeBadges(...lists: (EarnedBadge[] | undefined)[]): EarnedBadge[] {
  const seen = new Map<number, EarnedBadge>();
  for (const badge of lists.flat()) if (badge && !seen.has(badge.id)) seen.set(badge.id, badge);
  return [...seen.values()];
}

/** A whole number of at least 1, as the API takes counts. */
export const validCount = (count: unknown): count is number =>
  typeof count === 'number' && Number.isInteger(count) && count >= 1 && count <= 100_000;

/** A species as the form names it: its common name, or else its scientific name. */
export const speciesName = (taxon: TaxonHit) => taxon.vernacularName ?? taxon.scientificName;
