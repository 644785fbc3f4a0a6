import { sql, type Kysely, type Transaction } from 'kysely';
import type { ModerationQuery } from '@citizen/shared';
import type { DB } from '../db/schema.js';

export type ModerationFilter = Omit<ModerationQuery, 'limit' | 'offset'>;

/** The observations and photos administrators moderate. */
export function createModerationRepository(db: Kysely<DB>) {
  function matching(query: ModerationFilter, id?: string) {
    let select = db
      .selectFrom('observations as o')
      .innerJoin('programs as p', 'p.id', 'o.program_id')
      .innerJoin('taxa as t', 't.cd_nom', 'o.cd_nom')
      .leftJoin('users as u', 'u.id', 'o.observer_id');
    if (id !== undefined) select = select.where('o.id', '=', id);
    if (query.state === 'hidden') {
      select = select.where((eb) =>
        eb.or([
          eb('o.hidden_at', 'is not', null),
          eb.exists(
            eb
              .selectFrom('observation_media as om')
              .innerJoin('media as m', 'm.id', 'om.media_id')
              .select('om.media_id')
              .whereRef('om.observation_id', '=', 'o.id')
              .where('m.hidden_at', 'is not', null),
          ),
        ]),
      );
    }
    if (query.hasPhoto !== undefined) {
      select = select.where((eb) => {
        const exists = eb.exists(
          eb
            .selectFrom('observation_media as om')
            .select('om.media_id')
            .whereRef('om.observation_id', '=', 'o.id'),
        );
        return query.hasPhoto ? exists : eb.not(exists);
      });
    }
    if (query.observer !== undefined) select = select.where('o.observer_id', '=', query.observer);
    if (query.program !== undefined) select = select.where('o.program_id', '=', query.program);
    return select;
  }

  return {
    transaction: () => db.transaction(),

    async count(query: ModerationFilter): Promise<number> {
      const { total } = await matching(query)
        .select((eb) => eb.fn.countAll<string>().as('total'))
        .executeTakeFirstOrThrow();
      return Number(total);
    },

    /** A page of observations; hidden first (newest hiding first) in the `hidden` state. */
    page(query: ModerationFilter, page: { limit: number; offset: number }, id?: string) {
      const select = matching(query, id)
        .select([
          'o.id',
          'o.program_id',
          'p.title as program_title',
          'o.cd_nom',
          't.scientific_name',
          sql<string>`o.observed_on::text`.as('observed_on'),
          'o.created_at',
          'o.observer_id',
          'u.username',
          'u.display_name',
          'o.observer_name',
          'o.comment',
          'o.validation_status',
          'o.hidden_at',
          'o.hidden_reason',
        ])
        .limit(page.limit)
        .offset(page.offset);
      const ordered =
        query.state === 'hidden'
          ? select.orderBy(sql`o.hidden_at desc nulls last`).orderBy('o.created_at', 'desc')
          : select.orderBy('o.created_at', 'desc');
      return ordered.orderBy('o.id').execute();
    },

    /** The photos of these observations, hidden ones too, in their order. */
    async photosOf(observationIds: string[]) {
      if (observationIds.length === 0) return [];
      return db
        .selectFrom('observation_media as om')
        .innerJoin('media as m', 'm.id', 'om.media_id')
        .select([
          'om.observation_id',
          'm.id',
          'm.width',
          'm.height',
          'm.licence',
          'm.author',
          'm.hidden_at',
          'm.hidden_reason',
        ])
        .where('om.observation_id', 'in', observationIds)
        .orderBy('om.position')
        .orderBy('m.created_at')
        .execute();
    },

    /** The photo if it is one of that observation's, locked until `trx` ends. */
    lockPhoto(trx: Transaction<DB>, observationId: string, mediaId: string) {
      return trx
        .selectFrom('media as m')
        .innerJoin('observation_media as om', 'om.media_id', 'm.id')
        .innerJoin('observations as o', 'o.id', 'om.observation_id')
        .select(['m.id', 'm.hidden_at', 'o.observer_id'])
        .where('om.observation_id', '=', observationId)
        .where('m.id', '=', mediaId)
        .forUpdate(['m'])
        .executeTakeFirst();
    },

    async setPhotoHidden(
      trx: Transaction<DB>,
      mediaId: string,
      hidden: { reason: string | null; by: number } | null,
    ) {
      await trx
        .updateTable('media')
        .set(
          hidden
            ? { hidden_at: new Date(), hidden_reason: hidden.reason, hidden_by: hidden.by }
            : { hidden_at: null, hidden_reason: null, hidden_by: null },
        )
        .where('id', '=', mediaId)
        .execute();
    },

    /** Deletes the photo's row; returns its files' storage keys. */
    async deletePhoto(trx: Transaction<DB>, mediaId: string): Promise<string[]> {
      const deleted = await trx
        .deleteFrom('media')
        .where('id', '=', mediaId)
        .returning('storage_key')
        .execute();
      return deleted.map((d) => d.storage_key);
    },

    /** Tells the observer, in the observation's history, that a photo was removed and why. */
    async recordPhotoRemoved(
      trx: Transaction<DB>,
      observationId: string,
      actorId: number,
      reason: string,
    ) {
      await trx
        .insertInto('observation_events')
        .values({ observation_id: observationId, actor_id: actorId, kind: 'photo_removed', reason })
        .execute();
    },

    /** A new data version for the observation's programme (what the public lists show changed). */
    async touchObservation(trx: Transaction<DB>, observationId: string) {
      await trx
        .updateTable('observations')
        .set({ updated_at: new Date() })
        .where('id', '=', observationId)
        .execute();
    },

    /** What an observation is, locked until `trx` ends. */
    lockObservation(trx: Transaction<DB>, id: string) {
      return trx
        .selectFrom('observations as o')
        .innerJoin('taxa as t', 't.cd_nom', 'o.cd_nom')
        .select([
          'o.id',
          'o.program_id',
          'o.cd_nom',
          't.scientific_name',
          'o.observer_id',
          sql<string>`o.observed_on::text`.as('observed_on'),
        ])
        .where('o.id', '=', id)
        .forUpdate(['o'])
        .executeTakeFirst();
    },
  };
}

export type ModerationRepository = ReturnType<typeof createModerationRepository>;
