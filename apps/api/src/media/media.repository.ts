import type { Insertable, Kysely, Transaction } from 'kysely';
import type { DB, MediaTable } from '../db/schema.js';

/** The media queries: saving, listing, serving and sweeping photos. */
export function createMediaRepository(db: Kysely<DB>) {
  return {
    /** Inserts media rows with `executor` (the transaction of the change they belong to). */
    async insert(executor: Kysely<DB>, rows: Insertable<MediaTable>[]) {
      if (rows.length > 0) await executor.insertInto('media').values(rows).execute();
    },

    /**
     * Deletes a photo that belongs to no observation, site or visit (a logo); its storage key,
     * or null when it is not such a photo.
     */
    async deleteUnlinked(trx: Transaction<DB>, id: string): Promise<string | null> {
      const row = await trx
        .deleteFrom('media')
        .where('id', '=', id)
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom('observation_media')
                .select('media_id')
                .where('media_id', '=', id)
                .unionAll(selectFrom('site_media').select('media_id').where('media_id', '=', id))
                .unionAll(selectFrom('visit_media').select('media_id').where('media_id', '=', id)),
            ),
          ),
        )
        .returning('storage_key')
        .executeTakeFirst();
      return row?.storage_key ?? null;
    },

    /** Storage keys and stored files of these photos. */
    filesOf(ids: string[]) {
      return db
        .selectFrom('media')
        .select(['id', 'storage_key', 'variants'])
        .where('id', 'in', ids)
        .execute();
    },

    /** The photos of these observations that a moderator has not hidden, in their order. */
    visibleOf(observationIds: string[]) {
      return (
        db
          .selectFrom('observation_media as om')
          .innerJoin('media as m', 'm.id', 'om.media_id')
          .select(['om.observation_id', 'm.id', 'm.width', 'm.height', 'm.licence', 'm.author'])
          .where('om.observation_id', 'in', observationIds)
          // Hidden by a moderator: in no list (see GET /api/admin/moderation/observations).
          .where('m.hidden_at', 'is', null)
          .orderBy('om.position')
          .execute()
      );
    },

    /** A photo with what deciding who may see it needs. */
    findForServing(id: string) {
      return db
        .selectFrom('media as m')
        .select((eb) => [
          'm.storage_key',
          'm.mime_type',
          'm.variants',
          'm.uploaded_by',
          'm.hidden_at',
          eb
            .selectFrom('observation_media as om')
            .innerJoin('observations as o', 'o.id', 'om.observation_id')
            .select('o.observer_id')
            .whereRef('om.media_id', '=', 'm.id')
            .limit(1)
            .as('observer_id'),
          // Of an observation hidden, or not yet validated where only validated ones are shown.
          eb
            .exists(
              eb
                .selectFrom('observation_media as om')
                .innerJoin('observations as o', 'o.id', 'om.observation_id')
                .select('om.media_id')
                .whereRef('om.media_id', '=', 'm.id')
                .where('o.is_public', '=', false),
            )
            .as('not_public'),
        ])
        .where('m.id', '=', id)
        .executeTakeFirst();
    },

    /** The keys among `keys` that a row names: a photo's storage key or a user's avatar. */
    async knownKeys(keys: string[]): Promise<Set<string>> {
      const known = new Set<string>();
      for (let i = 0; i < keys.length; i += 1000) {
        const chunk = keys.slice(i, i + 1000);
        const [media, avatars] = await Promise.all([
          db.selectFrom('media').select('storage_key').where('storage_key', 'in', chunk).execute(),
          db.selectFrom('users').select('avatar_key').where('avatar_key', 'in', chunk).execute(),
        ]);
        for (const row of media) known.add(row.storage_key);
        for (const row of avatars) known.add(row.avatar_key!);
      }
      return known;
    },
  };
}

export type MediaRepository = ReturnType<typeof createMediaRepository>;
