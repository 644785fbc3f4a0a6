import { sql, type Kysely, type SqlBool, type Transaction } from 'kysely';
import type { Locale } from '@citizen/shared';
import type { DB } from '../db/schema.js';
import { insertCustomForm, updateCustomForm } from '../forms/custom-forms.repository.js';
import { pointSql } from '../observations/write.repository.js';
import { displayName } from '../taxonomy/names.js';

type Executor = Kysely<DB> | Transaction<DB>;

export type MediaLink = 'site_media' | 'visit_media';

export type PhotoRow = {
  owner_id: number;
  id: string;
  width: number | null;
  height: number | null;
  licence: string | null;
  author: string | null;
};

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

/** Who sees which observation of a visit: never a hidden one, nor a sensitive one, unless theirs. */
export type ObservationViewer =
  { kind: 'public' } | { kind: 'expert' } | { kind: 'owner'; userId: number };

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
  /** Deletes sites' or visits' photos (media rows); returns their storage keys. */
  async function deleteMediaOf(
    trx: Executor,
    link: MediaLink,
    ownerIds: number[],
    only?: string[],
  ) {
    if (ownerIds.length === 0 || only?.length === 0) return [];
    const column = link === 'site_media' ? 'site_id' : 'visit_id';
    const { rows } = await sql<{ storage_key: string }>`
      delete from media
      where id in (select media_id from ${sql.table(link)}
          where ${sql.ref(column)} in (${sql.join(ownerIds)}))
        ${only ? sql`and id in (${sql.join(only.map((m) => sql`${m}::uuid`))})` : sql``}
      returning storage_key`.execute(trx);
    return rows.map((r) => r.storage_key);
  }

  /** Deletes visits' observations and every photo of the visits and of those observations. */
  async function deleteVisitsContent(trx: Executor, visitIds: number[]): Promise<string[]> {
    if (visitIds.length === 0) return [];
    const observationKeys = await trx
      .deleteFrom('media')
      .where('id', 'in', (eb) =>
        eb
          .selectFrom('observation_media as om')
          .innerJoin('observations as o', 'o.id', 'om.observation_id')
          .select('om.media_id')
          .where('o.visit_id', 'in', visitIds),
      )
      .returning('storage_key')
      .execute();
    await trx.deleteFrom('observations').where('visit_id', 'in', visitIds).execute();
    const visitKeys = await deleteMediaOf(trx, 'visit_media', visitIds);
    await trx.deleteFrom('visits').where('id', 'in', visitIds).execute();
    return [...observationKeys.map((k) => k.storage_key), ...visitKeys];
  }

  return {
    db,
    transaction: () => db.transaction(),

    // Programmes and site types.

    /** What the rules need to know about a programme to accept a site or a visit there. */
    programForSites(programId: number, point: number[] | null, executor: Executor = db) {
      return executor
        .selectFrom('programs as p')
        .select([
          'p.id',
          'p.kind',
          'p.is_active',
          'p.starts_on',
          'p.ends_on',
          'p.visits_by',
          (point ? sql<boolean>`ST_Covers(p.area, ${pointSql(point)})` : sql<boolean>`true`).as(
            'covers_point',
          ),
        ])
        .where('p.id', '=', programId)
        .executeTakeFirst();
    },

    siteTypes(programId: number, executor: Executor = db) {
      return executor
        .selectFrom('site_types as st')
        .leftJoin('custom_forms as sf', 'sf.id', 'st.site_form_id')
        .leftJoin('custom_forms as vf', 'vf.id', 'st.visit_form_id')
        .select([
          'st.id',
          'st.program_id',
          'st.name',
          'st.description',
          'st.pictogram_url',
          'st.position',
          'st.site_form_id',
          'sf.json_schema as site_json_schema',
          'sf.ui_schema as site_ui_schema',
          'sf.updated_at as site_form_updated_at',
          'st.visit_form_id',
          'vf.json_schema as visit_json_schema',
          'vf.ui_schema as visit_ui_schema',
          'vf.updated_at as visit_form_updated_at',
        ])
        .where('st.program_id', '=', programId)
        .orderBy('st.position')
        .orderBy('st.id');
    },

    findSiteType(id: number, executor: Executor = db) {
      return executor
        .selectFrom('site_types as st')
        .leftJoin('custom_forms as sf', 'sf.id', 'st.site_form_id')
        .leftJoin('custom_forms as vf', 'vf.id', 'st.visit_form_id')
        .select([
          'st.id',
          'st.program_id',
          'st.name',
          'st.description',
          'st.pictogram_url',
          'st.position',
          'st.site_form_id',
          'sf.json_schema as site_json_schema',
          'sf.ui_schema as site_ui_schema',
          'sf.updated_at as site_form_updated_at',
          'st.visit_form_id',
          'vf.json_schema as visit_json_schema',
          'vf.ui_schema as visit_ui_schema',
          'vf.updated_at as visit_form_updated_at',
        ])
        .where('st.id', '=', id)
        .executeTakeFirst();
    },

    insertForm: insertCustomForm,
    updateForm: updateCustomForm,

    async deleteForms(trx: Executor, ids: (number | null)[]) {
      const present = ids.filter((id): id is number => id !== null);
      if (present.length > 0)
        await trx.deleteFrom('custom_forms').where('id', 'in', present).execute();
    },

    async countSitesOfType(siteTypeId: number) {
      const { n } = await db
        .selectFrom('sites')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('site_type_id', '=', siteTypeId)
        .executeTakeFirstOrThrow();
      return Number(n);
    },

    // Sites.

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

    deleteMediaOf,

    async linkPhotos(trx: Executor, link: MediaLink, ownerId: number, mediaIds: string[]) {
      if (mediaIds.length === 0) return;
      const column = link === 'site_media' ? 'site_id' : 'visit_id';
      const { rows } = await sql<{ next: number }>`
        select coalesce(max(position) + 1, 0)::int as next from ${sql.table(link)}
        where ${sql.ref(column)} = ${ownerId}`.execute(trx);
      const first = rows[0]?.next ?? 0;
      await sql`insert into ${sql.table(link)} (${sql.ref(column)}, media_id, position)
        values ${sql.join(mediaIds.map((m, i) => sql`(${ownerId}, ${m}::uuid, ${first + i})`))}`.execute(
        trx,
      );
    },

    async photoIds(link: MediaLink, ownerId: number, executor: Executor = db) {
      const column = link === 'site_media' ? 'site_id' : 'visit_id';
      const { rows } = await sql<{ media_id: string }>`
        select media_id from ${sql.table(link)} where ${sql.ref(column)} = ${ownerId}`.execute(
        executor,
      );
      return rows.map((r) => r.media_id);
    },

    async photos(link: MediaLink, ownerIds: number[]): Promise<Map<number, PhotoRow[]>> {
      const byOwner = new Map<number, PhotoRow[]>();
      if (ownerIds.length === 0) return byOwner;
      const column = link === 'site_media' ? 'site_id' : 'visit_id';
      const { rows } = await sql<PhotoRow>`
        select l.${sql.ref(column)} as owner_id, m.id, m.width, m.height, m.licence, m.author
        from ${sql.table(link)} l join media m on m.id = l.media_id
        where l.${sql.ref(column)} in (${sql.join(ownerIds)})
        order by l.position, m.created_at, m.id`.execute(db);
      for (const row of rows) {
        const key = Number(row.owner_id);
        byOwner.set(key, [...(byOwner.get(key) ?? []), row]);
      }
      return byOwner;
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

    deleteVisitsContent,

    /** Observers and taxa of the visits' observations, for the badges. */
    async visitObservationFacts(visitIds: number[], executor: Executor = db) {
      if (visitIds.length === 0) return [];
      return executor
        .selectFrom('observations')
        .select(['observer_id', 'cd_nom', 'program_id'])
        .where('visit_id', 'in', visitIds)
        .execute();
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

    /** The first photo of each site, else of its latest visit with photos. */
    async coverPhotos(siteIds: number[]): Promise<Map<number, PhotoRow>> {
      const covers = new Map<number, PhotoRow>();
      if (siteIds.length === 0) return covers;
      const { rows } = await sql<PhotoRow>`
        select distinct on (owner_id) owner_id, id, width, height, licence, author from (
          select sm.site_id as owner_id, m.id, m.width, m.height, m.licence, m.author,
            0 as rank, null::date as visited_on, sm.position
          from site_media sm join media m on m.id = sm.media_id
          where sm.site_id in (${sql.join(siteIds)})
          union all
          select v.site_id, m.id, m.width, m.height, m.licence, m.author, 1, v.visited_on, vm.position
          from visits v join visit_media vm on vm.visit_id = v.id join media m on m.id = vm.media_id
          where v.site_id in (${sql.join(siteIds)})
        ) c
        order by owner_id, rank, visited_on desc nulls last, position`.execute(db);
      for (const row of rows) covers.set(Number(row.owner_id), row);
      return covers;
    },

    // Visits.

    findVisit(id: number, executor: Executor = db) {
      return executor
        .selectFrom('visits as v')
        .innerJoin('sites as s', 's.id', 'v.site_id')
        .innerJoin('site_types as st', 'st.id', 's.site_type_id')
        .innerJoin('programs as p', 'p.id', 's.program_id')
        .leftJoin('custom_forms as vf', 'vf.id', 'st.visit_form_id')
        .select([
          'v.id',
          'v.site_id',
          'v.visited_on',
          'v.observer_id',
          's.program_id',
          'p.is_active as program_active',
          'st.visit_form_id',
          'vf.json_schema as visit_json_schema',
          'vf.updated_at as visit_form_updated_at',
        ])
        .where('v.id', '=', id)
        .executeTakeFirst();
    },

    async insertVisit(
      trx: Executor,
      values: {
        site_id: number;
        visited_on: string;
        visited_time: string | null;
        comment: string | null;
        custom_data: unknown;
        observer_id: number;
        observer_name: string | null;
      },
    ) {
      const { id } = await trx
        .insertInto('visits')
        .values({ ...values, custom_data: JSON.stringify(values.custom_data) })
        .returning('id')
        .executeTakeFirstOrThrow();
      return id;
    },

    async updateVisit(
      trx: Executor,
      id: number,
      values: {
        visited_on?: string;
        visited_time?: string | null;
        comment?: string | null;
        custom_data?: unknown;
      },
    ) {
      const { custom_data, ...rest } = values;
      await trx
        .updateTable('visits')
        .set({
          ...rest,
          ...(custom_data !== undefined && { custom_data: JSON.stringify(custom_data) }),
          updated_at: new Date(),
        })
        .where('id', '=', id)
        .execute();
      // The species seen during the visit were seen on its date.
      if (values.visited_on !== undefined) {
        await trx
          .updateTable('observations')
          .set({ observed_on: values.visited_on, updated_at: new Date() })
          .where('visit_id', '=', id)
          .where('observed_on', '!=', values.visited_on)
          .execute();
      }
    },

    /** The visits of some sites (or some visits), oldest first. */
    async visits(where: { siteId: number } | { visitIds: number[] }) {
      const condition =
        'siteId' in where
          ? sql`v.site_id = ${where.siteId}`
          : where.visitIds.length === 0
            ? sql`false`
            : sql`v.id in (${sql.join(where.visitIds)})`;
      const { rows } = await sql<{
        id: number;
        site_id: number;
        program_id: number;
        visited_on: string;
        visited_time: string | null;
        comment: string | null;
        custom_data: Record<string, unknown>;
        observer_id: number | null;
        observer_username: string | null;
        observer_display_name: string | null;
        created_at: Date;
        updated_at: Date;
      }>`
        select v.id, v.site_id, s.program_id, v.visited_on, v.visited_time::text as visited_time,
          v.comment, v.custom_data, v.observer_id, u.username as observer_username,
          u.display_name as observer_display_name, v.created_at, v.updated_at
        from visits v join sites s on s.id = v.site_id left join users u on u.id = v.observer_id
        where ${condition}
        order by v.visited_on, v.visited_time nulls first, v.id`.execute(db);
      return rows;
    },

    /** The observations of visits that `viewer` may see, with names in `lang`. */
    async visitObservations(visitIds: number[], viewer: ObservationViewer, lang: Locale) {
      if (visitIds.length === 0) return [];
      // What the public sees of a programme's observations: not hidden by a moderator, not a
      // sensitive taxon (the site would locate it), validated where the programme asks so.
      const forPublic = sql`(o.hidden_at is null and o.sensitivity = 0
        and (not p.public_validated_only or o.validation_status in ('certain', 'probable')))`;
      const visible =
        viewer.kind === 'expert'
          ? sql`true`
          : viewer.kind === 'owner'
            ? sql`(o.observer_id = ${viewer.userId} or ${forPublic})`
            : forPublic;
      const { rows } = await sql<{
        id: string;
        visit_id: number;
        cd_nom: number;
        scientific_name: string;
        name: string;
        count: number;
        comment: string | null;
        observed_time: string | null;
        validation_status: string;
      }>`
        select o.id, o.visit_id, o.cd_nom, t.scientific_name,
          ${displayName(sql.ref('o.cd_nom'), sql.ref('t.scientific_name'), lang)} as name,
          o.count, o.comment, o.observed_time::text as observed_time, o.validation_status
        from observations o join taxa t on t.cd_nom = o.cd_nom
        join programs p on p.id = o.program_id
        where o.visit_id in (${sql.join(visitIds)}) and ${visible}
        order by o.visit_id, o.created_at, o.id`.execute(db);
      return rows;
    },

    /** Whether the observation is linked to a visit, and which. */
    async visitOf(observationId: string) {
      const row = await db
        .selectFrom('observations')
        .select('visit_id')
        .where('id', '=', observationId)
        .executeTakeFirst();
      return row?.visit_id ?? null;
    },
  };
}

export type SitesRepository = ReturnType<typeof createSitesRepository>;
