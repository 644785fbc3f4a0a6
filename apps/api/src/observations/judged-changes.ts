import type { EditedField, ObservationPatch } from '@citizen/shared';

/** What the judgement of an observation was about, as stored (location as GeoJSON, 7 decimals). */
export type JudgedFacts = {
  cd_nom: number;
  observed_on: string;
  observed_time: string | null;
  count: number;
  location: string;
  coordinate_uncertainty_m: number | null;
};

const hhmm = (time: string | null | undefined) => (time ? time.slice(0, 5) : null);
const degrees = (value: number) => Math.round(value * 1e7) / 1e7;

/**
 * The fields a patch really changes among those a validator judged: the taxon, the date (and
 * time), the place (and its uncertainty), the count and the photos. A comment or the answers to
 * a programme's own questions leave the judgement standing.
 */
export function judgedChanges(
  current: JudgedFacts,
  patch: ObservationPatch,
  point: number[] | null,
  photosChanged: boolean,
): EditedField[] {
  const changed: EditedField[] = [];
  if (patch.cdNom !== undefined && patch.cdNom !== current.cd_nom) changed.push('taxon');
  if (
    (patch.observedOn !== undefined && patch.observedOn !== current.observed_on) ||
    (patch.observedTime !== undefined && hhmm(patch.observedTime) !== hhmm(current.observed_time))
  ) {
    changed.push('date');
  }
  const [lon, lat] = (JSON.parse(current.location) as { coordinates: number[] }).coordinates;
  if (
    (point && (degrees(point[0]!) !== degrees(lon!) || degrees(point[1]!) !== degrees(lat!))) ||
    (patch.coordinateUncertaintyM !== undefined &&
      patch.coordinateUncertaintyM !== current.coordinate_uncertainty_m)
  ) {
    changed.push('place');
  }
  if (patch.count !== undefined && patch.count !== current.count) changed.push('count');
  if (photosChanged) changed.push('photos');
  return changed;
}
