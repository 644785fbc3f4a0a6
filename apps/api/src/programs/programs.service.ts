import type { BBox, PolygonalGeometry, ProgramDetail, ProgramSummary } from '@citizen/shared';
import { NotFoundError } from '../http/errors.js';
import type { ProgramsRepository } from './programs.repository.js';

type SummaryRow = Awaited<ReturnType<ProgramsRepository['listActive']>>[number];

export function createProgramsService(programs: ProgramsRepository) {
  return {
    async list(): Promise<ProgramSummary[]> {
      return (await programs.listActive()).map(toSummary);
    },

    async get(id: number): Promise<ProgramDetail> {
      const row = await programs.findActive(id);
      if (!row) throw new NotFoundError(`Programme ${id} does not exist or is not active`);
      return {
        ...toSummary(row),
        longDescription: row.long_description,
        area: JSON.parse(row.area_geojson) as PolygonalGeometry,
        registrationRequired: row.registration_required,
        startsOn: row.starts_on,
        endsOn: row.ends_on,
      };
    },
  };
}

export type ProgramsService = ReturnType<typeof createProgramsService>;

function toSummary(row: SummaryRow): ProgramSummary {
  const [west, south, east, north] = row.bbox.map(Number);
  return {
    id: row.id,
    slug: row.slug,
    kind: row.kind,
    title: row.title,
    shortDescription: row.short_description,
    imageUrl: row.image_key ? `/api/media/${row.image_key}` : null,
    observationCount: row.observation_count,
    speciesCount: row.species_count,
    bbox: [west, south, east, north] as BBox,
  };
}
