import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';

const summaryColumns = [
  'p.id',
  'p.slug',
  'p.kind',
  'p.title',
  'p.short_description',
  sql<number>`(select count(*) from observations o where o.program_id = p.id)::int`.as(
    'observation_count',
  ),
  sql<number>`(
    select count(distinct t.cd_ref) from observations o join taxa t on t.cd_nom = o.cd_nom
    where o.program_id = p.id)::int`.as('species_count'),
  sql<string | null>`(select m.storage_key from media m where m.id = p.image_media_id)`.as(
    'image_key',
  ),
  sql<number[]>`array[ST_XMin(p.area), ST_YMin(p.area), ST_XMax(p.area), ST_YMax(p.area)]`.as(
    'bbox',
  ),
] as const;

export function createProgramsRepository(db: Kysely<DB>) {
  return {
    listActive() {
      return db
        .selectFrom('programs as p')
        .select(summaryColumns)
        .where('p.is_active', '=', true)
        .orderBy('p.id')
        .execute();
    },

    findActive(id: number) {
      return db
        .selectFrom('programs as p')
        .select(summaryColumns)
        .select([
          'p.long_description',
          'p.registration_required',
          'p.starts_on',
          'p.ends_on',
          sql<string>`ST_AsGeoJSON(p.area, 6)`.as('area_geojson'),
        ])
        .where('p.id', '=', id)
        .where('p.is_active', '=', true)
        .executeTakeFirst();
    },
  };
}

export type ProgramsRepository = ReturnType<typeof createProgramsRepository>;
