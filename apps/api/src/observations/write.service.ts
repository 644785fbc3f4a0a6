import type {
  ObservationInput,
  ObservationPatch,
  PointGeometry,
  SavedObservation,
} from '@citizen/shared';
import type { ReverseGeocoder } from '../areas/reverse-geocoder.js';
import type { CurrentUser } from '../auth/current-user.js';
import type { BadgesService } from '../badges/badges.service.js';
import type { Config } from '../config/config.js';
import { DomainError } from '../http/errors.js';
import type { RememberKey } from '../idempotency/idempotency.service.js';
import type { PhotosService, PhotoUpload } from '../media/photos.service.js';
import { canDeleteObservation, canEditObservation } from '../policies/observations.policy.js';
import type { VisitsService } from '../sites/visits.service.js';
import type { ValidationService } from '../validation/validation.service.js';
import { validateCustomData } from './custom-data.js';
import { judgedChanges } from './judged-changes.js';
import { pointSql, type ObservationWriteRepository } from './write.repository.js';

export const MAX_PHOTOS = 5;

/** Up to UTC+14, "today" somewhere on Earth: the latest date an observation may have. */
export function latestAllowedDate(now = Date.now()): string {
  return new Date(now + 14 * 3600_000).toISOString().slice(0, 10);
}

type Deps = {
  repository: ObservationWriteRepository;
  photos: PhotosService;
  config: Config;
  reverseGeocoder: ReverseGeocoder | null;
  /** Site visits an observation may be recorded during (sites/). */
  visits?: Pick<VisitsService, 'checkObservationLink' | 'visitOf' | 'visitDate'>;
  /** Updates the observer's badges after each change is committed (badges/). */
  badges?: Pick<BadgesService, 'afterObservationChange'>;
  /** Sends a judged observation back to the validators when what they judged changes (validation/). */
  review?: Pick<ValidationService, 'reopenAfterEdit' | 'afterReopen'>;
};

export function createObservationWriter({
  repository,
  photos,
  config,
  reverseGeocoder,
  visits,
  badges,
  review,
}: Deps) {
  async function checkProgram(programId: number, point: number[] | null, user: CurrentUser | null) {
    const program = await repository.programForWriting(programId, point);
    if (!program || !program.is_active) {
      throw new DomainError('program.notActive', { id: programId });
    }
    const today = new Date().toISOString().slice(0, 10);
    if (
      (program.starts_on && today < program.starts_on) ||
      (program.ends_on && today > program.ends_on)
    ) {
      throw new DomainError('observation.programClosed', { id: programId });
    }
    if (program.registration_required && !user) {
      throw new DomainError('observation.loginRequired');
    }
    if (!program.covers_point) {
      throw new DomainError('location.outsideArea', {}, { field: 'location' });
    }
    return program;
  }

  /** Whether the taxon is off the programme's list (allowed only where the programme says so). */
  async function checkTaxon(
    cdNom: number,
    program: { species_list_id: number | null; allow_off_list: boolean },
  ): Promise<boolean> {
    const taxon = await repository.taxonForProgram(cdNom, program.species_list_id);
    if (!taxon) {
      throw new DomainError('taxon.unknown', { cdNom }, { field: 'cdNom' });
    }
    if (!taxon.in_list && !program.allow_off_list) {
      throw new DomainError('observation.taxonNotListed', { cdNom }, { field: 'cdNom' });
    }
    return !taxon.in_list;
  }

  function checkDate(observedOn: string) {
    if (observedOn > latestAllowedDate()) {
      throw new DomainError(
        'observation.dateInFuture',
        { date: observedOn },
        { field: 'observedOn' },
      );
    }
  }

  function checkPoint(location: PointGeometry): number[] {
    const [lon, lat] = location.coordinates as [number, number];
    if (!(Math.abs(lon) <= 180 && Math.abs(lat) <= 90)) {
      throw new DomainError('location.invalid', {}, { field: 'location' });
    }
    return [lon, lat];
  }

  const formOf = (
    program: NonNullable<Awaited<ReturnType<ObservationWriteRepository['programForWriting']>>>,
  ) =>
    program.form_id === null
      ? null
      : {
          id: program.form_id,
          jsonSchema: program.json_schema,
          version: String(program.form_updated_at?.valueOf()),
        };

  async function municipalityFallback(point: number[]): Promise<string | null> {
    if (!reverseGeocoder || (await repository.municipalityAt(point))) return null;
    return reverseGeocoder(point);
  }

  async function load(id: string): Promise<SavedObservation> {
    const row = await repository.find(id);
    if (!row) throw new DomainError('observation.notFound', { id });
    const photoMap = await photos.listFor([id]);
    return {
      id: row.id,
      programId: row.program_id,
      cdNom: row.cd_nom,
      observedOn: row.observed_on,
      observedTime: row.observed_time ? row.observed_time.slice(0, 5) : null,
      count: row.count,
      comment: row.comment,
      location: JSON.parse(row.location) as PointGeometry,
      coordinateUncertaintyM: row.coordinate_uncertainty_m,
      municipality: row.municipality,
      customData: (row.custom_data ?? {}) as Record<string, unknown>,
      obscured: row.obscured,
      sensitivity: row.sensitivity,
      validationStatus: row.validation_status,
      photos: photoMap.get(id) ?? [],
      createdAt: new Date(row.created_at).toISOString(),
      updatedAt: new Date(row.updated_at).toISOString(),
      ...(visits && { visitId: await visits.visitOf(id) }),
    };
  }

  /** Site visits: the link is checked (same programme and date, the visit's observer). */
  async function checkVisitLink(
    visitId: number | undefined,
    programId: number,
    observedOn: string,
    user: CurrentUser | null,
  ) {
    if (visitId === undefined) return;
    if (!visits) throw new DomainError('visit.disabled');
    await visits.checkObservationLink(visitId, programId, observedOn, user);
  }

  const facts = (row: { observer_id: number | null; program_id: number; cd_nom: number }) => ({
    observerId: row.observer_id,
    programId: row.program_id,
    cdNom: row.cd_nom,
  });

  function photoUploads(
    input: { photos?: ObservationInput['photos'] },
    files: { bytes: Buffer; filename: string }[],
    user: CurrentUser | null,
  ): PhotoUpload[] {
    if (files.length > MAX_PHOTOS)
      throw new DomainError('observation.tooManyPhotos', { max: MAX_PHOTOS });
    return files.map((file, i) => ({
      bytes: file.bytes,
      filename: file.filename,
      licence: input.photos?.[i]?.licence ?? config.photos.defaultLicence,
      author: input.photos?.[i]?.author ?? user?.username ?? null,
    }));
  }

  async function ownedObservation(
    id: string,
    user: CurrentUser | null,
    can: typeof canEditObservation,
  ) {
    const row = await repository.find(id);
    if (!row) throw new DomainError('observation.notFound', { id });
    if (!user) throw new DomainError('auth.loginRequired');
    if (!can(user, { observerId: row.observer_id })) {
      throw new DomainError('observation.notYours');
    }
    return row;
  }

  return {
    async create(
      input: ObservationInput,
      files: { bytes: Buffer; filename: string }[],
      user: CurrentUser | null,
      /** Writes the request's Idempotency-Key in the same transaction (idempotency/). */
      rememberKey?: RememberKey,
    ): Promise<SavedObservation> {
      const point = checkPoint(input.location);
      checkDate(input.observedOn);
      const program = await checkProgram(input.programId, point, user);
      const offList = await checkTaxon(input.cdNom, program);
      validateCustomData(formOf(program), input.customData ?? {});
      await checkVisitLink(input.visitId, program.id, input.observedOn, user);
      const uploads = photoUploads(input, files, user);
      const municipality = await municipalityFallback(point);

      const id = await photos.saveWith(uploads, user?.id ?? null, async (trx, mediaIds) => {
        const { id } = await repository.insert(trx, {
          program_id: program.id,
          cd_nom: input.cdNom,
          observed_on: input.observedOn,
          observed_time: input.observedTime ?? null,
          count: input.count ?? 1,
          comment: input.comment?.trim() || null,
          geom: pointSql(point),
          coordinate_uncertainty_m: input.coordinateUncertaintyM ?? null,
          municipality,
          custom_data: JSON.stringify(input.customData ?? {}),
          obscured: input.obscured ?? false,
          observer_id: user?.id ?? null,
          observer_name: user ? user.username : input.observerName?.trim() || null,
          // A logged-in observer's address is on their account, never copied here.
          contact_email: user ? null : (input.contactEmail ?? null),
          visit_id: input.visitId ?? null,
          off_list: offList,
        });
        await repository.linkPhotos(trx, id, mediaIds, 0);
        await rememberKey?.(trx, id);
        return id;
      });
      const newBadges = await badges?.afterObservationChange(
        null,
        { observerId: user?.id ?? null, programId: program.id, cdNom: input.cdNom },
        user?.id ?? null,
      );
      return { ...(await load(id)), ...(newBadges && { newBadges }) };
    },

    async update(
      id: string,
      patch: ObservationPatch,
      files: { bytes: Buffer; filename: string }[],
      user: CurrentUser | null,
    ): Promise<SavedObservation> {
      const current = await ownedObservation(id, user, canEditObservation);
      const point = patch.location ? checkPoint(patch.location) : null;
      if (patch.observedOn) checkDate(patch.observedOn);
      const program = await checkProgram(current.program_id, point, user);
      const offList =
        patch.cdNom === undefined ? undefined : await checkTaxon(patch.cdNom, program);
      if (patch.customData !== undefined) validateCustomData(formOf(program), patch.customData);
      if (patch.observedOn !== undefined && visits) {
        const visitId = await visits.visitOf(id);
        const visitDate = visitId === null ? null : await visits.visitDate(visitId);
        if (visitDate !== null && patch.observedOn !== visitDate) {
          throw new DomainError(
            'observation.visitDate',
            { date: visitDate },
            { field: 'observedOn' },
          );
        }
      }

      const existing = await repository.photoIds(id);
      const removing = new Set(patch.deletePhotos ?? []);
      const unknown = [...removing].filter((m) => !existing.some((e) => e.media_id === m));
      if (unknown.length > 0)
        throw new DomainError('observation.unknownPhoto', { id: unknown[0]! });
      if (existing.length - removing.size + files.length > MAX_PHOTOS) {
        throw new DomainError('observation.tooManyPhotos', { max: MAX_PHOTOS });
      }
      const uploads = photoUploads({}, files, user);
      const municipality = point ? await municipalityFallback(point) : undefined;

      const removedKeys = await photos.saveWith(uploads, user!.id, async (trx, mediaIds) => {
        await repository.update(trx, id, {
          ...(patch.cdNom !== undefined && { cd_nom: patch.cdNom, off_list: offList }),
          ...(patch.observedOn !== undefined && { observed_on: patch.observedOn }),
          ...(patch.observedTime !== undefined && { observed_time: patch.observedTime }),
          ...(patch.count !== undefined && { count: patch.count }),
          ...(patch.comment !== undefined && { comment: patch.comment?.trim() || null }),
          ...(point && { geom: pointSql(point), municipality: municipality ?? null }),
          ...(patch.coordinateUncertaintyM !== undefined && {
            coordinate_uncertainty_m: patch.coordinateUncertaintyM,
          }),
          ...(patch.customData !== undefined && { custom_data: JSON.stringify(patch.customData) }),
          ...(patch.obscured !== undefined && { obscured: patch.obscured }),
        });
        const keys = await repository.deletePhotos(trx, id, [...removing]);
        const next = Math.max(-1, ...existing.map((e) => e.position)) + 1;
        await repository.linkPhotos(trx, id, mediaIds, next);
        // What a validator judged has changed: it needs a new expert look.
        const photosChanged = mediaIds.length > 0 || removing.size > 0;
        const changed = judgedChanges(current, patch, point, photosChanged);
        await review?.reopenAfterEdit(trx, id, user!.id, changed);
        return keys;
      });
      await photos.removeFiles(removedKeys);
      await review?.afterReopen();
      const newBadges = await badges?.afterObservationChange(
        facts(current),
        facts({ ...current, cd_nom: patch.cdNom ?? current.cd_nom }),
        user!.id,
      );
      return { ...(await load(id)), ...(newBadges && { newBadges }) };
    },

    async delete(id: string, user: CurrentUser | null): Promise<void> {
      const current = await ownedObservation(id, user, canDeleteObservation);
      const keys = await repository.transaction().execute((trx) => repository.delete(trx, id));
      await photos.removeFiles(keys);
      await badges?.afterObservationChange(facts(current), null, user!.id);
    },

    load,
  };
}

export type ObservationWriter = ReturnType<typeof createObservationWriter>;
