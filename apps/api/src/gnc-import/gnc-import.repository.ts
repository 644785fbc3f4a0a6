import { sql, type Insertable, type Kysely, type Transaction } from 'kysely';
import type { DB, MediaTable } from '../db/schema.js';
import { insertCustomForm } from '../forms/custom-forms.repository.js';
import { pointSql } from '../observations/write.repository.js';
import { areaSql } from '../programs/programs.repository.js';

export type Executor = Kysely<DB> | Transaction<DB>;

/** The GeoNature-citizen tables whose rows the map remembers (plus TaxHub lists). */
export type GncTable =
  | 't_users'
  | 't_projects'
  | 't_programs'
  | 't_typesite'
  | 't_sites'
  | 't_visit'
  | 't_obstax'
  | 't_medias'
  | 'taxhub_list';

const BATCH = 1000;

function chunks<T>(rows: T[], size = BATCH): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

/** A Citizen form and what tells its versions apart (for the cached validator of its answers). */
export type ImportedForm = { id: number; jsonSchema: unknown; version: string };

export type ObservationRow = Omit<Insertable<DB['observations']>, 'geom' | 'custom_data'> & {
  id: string;
  point: [number, number];
  custom_data: unknown;
};

/** Every write of the import, always in the caller's transaction. */
export const gncImportRepository = {
  /** The Citizen ids of the given GNC ids of a table that were imported before. */
  async mapped(trx: Executor, table: GncTable, gncIds: (number | string)[]) {
    const found = new Map<string, string>();
    for (const part of chunks(gncIds.map(String))) {
      const rows = await trx
        .selectFrom('gnc_import_map')
        .select(['gnc_id', 'citizen_id'])
        .where('gnc_table', '=', table)
        .where('gnc_id', 'in', part)
        .execute();
      for (const row of rows) found.set(row.gnc_id, row.citizen_id);
    }
    return found;
  },

  async remember(trx: Executor, table: GncTable, pairs: [number | string, number | string][]) {
    for (const part of chunks(pairs)) {
      await trx
        .insertInto('gnc_import_map')
        .values(
          part.map(([gnc, citizen]) => ({
            gnc_table: table,
            gnc_id: String(gnc),
            citizen_id: String(citizen),
          })),
        )
        .execute();
    }
  },

  async knownTaxa(trx: Executor, cdNoms: number[]): Promise<Set<number>> {
    const known = new Set<number>();
    for (const part of chunks([...new Set(cdNoms)])) {
      const rows = await trx
        .selectFrom('taxa')
        .select('cd_nom')
        .where('cd_nom', 'in', part)
        .execute();
      rows.forEach((row) => known.add(row.cd_nom));
    }
    return known;
  },

  async accountsByEmail(trx: Executor, emails: string[]) {
    const rows = emails.length
      ? await trx
          .selectFrom('users')
          .select(['id', sql<string>`lower(email)`.as('email')])
          .where(
            sql`lower(email)`,
            'in',
            emails.map((e) => e.toLowerCase()),
          )
          .execute()
      : [];
    return new Map(rows.map((row) => [row.email, row.id]));
  },

  async usernameTaken(trx: Executor, username: string) {
    const row = await trx
      .selectFrom('users')
      .select('id')
      .where(sql`lower(username)`, '=', username.toLowerCase())
      .executeTakeFirst();
    return !!row;
  },

  async insertUser(trx: Executor, values: Insertable<DB['users']>) {
    const { id } = await trx
      .insertInto('users')
      .values(values)
      .returning('id')
      .executeTakeFirstOrThrow();
    return id;
  },

  /** Which of these uuids a row of the table already has. */
  async uuidsTaken(
    trx: Executor,
    table: 'projects' | 'programs' | 'sites' | 'observations',
    uuids: string[],
  ) {
    const column = table === 'observations' ? 'id' : 'uuid';
    const taken = new Set<string>();
    for (const part of chunks(uuids)) {
      const { rows } = await sql<{ id: string }>`
        select ${sql.ref(column)}::text as id from ${sql.table(table)}
        where ${sql.ref(column)} = any(${part}::uuid[])`.execute(trx);
      rows.forEach((row) => taken.add(row.id));
    }
    return taken;
  },

  async insertProject(trx: Executor, values: Insertable<DB['projects']>) {
    const { id } = await trx
      .insertInto('projects')
      .values(values)
      .returning('id')
      .executeTakeFirstOrThrow();
    return id;
  },

  async slugsLike(trx: Executor, base: string) {
    const rows = await trx
      .selectFrom('programs')
      .select('slug')
      .where((eb) => eb.or([eb('slug', '=', base), eb('slug', 'like', `${base}-%`)]))
      .execute();
    return new Set(rows.map((row) => row.slug));
  },

  insertForm: (trx: Executor, name: string, jsonSchema: unknown, uiSchema: unknown) =>
    insertCustomForm(trx, name, jsonSchema, uiSchema),

  /** The programme, its area repaired as an administrator's would be; null when none is left. */
  async insertProgram(
    trx: Executor,
    values: Omit<Insertable<DB['programs']>, 'area'>,
    areaGeoJson: string,
  ): Promise<number | null> {
    const { rows } = await sql<{ empty: boolean }>`
      select ST_IsEmpty(${areaSql(areaGeoJson)}) or ST_Area(${areaSql(areaGeoJson)}) = 0 as empty`.execute(
      trx,
    );
    if (rows[0]!.empty) return null;
    const { id } = await trx
      .insertInto('programs')
      .values({ ...values, area: areaSql(areaGeoJson) })
      .returning('id')
      .executeTakeFirstOrThrow();
    return id;
  },

  async speciesListNamed(trx: Executor, name: string) {
    return trx.selectFrom('species_lists').select('id').where('name', '=', name).executeTakeFirst();
  },

  async insertSpeciesList(trx: Executor, name: string, description: string, taxhubListId: number) {
    const { id } = await trx
      .insertInto('species_lists')
      .values({ name, description, taxhub_list_id: taxhubListId })
      .returning('id')
      .executeTakeFirstOrThrow();
    return id;
  },

  /** Adds taxa to a list after those it has; those already in it stay where they are. */
  async addToSpeciesList(trx: Executor, listId: number, cdNoms: number[]) {
    if (cdNoms.length === 0) return 0;
    const last = await trx
      .selectFrom('species_list_taxa')
      .select((eb) => eb.fn.max('position').as('position'))
      .where('list_id', '=', listId)
      .executeTakeFirst();
    let position = (last?.position ?? -1) + 1;
    let added = 0;
    for (const part of chunks(cdNoms)) {
      const result = await trx
        .insertInto('species_list_taxa')
        .values(part.map((cd_nom) => ({ list_id: listId, cd_nom, position: position++ })))
        .onConflict((oc) => oc.columns(['list_id', 'cd_nom']).doNothing())
        .executeTakeFirst();
      added += Number(result.numInsertedOrUpdatedRows ?? 0);
    }
    return added;
  },

  async formOf(trx: Executor, formId: number | null): Promise<ImportedForm | null> {
    if (formId === null) return null;
    const row = await trx
      .selectFrom('custom_forms')
      .select(['id', 'json_schema', 'updated_at'])
      .where('id', '=', formId)
      .executeTakeFirst();
    return row
      ? {
          id: row.id,
          jsonSchema: row.json_schema,
          version: String(new Date(row.updated_at).valueOf()),
        }
      : null;
  },

  /** The form of a programme imported by an earlier run. */
  async programmeFormOf(trx: Executor, programId: number) {
    const row = await trx
      .selectFrom('programs')
      .select('form_id')
      .where('id', '=', programId)
      .executeTakeFirst();
    return gncImportRepository.formOf(trx, row?.form_id ?? null);
  },

  /** The visit form of a site type imported by an earlier run. */
  async visitFormOf(trx: Executor, siteTypeId: number) {
    const row = await trx
      .selectFrom('site_types')
      .select('visit_form_id')
      .where('id', '=', siteTypeId)
      .executeTakeFirst();
    return gncImportRepository.formOf(trx, row?.visit_form_id ?? null);
  },

  async insertSiteType(trx: Executor, values: Insertable<DB['site_types']>) {
    const { id } = await trx
      .insertInto('site_types')
      .values(values)
      .returning('id')
      .executeTakeFirstOrThrow();
    return id;
  },

  async insertSite(
    trx: Executor,
    values: Omit<Insertable<DB['sites']>, 'geom'> & { point: [number, number] },
  ) {
    const { point, ...rest } = values;
    const { id } = await trx
      .insertInto('sites')
      .values({ ...rest, geom: pointSql(point) })
      .returning('id')
      .executeTakeFirstOrThrow();
    return id;
  },

  async insertVisit(trx: Executor, values: Insertable<DB['visits']>) {
    const { id } = await trx
      .insertInto('visits')
      .values(values)
      .returning('id')
      .executeTakeFirstOrThrow();
    return id;
  },

  async insertMedia(trx: Executor, rows: Insertable<MediaTable>[]) {
    for (const part of chunks(rows)) await trx.insertInto('media').values(part).execute();
  },

  async linkVisitPhotos(
    trx: Executor,
    links: { visit_id: number; media_id: string; position: number }[],
  ) {
    for (const part of chunks(links)) await trx.insertInto('visit_media').values(part).execute();
  },

  async linkObservationPhotos(
    trx: Executor,
    links: { observation_id: string; media_id: string; position: number }[],
  ) {
    for (const part of chunks(links))
      await trx.insertInto('observation_media').values(part).execute();
  },

  async insertObservations(trx: Executor, rows: ObservationRow[]) {
    for (const part of chunks(rows, 500)) {
      await trx
        .insertInto('observations')
        .values(
          part.map(({ point, custom_data, ...row }) => ({
            ...row,
            geom: pointSql(point),
            custom_data: JSON.stringify(custom_data),
          })),
        )
        .execute();
    }
  },

  /** The validations GeoNature-citizen recorded, as the first event of each observation's history. */
  async insertValidationEvents(trx: Executor, rows: Insertable<DB['observation_events']>[]) {
    for (const part of chunks(rows))
      await trx.insertInto('observation_events').values(part).execute();
  },

  /** Savepoints let a dry run roll back one programme and go on with the next. */
  savepoint: (trx: Executor) => sql`savepoint gnc_programme`.execute(trx),
  rollbackToSavepoint: (trx: Executor) => sql`rollback to savepoint gnc_programme`.execute(trx),
  releaseSavepoint: (trx: Executor) => sql`release savepoint gnc_programme`.execute(trx),
};

export type GncImportRepository = typeof gncImportRepository;
