import { sql, type Kysely, type Transaction } from 'kysely';
import type { Locale } from '@citizen/shared';
import type { DB } from '../db/schema.js';
import { displayName } from '../taxonomy/names.repository.js';
import { deleteMediaOf } from './site-photos.repository.js';

type Executor = Kysely<DB> | Transaction<DB>;

/** Who sees which observation of a visit: never a hidden one, nor a sensitive one, unless theirs. */
export type ObservationViewer =
  { kind: 'public' } | { kind: 'expert' } | { kind: 'owner'; userId: number };

/** Deletes visits' observations and every photo of the visits and of those observations. */
export async function deleteVisitsContent(trx: Executor, visitIds: number[]): Promise<string[]> {
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

export function createVisitsRepository(db: Kysely<DB>) {
  return {
    transaction: () => db.transaction(),
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

export type VisitsRepository = ReturnType<typeof createVisitsRepository>;
