import type { Locale, SavedVisit, Visit, VisitInput, VisitPatch } from '@citizen/shared';
import type { CurrentUser } from '../auth/current-user.js';
import { DomainError } from '../http/errors.js';
import type { RememberKey } from '../idempotency/idempotency.service.js';
import type { PhotosService } from '../media/photos.service.js';
import { isAdmin } from '../policies/roles.js';
import { validateAnswers } from './forms.js';
import { ownerPhotoWriter } from './owner-photos.js';
import type { SitePhotosRepository } from './site-photos.repository.js';
import type { SiteRules } from './site-rules.js';
import {
  checkDate,
  observationViewer,
  person,
  photoOf,
  requireLogin,
  storedForm,
  type Files,
} from './site-views.js';
import { canAddVisit, canEditVisit } from './sites.policy.js';
import type { VisitsRepository } from './visits.repository.js';

type Deps = {
  repository: VisitsRepository;
  sitePhotos: SitePhotosRepository;
  photos: PhotosService;
  rules: SiteRules;
};

/** Visits of sites: what was seen there on a day, with photos and the observations made. */
export function createVisitsService({ repository, sitePhotos, photos, rules }: Deps) {
  const visitPhotoWriter = ownerPhotoWriter('visit_media', { photos, sitePhotos, rules });

  async function visitsOf(
    where: { siteId: number } | { visitIds: number[] },
    user: CurrentUser | null,
    lang: Locale,
  ): Promise<Visit[]> {
    const rows = await repository.visits(where);
    const ids = rows.map((v) => v.id);
    const [visitPhotos, observations] = await Promise.all([
      sitePhotos.photos('visit_media', ids),
      repository.visitObservations(ids, observationViewer(user), lang),
    ]);
    const observationPhotos = await photos.listFor(observations.map((o) => o.id));
    return rows.map((v) => ({
      id: v.id,
      siteId: v.site_id,
      programId: v.program_id,
      visitedOn: v.visited_on,
      visitedTime: v.visited_time ? v.visited_time.slice(0, 5) : null,
      comment: v.comment,
      customData: v.custom_data ?? {},
      observer: person(v.observer_username, v.observer_display_name),
      photos: (visitPhotos.get(v.id) ?? []).map(photoOf),
      observations: observations
        .filter((o) => o.visit_id === v.id)
        .map((o) => ({
          id: o.id,
          cdNom: o.cd_nom,
          scientificName: o.scientific_name,
          name: o.name,
          count: o.count,
          comment: o.comment,
          observedTime: o.observed_time ? o.observed_time.slice(0, 5) : null,
          validationStatus: o.validation_status,
          photos: observationPhotos.get(o.id) ?? [],
        })),
      canEdit: canEditVisit(user, { observerId: v.observer_id }),
      createdAt: new Date(v.created_at).toISOString(),
      updatedAt: new Date(v.updated_at).toISOString(),
    }));
  }

  return {
    /** The visits of a site (or these visits), as `user` may see them. */
    list: visitsOf,

    async createVisit(
      siteId: number,
      input: VisitInput,
      files: Files,
      current: CurrentUser | null,
      lang: Locale,
      rememberKey?: RememberKey,
    ): Promise<SavedVisit> {
      const user = requireLogin(current);
      const row = await rules.site(siteId);
      await rules.openSiteProgram(row.program_id, null);
      if (!canAddVisit(user, { creatorId: row.creator_id }, { visitsBy: row.visits_by })) {
        throw new DomainError('visit.creatorOnly');
      }
      checkDate(input.visitedOn, 'visitedOn');
      const type = await rules.typeOfProgram(row.site_type_id, row.program_id);
      const data = input.customData ?? {};
      validateAnswers(
        storedForm(type.visit_form_id, type.visit_json_schema, type.visit_form_updated_at),
        data,
        'visit',
      );
      const id = await visitPhotoWriter.create(
        input.photos,
        files,
        user,
        (trx) =>
          repository.insertVisit(trx, {
            site_id: siteId,
            visited_on: input.visitedOn,
            visited_time: input.visitedTime ?? null,
            comment: input.comment?.trim() || null,
            custom_data: data,
            observer_id: user.id,
            observer_name: null,
          }),
        rememberKey,
      );
      const newBadges = await rules.badgesAfterVisits(row.program_id, [user.id], [], user);
      const [visit] = await visitsOf({ visitIds: [id] }, user, lang);
      return { ...visit!, ...(newBadges && { newBadges }) };
    },

    async getVisit(id: number, user: CurrentUser | null, lang: Locale): Promise<Visit> {
      const row = await repository.findVisit(id);
      if (!row || (!row.program_active && !isAdmin(user))) {
        throw new DomainError('visit.notFound', { id });
      }
      const [visit] = await visitsOf({ visitIds: [id] }, user, lang);
      return visit!;
    },

    async updateVisit(
      id: number,
      patch: VisitPatch,
      files: Files,
      current: CurrentUser | null,
      lang: Locale,
    ): Promise<SavedVisit> {
      const user = requireLogin(current);
      const row = await repository.findVisit(id);
      if (!row) throw new DomainError('visit.notFound', { id });
      if (!canEditVisit(user, { observerId: row.observer_id })) {
        throw new DomainError('visit.notYours');
      }
      if (patch.visitedOn !== undefined) checkDate(patch.visitedOn, 'visitedOn');
      if (patch.customData !== undefined) {
        validateAnswers(
          storedForm(row.visit_form_id, row.visit_json_schema, row.visit_form_updated_at),
          patch.customData,
          'visit',
        );
      }
      await visitPhotoWriter.update(id, patch.deletePhotos ?? [], files, user, (trx) =>
        repository.updateVisit(trx, id, {
          ...(patch.visitedOn !== undefined && { visited_on: patch.visitedOn }),
          ...(patch.visitedTime !== undefined && { visited_time: patch.visitedTime }),
          ...(patch.comment !== undefined && { comment: patch.comment?.trim() || null }),
          ...(patch.customData !== undefined && { custom_data: patch.customData }),
        }),
      );
      const newBadges = await rules.badgesAfterVisits(row.program_id, [row.observer_id], [], user);
      const [visit] = await visitsOf({ visitIds: [id] }, user, lang);
      return { ...visit!, ...(newBadges && { newBadges }) };
    },

    async deleteVisit(id: number, current: CurrentUser | null): Promise<void> {
      const user = requireLogin(current);
      const row = await repository.findVisit(id);
      if (!row) throw new DomainError('visit.notFound', { id });
      if (!canEditVisit(user, { observerId: row.observer_id })) {
        throw new DomainError('visit.notYoursToDelete');
      }
      const observations = await repository.visitObservationFacts([id]);
      const keys = await repository
        .transaction()
        .execute((trx) => repository.deleteVisitsContent(trx, [id]));
      await photos.removeFiles(keys);
      await rules.badgesAfterVisits(row.program_id, [row.observer_id], observations, user);
    },

    /**
     * For the observation writer: an observation may be linked to a visit of the same programme,
     * on the visit's date, by whoever may edit the visit.
     */
    async checkObservationLink(
      visitId: number,
      programId: number,
      observedOn: string,
      user: CurrentUser | null,
    ): Promise<void> {
      const visit = await repository.findVisit(visitId);
      if (!visit) throw new DomainError('visit.unknown', { id: visitId }, { field: 'visitId' });
      if (visit.program_id !== programId) {
        throw new DomainError('visit.otherProgram', { id: visitId }, { field: 'visitId' });
      }
      if (!user) throw new DomainError('visit.loginRequired');
      if (!canEditVisit(user, { observerId: visit.observer_id })) {
        throw new DomainError('visit.observerOnly');
      }
      if (observedOn !== visit.visited_on) {
        throw new DomainError(
          'observation.visitDate',
          { date: visit.visited_on },
          { field: 'observedOn' },
        );
      }
    },

    /** The visit an observation belongs to, if any. */
    visitOf: (observationId: string) => repository.visitOf(observationId),

    /** The date an observation of this visit must have. */
    async visitDate(visitId: number): Promise<string | null> {
      return (await repository.findVisit(visitId))?.visited_on ?? null;
    },
  };
}

export type VisitsService = ReturnType<typeof createVisitsService>;
