import { sql, type Kysely, type SqlBool, type Transaction } from 'kysely';
import type { DB } from '../db/schema.js';
import { pointSql } from '../observations/write.repository.js';
import { deleteMediaOf } from './site-photos.repository.js';
import { deleteVisitsContent } from './visits.repository.js';

type Executor = Kysely<DB> | Transaction<DB>;

/** Which sites a list, the map or an export shows. */
export type SiteFilter = {
  programId: number;
  siteTypeId?: number;
  visitedSince?: string;
  creatorId?: number;
};

export type SiteSummaryRow = {
  id: number;
  program_id: number;
  name: string;
  site_type_id: number;
  type_name: string;
  pictogram_url: string | null;
  lon: number;
  lat: number;
  creator_username: string | null;
  creator_display_name: string | null;
  visit_count: number;
  last_visit_on: string | null;
  created_at: Date;
};

function filterSql(filter: SiteFilter) {
  const conditions = [sql<SqlBool>`s.program_id = ${filter.programId}`];
  if (filter.siteTypeId !== undefined)
    conditions.push(sql<SqlBool>`s.site_type_id = ${filter.siteTypeId}`);
  if (filter.creatorId !== undefined)
    conditions.push(sql<SqlBool>`s.creator_id = ${filter.creatorId}`);
  if (filter.visitedSince !== undefined)
    conditions.push(sql<SqlBool>`exists (select 1 from visits fv
      where fv.site_id = s.id and fv.visited_on >= ${filter.visitedSince}::date)`);
  return sql.join(conditions, sql` and `);
}

const summaryColumns = sql`s.id, s.program_id, s.name, s.site_type_id, st.name as type_name,
  st.pictogram_url, ST_X(s.geom) as lon, ST_Y(s.geom) as lat,
  u.username as creator_username, u.display_name as creator_display_name,
  (select count(*) from visits v where v.site_id = s.id)::int as visit_count,
  (select max(v.visited_on) from visits v where v.site_id = s.id)::text as last_visit_on,
  s.created_at`;

const summaryFrom = sql`from sites s
  join site_types st on st.id = s.site_type_id
  left join users u on u.id = s.creator_id`;

export function createSitesRepository(db: Kysely<DB>) {
  return {
    transaction: () => db.transaction(),

    /** A site as stored, with its type's forms and what the rules need. */
    findSite(id: number, executor: Executor = db) {
      return executor
        .selectFrom('sites as s')
        .innerJoin('programs as p', 'p.id', 's.program_id')
        .innerJoin('site_types as st', 'st.id', 's.site_type_id')
        .leftJoin('users as u', 'u.id', 's.creator_id')
        .select([
          's.id',
          's.uuid',
          's.program_id',
          's.site_type_id',
          's.name',
          sql<string>`ST_AsGeoJSON(s.geom, 7)`.as('location'),
          's.custom_data',
          's.creator_id',
          'u.username as creator_username',
          'u.display_name as creator_display_name',
          's.created_at',
          's.updated_at',
          'p.is_active as program_active',
          'p.visits_by',
          'st.name as type_name',
          'st.pictogram_url',
          sql<boolean>`exists (select 1 from visits v where v.site_id = s.id
            and v.observer_id is distinct from s.creator_id)`.as('visited_by_others'),
          sql<number>`(select count(*) from visits v where v.site_id = s.id)::int`.as(
            'visit_count',
          ),
        ])
        .where('s.id', '=', id)
        .executeTakeFirst();
    },

    async insertSite(
      trx: Executor,
      values: {
        program_id: number;
        site_type_id: number;
        name: string;
        point: number[];
        custom_data: unknown;
        creator_id: number;
        creator_name: string | null;
      },
    ) {
      const { id } = await trx
        .insertInto('sites')
        .values({
          program_id: values.program_id,
          site_type_id: values.site_type_id,
          name: values.name,
          geom: pointSql(values.point),
          custom_data: JSON.stringify(values.custom_data),
          creator_id: values.creator_id,
          creator_name: values.creator_name,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return id;
    },

    async updateSite(
      trx: Executor,
      id: number,
      values: { name?: string; site_type_id?: number; point?: number[]; custom_data?: unknown },
    ) {
      await trx
        .updateTable('sites')
        .set({
          ...(values.name !== undefined && { name: values.name }),
          ...(values.site_type_id !== undefined && { site_type_id: values.site_type_id }),
          ...(values.point !== undefined && { geom: pointSql(values.point) }),
          ...(values.custom_data !== undefined && {
            custom_data: JSON.stringify(values.custom_data),
          }),
          updated_at: new Date(),
        })
        .where('id', '=', id)
        .execute();
    },

    /** Deletes a site, its visits, their observations and every photo; returns the files to remove. */
    async deleteSite(trx: Executor, id: number): Promise<string[]> {
      const visitIds = (
        await trx.selectFrom('visits').select('id').where('site_id', '=', id).execute()
      ).map((v) => v.id);
      const keys = [
        ...(await deleteVisitsContent(trx, visitIds)),
        ...(await deleteMediaOf(trx, 'site_media', [id])),
      ];
      await trx.deleteFrom('sites').where('id', '=', id).execute();
      return keys;
    },

    async listSites(filter: SiteFilter, limit: number, offset: number) {
      const { rows } = await sql<SiteSummaryRow>`
        select ${summaryColumns} ${summaryFrom}
        where ${filterSql(filter)}
        order by s.created_at desc, s.id desc
        limit ${limit} offset ${offset}`.execute(db);
      const { rows: count } = await sql<{ n: number }>`
        select count(*)::int as n from sites s where ${filterSql(filter)}`.execute(db);
      return { rows, total: count[0]?.n ?? 0 };
    },

    async allSites(filter: SiteFilter) {
      const { rows } = await sql<SiteSummaryRow>`
        select ${summaryColumns} ${summaryFrom}
        where ${filterSql(filter)}
        order by s.id`.execute(db);
      return rows;
    },

    /** Sites I created, and those of others I visited (most recently visited first). */
    async sitesOf(userId: number) {
      const { rows: created } = await sql<SiteSummaryRow>`
        select ${summaryColumns} ${summaryFrom}
        join programs p on p.id = s.program_id
        where s.creator_id = ${userId}
        order by s.created_at desc, s.id desc`.execute(db);
      const { rows: visited } = await sql<SiteSummaryRow>`
        select ${summaryColumns} ${summaryFrom}
        where s.creator_id is distinct from ${userId}
          and exists (select 1 from visits v where v.site_id = s.id and v.observer_id = ${userId})
        order by (select max(v.visited_on) from visits v
          where v.site_id = s.id and v.observer_id = ${userId}) desc, s.id desc`.execute(db);
      const { rows: visits } = await sql<{
        id: number;
        site_id: number;
        site_name: string;
        program_id: number;
        visited_on: string;
        species_count: number;
      }>`
        select v.id, v.site_id, s.name as site_name, s.program_id, v.visited_on,
          (select count(distinct o.cd_nom) from observations o where o.visit_id = v.id)::int
            as species_count
        from visits v join sites s on s.id = v.site_id
        where v.observer_id = ${userId}
        order by v.visited_on desc, v.id desc
        limit 200`.execute(db);
      return { created, visited, visits };
    },
  };
}

export type SitesRepository = ReturnType<typeof createSitesRepository>;
