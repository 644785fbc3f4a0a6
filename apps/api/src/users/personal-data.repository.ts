import { sql, type Kysely } from 'kysely';
import type { DeletionChoice } from '@citizen/shared';
import type { DB } from '../db/schema.js';

/** What the RGPD export reads and what account erasure changes, outside the users table. */
export function createPersonalDataRepository(db: Kysely<DB>) {
  return {
    transaction: () => db.transaction(),

    /** A user's observations, oldest first, with their programme and taxon names. */
    observationsOf(userId: number) {
      return db
        .selectFrom('observations as o')
        .innerJoin('programs as p', 'p.id', 'o.program_id')
        .innerJoin('taxa as t', 't.cd_nom', 'o.cd_nom')
        .select([
          'o.id',
          'o.program_id',
          'p.title as program_title',
          'o.cd_nom',
          't.scientific_name',
          'o.observed_on',
          'o.observed_time',
          'o.count',
          'o.comment',
          sql<number>`ST_X(o.geom)`.as('longitude'),
          sql<number>`ST_Y(o.geom)`.as('latitude'),
          'o.coordinate_uncertainty_m',
          'o.municipality',
          'o.observer_name',
          'o.validation_status',
          'o.custom_data',
          'o.created_at',
          'o.updated_at',
        ])
        .where('o.observer_id', '=', userId)
        .orderBy('o.observed_on')
        .orderBy('o.id')
        .execute();
    },

    /** The photos of these observations, in their order. */
    async photosOf(observationIds: string[]) {
      if (observationIds.length === 0) return [];
      return db
        .selectFrom('observation_media as om')
        .innerJoin('media as m', 'm.id', 'om.media_id')
        .select([
          'om.observation_id',
          'm.id',
          'm.licence',
          'm.author',
          'm.storage_key',
          'm.variants',
        ])
        .where('om.observation_id', 'in', observationIds)
        .orderBy('om.position')
        .execute();
    },

    /** Forgets anonymous observers' contact e-mails older than `retentionDays`; how many. */
    async forgetAnonymousContacts(retentionDays: number): Promise<number> {
      const result = await db
        .updateTable('observations')
        .set({ contact_email: null })
        .where('observer_id', 'is', null)
        .where('contact_email', 'is not', null)
        .where('created_at', '<', sql<Date>`now() - make_interval(days => ${retentionDays})`)
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },

    /** The photos a user uploaded that outlive the account, given what happens to their observations. */
    async photosKeptAfterErasure(userId: number, choice: DeletionChoice): Promise<string[]> {
      const rows = await db
        .selectFrom('media as m')
        .select('m.id')
        .where('m.uploaded_by', '=', userId)
        .$if(choice === 'delete', (q) =>
          q.where(({ not, exists, selectFrom }) =>
            not(
              exists(
                selectFrom('observation_media as om')
                  .innerJoin('observations as o', 'o.id', 'om.observation_id')
                  .select('om.media_id')
                  .whereRef('om.media_id', '=', 'm.id')
                  .where('o.observer_id', '=', userId),
              ),
            ),
          ),
        )
        .execute();
      return rows.map((m) => m.id);
    },

    /** Records the new sizes of originals stripped of their metadata. */
    async setPhotoSizes(trx: Kysely<DB>, sizes: Iterable<[string, number]>) {
      for (const [id, size] of sizes) {
        await trx.updateTable('media').set({ byte_size: size }).where('id', '=', id).execute();
      }
    },

    /** Clears what the user typed about their photos: the author's name, the file's name. */
    async clearPhotoAuthorship(trx: Kysely<DB>, userId: number) {
      await trx
        .updateTable('media')
        .set({ author: null, original_name: null })
        .where('uploaded_by', '=', userId)
        .execute();
    },

    /**
     * Deletes the user's observations, and their photos that no other observation uses; returns
     * how many observations went and the storage keys of the photos.
     */
    async deleteObservationsOf(trx: Kysely<DB>, userId: number) {
      const ownObservations = trx
        .selectFrom('observations')
        .select('id')
        .where('observer_id', '=', userId);
      const doomed = await trx
        .selectFrom('media as m')
        .select(['m.id', 'm.storage_key'])
        .where('m.id', 'in', (eb) =>
          eb
            .selectFrom('observation_media')
            .select('media_id')
            .where('observation_id', 'in', ownObservations),
        )
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom('observation_media as other')
                .innerJoin('observations as oo', 'oo.id', 'other.observation_id')
                .select('other.media_id')
                .whereRef('other.media_id', '=', 'm.id')
                .where((eb) =>
                  eb.or([eb('oo.observer_id', 'is', null), eb('oo.observer_id', '!=', userId)]),
                ),
            ),
          ),
        )
        .execute();
      const deleted = await trx
        .deleteFrom('observations')
        .where('observer_id', '=', userId)
        .executeTakeFirst();
      if (doomed.length > 0) {
        await trx
          .deleteFrom('media')
          .where(
            'id',
            'in',
            doomed.map((m) => m.id),
          )
          .execute();
      }
      return { count: Number(deleted.numDeletedRows), keys: doomed.map((m) => m.storage_key) };
    },

    /** Keeps the user's observations without their observer, observer name or contact; how many. */
    async anonymiseObservationsOf(trx: Kysely<DB>, userId: number): Promise<number> {
      const updated = await trx
        .updateTable('observations')
        .set({
          observer_id: null,
          observer_name: null,
          contact_email: null,
          updated_at: new Date(),
        })
        .where('observer_id', '=', userId)
        .executeTakeFirst();
      return Number(updated.numUpdatedRows);
    },

    async deleteUser(trx: Kysely<DB>, userId: number) {
      await trx.deleteFrom('users').where('id', '=', userId).execute();
    },
  };
}

export type PersonalDataRepository = ReturnType<typeof createPersonalDataRepository>;
