import type { ModerationList, ModerationObservation, ModerationQuery } from '@citizen/shared';
import type { AuditLog } from '../audit/audit-log.repository.js';
import type { CurrentUser } from '../auth/current-user.js';
import type { BadgesService } from '../badges/badges.service.js';
import { DomainError } from '../http/errors.js';
import { photoUrls, type PhotosService } from '../media/photos.service.js';
import { isAdmin } from '../policies/roles.js';
import type { ObservationWriteRepository } from '../observations/write.repository.js';
import type { ModerationFilter, ModerationRepository } from './moderation.repository.js';

type Deps = {
  repository: ModerationRepository;
  /** Deletes an observation with its photos' rows, as its observer does. */
  observations: Pick<ObservationWriteRepository, 'delete'>;
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
export function createModerationService({ repository, observations, photos, audit, badges }: Deps) {
  function requireModerator(user: CurrentUser): CurrentUser {
    if (!isAdmin(user)) throw new DomainError('moderation.adminOnly');
    return user;
  }

  async function load(
    query: ModerationFilter,
    page: { limit: number; offset: number },
    id?: string,
  ): Promise<ModerationObservation[]> {
    const rows = await repository.page(query, page, id);
    const media = await repository.photosOf(rows.map((r) => r.id));
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
    if (!found) throw new DomainError('observation.notFound', { id });
    return found;
  }

  /** The photo of that observation, locked; 404 when it is not one of its photos. */
  async function lockedPhoto(
    trx: Parameters<ModerationRepository['lockPhoto']>[0],
    observationId: string,
    mediaId: string,
  ) {
    const row = await repository.lockPhoto(trx, observationId, mediaId);
    if (!row)
      throw new DomainError('observation.photoNotFound', { photo: mediaId, id: observationId });
    return row;
  }

  return {
    async list(user: CurrentUser, query: ModerationQuery): Promise<ModerationList> {
      requireModerator(user);
      return { total: await repository.count(query), items: await load(query, query) };
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
      await repository.transaction().execute(async (trx) => {
        const photo = await lockedPhoto(trx, observationId, mediaId);
        await repository.setPhotoHidden(trx, mediaId, hidden ? { reason, by: user.id } : null);
        // The public lists change with the photos: a new data version.
        await repository.touchObservation(trx, observationId);
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
        const keys = await repository.deletePhoto(trx, mediaId);
        await repository.recordPhotoRemoved(trx, observationId, user.id, reason);
        await repository.touchObservation(trx, observationId);
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
        return { keys, result: undefined };
      });
      return one(observationId);
    },

    /** Deletes an observation with its photos; what it was and why stay in the audit log. */
    async deleteObservation({ user, ip }: Moderator, id: string, reason: string): Promise<void> {
      requireModerator(user);
      const gone = await photos.deleteWith(async (trx) => {
        const current = await repository.lockObservation(trx, id);
        if (!current) throw new DomainError('observation.notFound', { id });
        const keys = await observations.delete(trx, id);
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
              photos: keys.length,
            },
          },
          trx,
        );
        return { keys, result: current };
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
