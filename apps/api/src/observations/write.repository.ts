import { sql, type InsertObject, type Kysely, type Transaction, type UpdateObject } from 'kysely';
import type { DB } from '../db/schema.js';

type Executor = Kysely<DB> | Transaction<DB>;

export const pointSql = ([lon, lat]: number[]) =>
  sql<string>`ST_SetSRID(ST_MakePoint(${lon}, ${lat}), 4326)`;

export function createObservationWriteRepository(db: Kysely<DB>) {
  return {
    transaction: () => db.transaction(),

    /** What the rules need to know about a programme to accept an observation there. */
    programForWriting(programId: number, point: number[] | null) {
      return db
        .selectFrom('programs as p')
        .leftJoin('custom_forms as f', 'f.id', 'p.form_id')
        .select([
          'p.id',
          'p.is_active',
          'p.registration_required',
          'p.starts_on',
          'p.ends_on',
          'p.species_list_id',
          'p.allow_off_list',
          'f.id as form_id',
          'f.json_schema',
          'f.updated_at as form_updated_at',
          (point ? sql<boolean>`ST_Covers(p.area, ${pointSql(point)})` : sql<boolean>`true`).as(
            'covers_point',
          ),
        ])
        .where('p.id', '=', programId)
        .executeTakeFirst();
    },

    /** Whether the taxon exists and, when the programme has a list, whether it is on it (synonyms count). */
    taxonForProgram(cdNom: number, listId: number | null) {
      return db
        .selectFrom('taxa as t')
        .select([
          't.cd_nom',
          listId === null
            ? sql<boolean>`true`.as('in_list')
            : sql<boolean>`exists (
                select 1 from species_list_taxa l join taxa lt on lt.cd_nom = l.cd_nom
                where l.list_id = ${listId} and lt.cd_ref = t.cd_ref)`.as('in_list'),
        ])
        .where('t.cd_nom', '=', cdNom)
        .executeTakeFirst();
    },

    municipalityAt(point: number[]) {
      return db
        .selectFrom('areas')
        .select('name')
        .where('kind', '=', 'municipality')
        .where(sql<boolean>`ST_Intersects(geom, ${pointSql(point)})`)
        .executeTakeFirst();
    },

    insert(trx: Executor, values: InsertObject<DB, 'observations'>) {
      return trx
        .insertInto('observations')
        .values(values)
        .returning('id')
        .executeTakeFirstOrThrow();
    },

    update(trx: Executor, id: string, values: UpdateObject<DB, 'observations'>) {
      return trx
        .updateTable('observations')
        .set({ ...values, updated_at: new Date() })
        .where('id', '=', id)
        .execute();
    },

    linkPhotos(trx: Executor, observationId: string, mediaIds: string[], firstPosition: number) {
      if (mediaIds.length === 0) return Promise.resolve();
      return trx
        .insertInto('observation_media')
        .values(
          mediaIds.map((mediaId, i) => ({
            observation_id: observationId,
            media_id: mediaId,
            position: firstPosition + i,
          })),
        )
        .execute()
        .then(() => undefined);
    },

    /** Deletes the media rows of these photos of the observation; returns their storage keys. */
    async deletePhotos(
      trx: Executor,
      observationId: string,
      mediaIds: string[],
    ): Promise<string[]> {
      if (mediaIds.length === 0) return [];
      const rows = await trx
        .deleteFrom('media')
        .where('id', 'in', mediaIds)
        .where('id', 'in', (eb) =>
          eb
            .selectFrom('observation_media')
            .select('media_id')
            .where('observation_id', '=', observationId),
        )
        .returning('storage_key')
        .execute();
      return rows.map((r) => r.storage_key);
    },

    photoIds(observationId: string, trx: Executor = db) {
      return trx
        .selectFrom('observation_media')
        .select(['media_id', 'position'])
        .where('observation_id', '=', observationId)
        .orderBy('position')
        .execute();
    },

    /** The observation as stored, with its exact point. */
    find(id: string, trx: Executor = db) {
      return trx
        .selectFrom('observations')
        .select([
          'id',
          'program_id',
          'cd_nom',
          'observed_on',
          'observed_time',
          'count',
          'comment',
          sql<string>`ST_AsGeoJSON(geom, 7)`.as('location'),
          'coordinate_uncertainty_m',
          'municipality',
          'custom_data',
          'obscured',
          'sensitivity',
          'observer_id',
          'validation_status',
          'created_at',
          'updated_at',
        ])
        .where('id', '=', id)
        .executeTakeFirst();
    },

    async delete(trx: Executor, id: string): Promise<string[]> {
      const keys = await trx
        .deleteFrom('media')
        .where('id', 'in', (eb) =>
          eb.selectFrom('observation_media').select('media_id').where('observation_id', '=', id),
        )
        .returning('storage_key')
        .execute();
      await trx.deleteFrom('observations').where('id', '=', id).execute();
      return keys.map((k) => k.storage_key);
    },
  };
}

export type ObservationWriteRepository = ReturnType<typeof createObservationWriteRepository>;
