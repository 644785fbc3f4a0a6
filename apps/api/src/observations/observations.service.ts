import type { Locale, ObservationFeatureCollection, PointGeometry } from '@citizen/shared';
import type { ProgramsService } from '../programs/programs.service.js';
import type { ObservationsRepository } from './observations.repository.js';

export const MAX_FEATURES = 5000;

export function createObservationsService(
  observations: ObservationsRepository,
  programs: ProgramsService,
) {
  return {
    async programFeatures(
      programId: number,
      lang: Locale,
      limit: number,
    ): Promise<ObservationFeatureCollection> {
      await programs.get(programId);
      const rows = await observations.listPublicByProgram(programId, lang, limit + 1);
      return {
        type: 'FeatureCollection',
        truncated: rows.length > limit,
        features: rows.slice(0, limit).map((row) => ({
          type: 'Feature',
          id: row.id,
          geometry: JSON.parse(row.point) as PointGeometry,
          properties: {
            cdNom: row.cd_nom,
            taxonName: row.taxon_name,
            scientificName: row.scientific_name,
            observedOn: row.observed_on,
            count: row.count,
          },
        })),
      };
    },
  };
}

export type ObservationsService = ReturnType<typeof createObservationsService>;
