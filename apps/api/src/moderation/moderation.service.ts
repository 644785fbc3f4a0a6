import { sql, type Kysely, type Transaction } from 'kysely';
import type { ModerationList, ModerationObservation, ModerationQuery } from '@citizen/shared';
import type { AuditLog } from '../audit/audit.js';
import type { CurrentUser } from '../auth/current-user.js';
import type { BadgesService } from '../badges/badges.service.js';
import type { DB } from '../db/schema.js';
import { ForbiddenError, NotFoundError } from '../http/errors.js';
import { photoUrls, type PhotosService } from '../media/photos.service.js';
import { isAdmin } from '../policies/roles.js';

type Deps = {
  db: Kysely<DB>;
  photos: PhotosService;
  audit: AuditLog;
  /** The observer's badges follow a deleted observation (badges/). */
  badges?: Pick<BadgesService, 'afterObservationChange'>;
};

/** Who acts, from where: every moderation is written to the audit log with both. */
export type Moderator = { user: CurrentUser; ip: string };

const iso = (value: Date | string | null) => (value ? new Date(value).toISOString() : null);

/**
 * Administrators' moderation of observations and photos. Hiding or unhiding a whole observation
 * is the validation service's (POST /api/admin/observations/:id/hide); here: the moderation list,
 * hiding, unhiding or deleting one photo, and deleting an observation, each with its reason kept
 * in the audit log.
 */
export function createModerationService({ db, photos, audit, badges }: Deps) {
  function requireModerator(user: CurrentUser): CurrentUser {
    if (!isAdmin(user)) throw new ForbiddenError('Only administrators moderate observations');
    return user;
  }

  function baseQuery(query: Omit<ModerationQuery, 'limit' | 'offset'>, id?: string) {
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

  async function load(
    query: Omit<ModerationQuery, 'limit' | 'offset'>,
    page: { limit: number; offset: number },
    id?: string,
  ): Promise<ModerationObservation[]> {
    let select = baseQuery(query, id)
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
    select =
      query.state === 'hidden'
        ? select.orderBy(sql`o.hidden_at desc nulls last`).orderBy('o.created_at', 'desc')
        : select.orderBy('o.created_at', 'desc');
    const rows = await select.orderBy('o.id').execute();
    const ids = rows.map((r) => r.id);
    const media =
      ids.length === 0
        ? []
        : await db
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
            .where('om.observation_id', 'in', ids)
            .orderBy('om.position')
            .orderBy('m.created_at')
            .execute();
    return rows.map((row) => ({
      id: row.id,
      programId: row.program_id,
      programTitle: row.program_title,
      cdNom: row.cd_nom,
      scientificName: row.scientific_name,
      observedOn: row.observed_on,
      createdAt: iso(row.created_at)!,
      observer:
        row.observer_id === null
          ? null
          : { id: row.observer_id, username: row.username!, displayName: row.display_name },
      observerName: row.observer_name,
      comment: row.comment,
      validationStatus: row.validation_status,
      hidden: row.hidden_at !== null,
      hiddenAt: iso(row.hidden_at),
      hiddenReason: row.hidden_reason,
      photos: media
        .filter((m) => m.observation_id === row.id)
        .map((m) => ({
          id: m.id,
          ...photoUrls(m.id),
          width: m.width,
          height: m.height,
          licence: m.licence,
          author: m.author,
          hidden: m.hidden_at !== null,
          hiddenAt: iso(m.hidden_at),
          hiddenReason: m.hidden_reason,
        })),
    }));
  }

  async function one(id: string): Promise<ModerationObservation> {
    const [found] = await load({ state: 'recent' }, { limit: 1, offset: 0 }, id);
    if (!found) throw new NotFoundError(`Observation ${id} does not exist`);
    return found;
  }

  /** The photo of that observation, locked; 404 when it is not one of its photos. */
  async function lockedPhoto(trx: Transaction<DB>, observationId: string, mediaId: string) {
    const row = await trx
      .selectFrom('media as m')
      .innerJoin('observation_media as om', 'om.media_id', 'm.id')
      .innerJoin('observations as o', 'o.id', 'om.observation_id')
      .select(['m.id', 'm.hidden_at', 'o.observer_id'])
      .where('om.observation_id', '=', observationId)
      .where('m.id', '=', mediaId)
      .forUpdate(['m'])
      .executeTakeFirst();
    if (!row)
      throw new NotFoundError(`Photo ${mediaId} is not a photo of observation ${observationId}`);
    return row;
  }

  /** A change to an observation's photos changes what the public lists show: new data version. */
  const touch = (trx: Transaction<DB>, observationId: string) =>
    trx
      .updateTable('observations')
      .set({ updated_at: new Date() })
      .where('id', '=', observationId)
      .execute();

  return {
    async list(user: CurrentUser, query: ModerationQuery): Promise<ModerationList> {
      requireModerator(user);
      const { total } = await baseQuery(query)
        .select((eb) => eb.fn.countAll<string>().as('total'))
        .executeTakeFirstOrThrow();
      return { total: Number(total), items: await load(query, query) };
    },

    async get(user: CurrentUser, id: string): Promise<ModerationObservation> {
      requireModerator(user);
      return one(id);
    },

    /** Hides (or shows again) one photo; a hidden photo is in no list and served to experts only. */
    async setPhotoHidden(
      { user, ip }: Moderator,
      observationId: string,
      mediaId: string,
      hidden: boolean,
      reason: string | null,
    ): Promise<ModerationObservation> {
      requireModerator(user);
      await db.transaction().execute(async (trx) => {
        const photo = await lockedPhoto(trx, observationId, mediaId);
        await trx
          .updateTable('media')
          .set(
            hidden
              ? { hidden_at: new Date(), hidden_reason: reason, hidden_by: user.id }
              : { hidden_at: null, hidden_reason: null, hidden_by: null },
          )
          .where('id', '=', mediaId)
          .execute();
        await touch(trx, observationId);
        await audit.record(
          {
            event: hidden ? 'photo_hidden' : 'photo_unhidden',
            userId: photo.observer_id,
            actorId: user.id,
            ip,
            details: { observationId, mediaId, ...(reason ? { reason } : {}) },
          },
          trx,
        );
      });
      return one(observationId);
    },

    /** Deletes one photo: its row and its files together; the observer sees why in the history. */
    async deletePhoto(
      { user, ip }: Moderator,
      observationId: string,
      mediaId: string,
      reason: string,
    ): Promise<ModerationObservation> {
      requireModerator(user);
      await photos.deleteWith(async (trx) => {
        const photo = await lockedPhoto(trx, observationId, mediaId);
        const deleted = await trx
          .deleteFrom('media')
          .where('id', '=', mediaId)
          .returning('storage_key')
          .execute();
        await trx
          .insertInto('observation_events')
          .values({
            observation_id: observationId,
            actor_id: user.id,
            kind: 'photo_removed',
            reason,
          })
          .execute();
        await touch(trx, observationId);
        await audit.record(
          {
            event: 'photo_deleted',
            userId: photo.observer_id,
            actorId: user.id,
            ip,
            details: { observationId, mediaId, reason },
          },
          trx,
        );
        return { keys: deleted.map((d) => d.storage_key), result: undefined };
      });
      return one(observationId);
    },

    /** Deletes an observation with its photos; what it was and why stay in the audit log. */
    async deleteObservation({ user, ip }: Moderator, id: string, reason: string): Promise<void> {
      requireModerator(user);
      const gone = await photos.deleteWith(async (trx) => {
        const current = await trx
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
        if (!current) throw new NotFoundError(`Observation ${id} does not exist`);
        const media = await trx
          .deleteFrom('media')
          .where('id', 'in', (eb) =>
            eb.selectFrom('observation_media').select('media_id').where('observation_id', '=', id),
          )
          .returning('storage_key')
          .execute();
        await trx.deleteFrom('observations').where('id', '=', id).execute();
        await audit.record(
          {
            event: 'observation_deleted',
            userId: current.observer_id,
            actorId: user.id,
            ip,
            details: {
              observationId: id,
              reason,
              programId: current.program_id,
              cdNom: current.cd_nom,
              scientificName: current.scientific_name,
              observedOn: current.observed_on,
              photos: media.length,
            },
          },
          trx,
        );
        return { keys: media.map((m) => m.storage_key), result: current };
      });
      await badges?.afterObservationChange(
        { observerId: gone.observer_id, programId: gone.program_id, cdNom: gone.cd_nom },
        null,
        user.id,
      );
    },
  };
}

export type ModerationService = ReturnType<typeof createModerationService>;
