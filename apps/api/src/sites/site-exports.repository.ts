import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';

export type SiteExportRow = {
  id: number;
  uuid: string;
  name: string;
  type_name: string;
  lon: number;
  lat: number;
  custom_data: Record<string, unknown> | null;
  creator: string | null;
  visit_count: number;
  first_visit_on: string | null;
  last_visit_on: string | null;
  created_at: Date;
  updated_at: Date;
};

export type VisitExportRow = {
  id: number;
  uuid: string;
  site_id: number;
  site_uuid: string;
  site_name: string;
  type_name: string;
  lon: number;
  lat: number;
  visited_on: string;
  visited_time: string | null;
  comment: string | null;
  custom_data: Record<string, unknown> | null;
  observer: string | null;
  created_at: Date;
  updated_at: Date;
};

/** What a site programme's exports read: all its sites and visits, and how species tie to them. */
export function createSiteExportsRepository(db: Kysely<DB>) {
  return {
    async sites(programId: number): Promise<SiteExportRow[]> {
      const { rows } = await sql<SiteExportRow>`
        select s.id, s.uuid, s.name, st.name as type_name, ST_X(s.geom) as lon, ST_Y(s.geom) as lat,
          s.custom_data, coalesce(u.display_name, u.username) as creator,
          (select count(*) from visits v where v.site_id = s.id)::int as visit_count,
          (select min(v.visited_on) from visits v where v.site_id = s.id)::text as first_visit_on,
          (select max(v.visited_on) from visits v where v.site_id = s.id)::text as last_visit_on,
          s.created_at, s.updated_at
        from sites s join site_types st on st.id = s.site_type_id
        left join users u on u.id = s.creator_id
        where s.program_id = ${programId}
        order by s.id`.execute(db);
      return rows;
    },

    async visits(programId: number): Promise<VisitExportRow[]> {
      const { rows } = await sql<VisitExportRow>`
        select v.id, v.uuid, v.site_id, s.uuid as site_uuid, s.name as site_name,
          st.name as type_name, ST_X(s.geom) as lon, ST_Y(s.geom) as lat, v.visited_on,
          v.visited_time::text as visited_time, v.comment, v.custom_data,
          coalesce(u.display_name, u.username) as observer,
          v.created_at, v.updated_at
        from visits v join sites s on s.id = v.site_id
        join site_types st on st.id = s.site_type_id
        left join users u on u.id = v.observer_id
        where s.program_id = ${programId}
        order by v.visited_on, v.visited_time nulls first, v.id`.execute(db);
      return rows;
    },

    /** The visit of each of these observations that belongs to one. */
    async visitsOfObservations(observationIds: string[]): Promise<Map<string, number>> {
      if (observationIds.length === 0) return new Map();
      const links = await db
        .selectFrom('observations')
        .select(['id', 'visit_id'])
        .where('id', 'in', observationIds)
        .where('visit_id', 'is not', null)
        .execute();
      return new Map(links.map((l) => [l.id, l.visit_id!]));
    },

    /** How many distinct taxa each visit recorded. */
    async speciesCounts(visitIds: number[]): Promise<Map<number, number>> {
      const counts = new Map<number, number>();
      if (visitIds.length === 0) return counts;
      const { rows } = await sql<{ visit_id: number; n: number }>`
        select visit_id, count(distinct cd_nom)::int as n from observations
        where visit_id in (${sql.join(visitIds)}) group by visit_id`.execute(db);
      for (const r of rows) counts.set(Number(r.visit_id), r.n);
      return counts;
    },
  };
}

export type SiteExportsRepository = ReturnType<typeof createSiteExportsRepository>;
