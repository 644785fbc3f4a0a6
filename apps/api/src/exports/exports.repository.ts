import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { Viewer } from '../observations/filters.js';
import { viewerPoint } from '../observations/filters.repository.js';

/** What the observation exports read beside the listing: the programme and countries. */
export function createExportsRepository(db: Kysely<DB>) {
  return {
    /** The programme's dataset description, its extent, and whether country areas exist. */
    async program(programId: number) {
      const { rows } = await sql<{
        uuid: string;
        slug: string;
        title: string;
        short_description: string;
        long_description: string;
        licence: string;
        is_active: boolean;
        json_schema: unknown;
        bbox: number[];
        countries: boolean;
      }>`
        select p.uuid, p.slug, p.title, p.short_description, p.long_description, p.licence,
          p.is_active, f.json_schema,
          array[ST_XMin(p.area), ST_YMin(p.area), ST_XMax(p.area), ST_YMax(p.area)] as bbox,
          exists (select 1 from areas a where a.kind = 'country') as countries
        from programs p left join custom_forms f on f.id = p.form_id
        where p.id = ${programId}`.execute(db);
      return rows[0];
    },

    /** The country code of each observation, where the point the viewer sees lies in one. */
    async countryCodes(observationIds: string[], viewer: Viewer): Promise<Map<string, string>> {
      if (observationIds.length === 0) return new Map();
      const { rows } = await sql<{ id: string; code: string }>`
        select distinct on (o.id) o.id, a.code
        from observations o join areas a on a.kind = 'country' and ST_Intersects(a.geom, ${viewerPoint(viewer)})
        where o.id in (${sql.join(observationIds.map((id) => sql`${id}::uuid`))}) and a.code ~ '^[A-Z]{2}$'
        order by o.id, ST_Area(a.geom)`.execute(db);
      return new Map(rows.map((r) => [r.id, r.code]));
    },
  };
}

export type ExportsRepository = ReturnType<typeof createExportsRepository>;
