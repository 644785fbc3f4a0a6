import { sql, type InsertObject, type Kysely, type Transaction, type UpdateObject } from 'kysely';
import type { DB } from '../db/schema.js';
import { insertCustomForm, updateCustomForm } from '../forms/custom-forms.repository.js';

type Executor = Kysely<DB> | Transaction<DB>;

// The programme's counts come from the statistics service, which keeps them by data version.
const summaryColumns = [
  'p.id',
  'p.slug',
  'p.kind',
  'p.title',
  'p.short_description',
  'p.image_media_id',
  sql<number[]>`array[ST_XMin(p.area), ST_YMin(p.area), ST_XMax(p.area), ST_YMax(p.area)]`.as(
    'bbox',
  ),
] as const;

/** An area sent as GeoJSON, made valid and reduced to its polygons. */
export const areaSql = (geojson: string) =>
  sql<string>`ST_Multi(ST_CollectionExtract(ST_MakeValid(ST_SetSRID(ST_GeomFromGeoJSON(${geojson}), 4326)), 3))`;

export function createProgramsRepository(db: Kysely<DB>) {
  const detail = (executor: Executor) =>
    executor
      .selectFrom('programs as p')
      .leftJoin('custom_forms as f', 'f.id', 'p.form_id')
      .select(summaryColumns)
      .select([
        'p.long_description',
        'p.registration_required',
        'p.starts_on',
        'p.ends_on',
        'p.project_id',
        'p.species_list_id',
        'p.licence',
        'p.public_validated_only',
        'p.min_sensitivity',
        'p.allow_off_list',
        'p.is_active',
        'p.form_id',
        'f.json_schema',
        'f.ui_schema',
        sql<string>`ST_AsGeoJSON(p.area, 6)`.as('area_geojson'),
      ]);

  return {
    transaction: () => db.transaction(),

    listActive() {
      return db
        .selectFrom('programs as p')
        .select(summaryColumns)
        .where('p.is_active', '=', true)
        .orderBy('p.id')
        .execute();
    },

    listAll() {
      return detail(db).orderBy('p.id').execute();
    },

    find(id: number, executor: Executor = db) {
      return detail(executor).where('p.id', '=', id).executeTakeFirst();
    },

    /** How the database sees an area: whether it was valid, and what is left after repair. */
    async inspectArea(geojson: string) {
      const { rows } = await sql<{ valid: boolean; empty: boolean; area_m2: number }>`
        select ST_IsValid(g) as valid, ST_IsEmpty(r) as empty,
          coalesce(ST_Area(r::geography), 0) as area_m2
        from (select ST_SetSRID(ST_GeomFromGeoJSON(${geojson}), 4326) as g) i,
          lateral (select ${areaSql(geojson)} as r) repaired`.execute(db);
      return rows[0]!;
    },

    slugTaken(slug: string, exceptId: number | null) {
      return db
        .selectFrom('programs')
        .select('id')
        .where('slug', '=', slug)
        .$if(exceptId !== null, (q) => q.where('id', '!=', exceptId!))
        .executeTakeFirst();
    },

    speciesListExists(id: number) {
      return db.selectFrom('species_lists').select('id').where('id', '=', id).executeTakeFirst();
    },

    projectExists(id: number) {
      return db.selectFrom('projects').select('id').where('id', '=', id).executeTakeFirst();
    },

    insertForm: insertCustomForm,
    updateForm: updateCustomForm,

    async insert(trx: Executor, values: InsertObject<DB, 'programs'>) {
      const { id } = await trx
        .insertInto('programs')
        .values(values)
        .returning('id')
        .executeTakeFirstOrThrow();
      return id;
    },

    update(trx: Executor, id: number, values: UpdateObject<DB, 'programs'>) {
      return trx
        .updateTable('programs')
        .set({ ...values, updated_at: new Date() })
        .where('id', '=', id)
        .execute();
    },

    listProjects() {
      return db
        .selectFrom('projects')
        .select(['id', 'title', 'short_description'])
        .orderBy('id')
        .execute();
    },

    insertProject(title: string, shortDescription: string) {
      return db
        .insertInto('projects')
        .values({ title, short_description: shortDescription })
        .returning(['id', 'title', 'short_description'])
        .executeTakeFirstOrThrow();
    },
  };
}

export type ProgramsRepository = ReturnType<typeof createProgramsRepository>;
