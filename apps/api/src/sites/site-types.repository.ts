import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../db/schema.js';
import { insertCustomForm, updateCustomForm } from '../forms/custom-forms.repository.js';
import { pointSql } from '../observations/write.repository.js';

type Executor = Kysely<DB> | Transaction<DB>;

const TYPE_COLUMNS = [
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
] as const;

export type SiteTypeValues = {
  name: string;
  description?: string;
  pictogram_url?: string | null;
  position?: number;
  site_form_id: number | null;
  visit_form_id: number | null;
};

/** Site programmes' settings and their site types (with the types' site and visit forms). */
export function createSiteTypesRepository(db: Kysely<DB>) {
  const types = (executor: Executor) =>
    executor
      .selectFrom('site_types as st')
      .leftJoin('custom_forms as sf', 'sf.id', 'st.site_form_id')
      .leftJoin('custom_forms as vf', 'vf.id', 'st.visit_form_id')
      .select(TYPE_COLUMNS);

  return {
    transaction: () => db.transaction(),

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

    async setVisitsBy(programId: number, visitsBy: 'creator' | 'anyone') {
      await db
        .updateTable('programs')
        .set({ visits_by: visitsBy, updated_at: new Date() })
        .where('id', '=', programId)
        .execute();
    },

    siteTypes(programId: number, executor: Executor = db) {
      return types(executor)
        .where('st.program_id', '=', programId)
        .orderBy('st.position')
        .orderBy('st.id')
        .execute();
    },

    findSiteType(id: number, executor: Executor = db) {
      return types(executor).where('st.id', '=', id).executeTakeFirst();
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

    async insertSiteType(trx: Executor, programId: number, values: SiteTypeValues) {
      const { id } = await trx
        .insertInto('site_types')
        .values({ ...values, program_id: programId })
        .returning('id')
        .executeTakeFirstOrThrow();
      return id;
    },

    async updateSiteType(trx: Executor, id: number, values: SiteTypeValues) {
      await trx
        .updateTable('site_types')
        .set({ ...values, updated_at: new Date() })
        .where('id', '=', id)
        .execute();
    },

    async deleteSiteType(trx: Executor, id: number) {
      await trx.deleteFrom('site_types').where('id', '=', id).execute();
    },
  };
}

export type SiteTypesRepository = ReturnType<typeof createSiteTypesRepository>;
export type SiteTypeRow = NonNullable<Awaited<ReturnType<SiteTypesRepository['findSiteType']>>>;
