import type {
  CustomForm,
  Locale,
  MySites,
  Photo,
  PointGeometry,
  SavedVisit,
  SiteDetail,
  SiteFeatureCollection,
  SiteInput,
  SiteList,
  SiteListItem,
  SiteListQuery,
  SiteMapQuery,
  SitePatch,
  SiteProtocol,
  SiteProtocolSettings,
  SiteType,
  SiteTypeInput,
  SiteTypePatch,
  Visit,
  VisitInput,
  VisitPatch,
} from '@citizen/shared';
import type { CurrentUser } from '../auth/current-user.js';
import type { BadgesService } from '../badges/badges.service.js';
import type { Config } from '../config/config.js';
import {
  BadRequestError,
  ConflictError,
  ForbiddenError,
  NotFoundError,
  UnauthorizedError,
} from '../http/errors.js';
import { photoUrls, type PhotosService, type PhotoUpload } from '../media/photos.service.js';
import { latestAllowedDate } from '../observations/write.service.js';
import { isAdmin, isValidator } from '../policies/roles.js';
import { safeObserverName } from '../users/public-name.js';
import { checkProtocolForm, validateAnswers, withFieldOrder, type StoredForm } from './forms.js';
import { canAddVisit, canDeleteSite, canEditSite, canEditVisit } from './sites.policy.js';
import type {
  ObservationViewer,
  PhotoRow,
  SiteFilter,
  SitesRepository,
  SiteSummaryRow,
} from './sites.repository.js';

export const MAX_SITE_PHOTOS = 5;

type Files = { bytes: Buffer; filename: string }[];
type TypeRow = NonNullable<Awaited<ReturnType<SitesRepository['findSiteType']>>>;

const round7 = (n: number) => Math.round(n * 1e7) / 1e7;

const photoOf = (row: PhotoRow): Photo => ({
  id: row.id,
  ...photoUrls(row.id),
  width: row.width,
  height: row.height,
  licence: row.licence,
  author: safeObserverName(row.author),
});

const person = (username: string | null, displayName: string | null) =>
  username ? { username, displayName: safeObserverName(displayName) } : null;

const formOf = (jsonSchema: unknown, uiSchema: unknown): CustomForm | null =>
  jsonSchema === null || jsonSchema === undefined
    ? null
    : {
        jsonSchema: jsonSchema as Record<string, unknown>,
        uiSchema: (uiSchema ?? {}) as Record<string, unknown>,
      };

function toSiteType(row: TypeRow): SiteType {
  return {
    id: row.id,
    programId: row.program_id,
    name: row.name,
    description: row.description,
    pictogramUrl: row.pictogram_url,
    siteForm: formOf(row.site_json_schema, row.site_ui_schema),
    visitForm: formOf(row.visit_json_schema, row.visit_ui_schema),
    position: row.position,
  };
}

const storedForm = (
  id: number | null,
  jsonSchema: unknown,
  updatedAt: Date | string | null,
): StoredForm => (id === null ? null : { id, jsonSchema, updatedAt: updatedAt ?? new Date(0) });

function observationViewer(user: CurrentUser | null): ObservationViewer {
  if (!user) return { kind: 'public' };
  return isValidator(user) ? { kind: 'expert' } : { kind: 'owner', userId: user.id };
}

function checkPoint(location: PointGeometry): number[] {
  const [lon, lat] = location.coordinates as [number, number];
  if (!(Math.abs(lon) <= 180 && Math.abs(lat) <= 90)) {
    throw new BadRequestError('The location must be [longitude, latitude] in degrees', {
      errors: [{ field: 'location', message: 'must be [longitude, latitude] in WGS 84 degrees' }],
    });
  }
  return [lon, lat];
}

function checkDate(date: string, field: string) {
  if (date > latestAllowedDate()) {
    throw new BadRequestError(`The date ${date} is in the future`, {
      errors: [{ field, message: 'must not be in the future' }],
    });
  }
}

type Deps = {
  repository: SitesRepository;
  photos: PhotosService;
  config: Config;
  badges: BadgesService;
};

export function createSitesService({ repository, photos, config, badges }: Deps) {
  /** A programme that takes sites and visits today (and whose area covers `point`). */
  async function openSiteProgram(programId: number, point: number[] | null) {
    const program = await repository.programForSites(programId, point);
    if (!program || !program.is_active) {
      throw new NotFoundError(`Programme ${programId} does not exist or is not active`);
    }
    if (program.kind !== 'sites') {
      throw new ConflictError(`Programme ${programId} records observations, not sites`);
    }
    const today = new Date().toISOString().slice(0, 10);
    if (
      (program.starts_on && today < program.starts_on) ||
      (program.ends_on && today > program.ends_on)
    ) {
      throw new ConflictError(`Programme ${programId} is not open today`);
    }
    if (!program.covers_point) {
      throw new BadRequestError("The location is outside the programme's area", {
        errors: [{ field: 'location', message: "is outside the programme's area" }],
      });
    }
    return program;
  }

  async function typeOfProgram(siteTypeId: number, programId: number): Promise<TypeRow> {
    const type = await repository.findSiteType(siteTypeId);
    if (!type || type.program_id !== programId) {
      throw new BadRequestError(`Site type ${siteTypeId} is not a site type of this programme`, {
        errors: [{ field: 'siteTypeId', message: 'is not a site type of this programme' }],
      });
    }
    return type;
  }

  function uploads(meta: SiteInput['photos'], files: Files, user: CurrentUser): PhotoUpload[] {
    if (files.length > MAX_SITE_PHOTOS)
      throw new BadRequestError(`At most ${MAX_SITE_PHOTOS} photos at a time`);
    return files.map((file, i) => ({
      bytes: file.bytes,
      filename: file.filename,
      licence: meta?.[i]?.licence ?? config.photos.defaultLicence,
      author: meta?.[i]?.author ?? user.username,
    }));
  }

  async function checkPhotoChanges(
    link: 'site_media' | 'visit_media',
    ownerId: number,
    removing: string[],
    adding: number,
  ) {
    const existing = await repository.photoIds(link, ownerId);
    const unknown = removing.filter((m) => !existing.includes(m));
    if (unknown.length > 0) throw new BadRequestError(`Photo ${unknown[0]} is not a photo of this`);
    if (existing.length - new Set(removing).size + adding > MAX_SITE_PHOTOS) {
      throw new BadRequestError(`At most ${MAX_SITE_PHOTOS} photos`);
    }
  }

  function requireLogin(user: CurrentUser | null): CurrentUser {
    if (!user) throw new UnauthorizedError('You need to log in to record sites and visits');
    return user;
  }

  async function site(id: number) {
    const row = await repository.findSite(id);
    if (!row) throw new NotFoundError(`Site ${id} does not exist`);
    return row;
  }

  async function visitsOf(
    where: { siteId: number } | { visitIds: number[] },
    user: CurrentUser | null,
    lang: Locale,
  ): Promise<Visit[]> {
    const rows = await repository.visits(where);
    const ids = rows.map((v) => v.id);
    const [visitPhotos, observations] = await Promise.all([
      repository.photos('visit_media', ids),
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

  async function detail(id: number, user: CurrentUser | null, lang: Locale): Promise<SiteDetail> {
    const row = await site(id);
    if (!row.program_active && !isAdmin(user)) {
      throw new NotFoundError(`Site ${id} does not exist`);
    }
    const [sitePhotos, visits] = await Promise.all([
      repository.photos('site_media', [id]),
      visitsOf({ siteId: id }, user, lang),
    ]);
    const owned = { creatorId: row.creator_id };
    return {
      id: row.id,
      uuid: row.uuid,
      programId: row.program_id,
      name: row.name,
      type: { id: row.site_type_id, name: row.type_name, pictogramUrl: row.pictogram_url },
      location: JSON.parse(row.location) as PointGeometry,
      customData: (row.custom_data ?? {}) as Record<string, unknown>,
      creator: person(row.creator_username, row.creator_display_name),
      photos: (sitePhotos.get(id) ?? []).map(photoOf),
      visitCount: visits.length,
      lastVisitOn: visits.reduce<string | null>(
        (latest, v) => (latest === null || v.visitedOn > latest ? v.visitedOn : latest),
        null,
      ),
      visits,
      permissions: {
        edit: canEditSite(user, owned),
        delete: canDeleteSite(user, { ...owned, visitedByOthers: row.visited_by_others }),
        addVisit: canAddVisit(user, owned, { visitsBy: row.visits_by }),
      },
      createdAt: new Date(row.created_at).toISOString(),
      updatedAt: new Date(row.updated_at).toISOString(),
    };
  }

  async function listItems(rows: SiteSummaryRow[]): Promise<SiteListItem[]> {
    const covers = await repository.coverPhotos(rows.map((r) => r.id));
    return rows.map((r) => ({
      id: r.id,
      programId: r.program_id,
      name: r.name,
      type: { id: r.site_type_id, name: r.type_name, pictogramUrl: r.pictogram_url },
      location: { type: 'Point', coordinates: [round7(r.lon), round7(r.lat)] },
      creator: person(r.creator_username, r.creator_display_name),
      photo: covers.has(r.id) ? photoOf(covers.get(r.id)!) : null,
      visitCount: r.visit_count,
      lastVisitOn: r.last_visit_on,
      createdAt: new Date(r.created_at).toISOString(),
    }));
  }

  /** A programme whose sites the public may read. */
  async function readableProgram(programId: number, user: CurrentUser | null) {
    const program = await repository.programForSites(programId, null);
    if (!program || (!program.is_active && !isAdmin(user))) {
      throw new NotFoundError(`Programme ${programId} does not exist or is not active`);
    }
    return program;
  }

  async function typeForAdmin(programId: number, typeId: number) {
    const type = await repository.findSiteType(typeId);
    if (!type || type.program_id !== programId) {
      throw new NotFoundError(`Site type ${typeId} does not exist in programme ${programId}`);
    }
    return type;
  }

  async function programForAdmin(programId: number) {
    const program = await repository.programForSites(programId, null);
    if (!program) throw new NotFoundError(`Programme ${programId} does not exist`);
    return program;
  }

  /** The visit's observer's badges after visits (and their observations) changed. */
  async function badgesAfterVisits(
    programId: number,
    visitObservers: (number | null)[],
    observations: { observer_id: number | null; cd_nom: number }[],
    actor: CurrentUser,
  ) {
    const byUser = new Map<number, { visits: boolean; cdNoms: number[] }>();
    for (const id of visitObservers) {
      if (id !== null) byUser.set(id, { visits: true, cdNoms: [] });
    }
    for (const o of observations) {
      if (o.observer_id === null) continue;
      const entry = byUser.get(o.observer_id) ?? { visits: false, cdNoms: [] };
      entry.cdNoms.push(o.cd_nom);
      byUser.set(o.observer_id, entry);
    }
    return badges.afterSiteChange(
      programId,
      [...byUser].map(([userId, c]) => ({ userId, ...c })),
      actor.id,
    );
  }

  return {
    // Site types and settings.

    async protocol(programId: number, user: CurrentUser | null): Promise<SiteProtocol> {
      const program = await readableProgram(programId, user);
      const types = await repository.siteTypes(programId).execute();
      return {
        programId,
        kind: program.kind,
        visitsBy: program.visits_by,
        siteTypes: types.map(toSiteType),
      };
    },

    async createType(programId: number, given: SiteTypeInput): Promise<SiteType> {
      const input = {
        ...given,
        siteForm: given.siteForm && withFieldOrder(given.siteForm),
        visitForm: given.visitForm && withFieldOrder(given.visitForm),
      };
      await programForAdmin(programId);
      if (input.siteForm) checkProtocolForm(input.siteForm, 'siteForm');
      if (input.visitForm) checkProtocolForm(input.visitForm, 'visitForm');
      const id = await repository.transaction().execute(async (trx) => {
        const name = input.name.trim();
        const siteFormId = input.siteForm
          ? await repository.insertForm(
              trx,
              `${name}: site`,
              input.siteForm.jsonSchema,
              input.siteForm.uiSchema,
            )
          : null;
        const visitFormId = input.visitForm
          ? await repository.insertForm(
              trx,
              `${name}: visit`,
              input.visitForm.jsonSchema,
              input.visitForm.uiSchema,
            )
          : null;
        const { id } = await trx
          .insertInto('site_types')
          .values({
            program_id: programId,
            name,
            description: input.description?.trim() ?? '',
            pictogram_url: input.pictogramUrl ?? null,
            site_form_id: siteFormId,
            visit_form_id: visitFormId,
            position: input.position ?? 0,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        return id;
      });
      return toSiteType((await repository.findSiteType(id))!);
    },

    async updateType(programId: number, typeId: number, given: SiteTypePatch): Promise<SiteType> {
      const patch = {
        ...given,
        siteForm: given.siteForm && withFieldOrder(given.siteForm),
        visitForm: given.visitForm && withFieldOrder(given.visitForm),
      };
      const current = await typeForAdmin(programId, typeId);
      if (patch.siteForm) checkProtocolForm(patch.siteForm, 'siteForm');
      if (patch.visitForm) checkProtocolForm(patch.visitForm, 'visitForm');
      const name = patch.name?.trim() ?? current.name;
      await repository.transaction().execute(async (trx) => {
        const form = async (
          given: CustomForm | null | undefined,
          id: number | null,
          label: string,
        ): Promise<number | null> => {
          if (given === undefined) return id;
          if (given === null) return null;
          if (id !== null) {
            await repository.updateForm(trx, id, given.jsonSchema, given.uiSchema);
            return id;
          }
          return repository.insertForm(trx, `${name}: ${label}`, given.jsonSchema, given.uiSchema);
        };
        const siteFormId = await form(patch.siteForm, current.site_form_id, 'site');
        const visitFormId = await form(patch.visitForm, current.visit_form_id, 'visit');
        await trx
          .updateTable('site_types')
          .set({
            name,
            ...(patch.description !== undefined && { description: patch.description.trim() }),
            ...(patch.pictogramUrl !== undefined && { pictogram_url: patch.pictogramUrl }),
            ...(patch.position !== undefined && { position: patch.position }),
            site_form_id: siteFormId,
            visit_form_id: visitFormId,
            updated_at: new Date(),
          })
          .where('id', '=', typeId)
          .execute();
        await repository.deleteForms(trx, [
          siteFormId === null ? current.site_form_id : null,
          visitFormId === null ? current.visit_form_id : null,
        ]);
      });
      return toSiteType((await repository.findSiteType(typeId))!);
    },

    async deleteType(programId: number, typeId: number): Promise<void> {
      const current = await typeForAdmin(programId, typeId);
      const sites = await repository.countSitesOfType(typeId);
      if (sites > 0) {
        throw new ConflictError(
          `Site type ${typeId} has ${sites} site${sites > 1 ? 's' : ''}: it cannot be deleted`,
        );
      }
      await repository.transaction().execute(async (trx) => {
        await trx.deleteFrom('site_types').where('id', '=', typeId).execute();
        await repository.deleteForms(trx, [current.site_form_id, current.visit_form_id]);
      });
    },

    async settings(programId: number): Promise<SiteProtocolSettings> {
      const program = await programForAdmin(programId);
      return { visitsBy: program.visits_by };
    },

    async setSettings(
      programId: number,
      patch: Partial<SiteProtocolSettings>,
    ): Promise<SiteProtocolSettings> {
      await programForAdmin(programId);
      if (patch.visitsBy !== undefined) {
        await repository.db
          .updateTable('programs')
          .set({ visits_by: patch.visitsBy, updated_at: new Date() })
          .where('id', '=', programId)
          .execute();
      }
      return { visitsBy: (await programForAdmin(programId)).visits_by };
    },

    // Sites.

    async createSite(
      input: SiteInput,
      files: Files,
      current: CurrentUser | null,
      lang: Locale,
    ): Promise<SiteDetail> {
      const user = requireLogin(current);
      const point = checkPoint(input.location);
      const program = await openSiteProgram(input.programId, point);
      const type = await typeOfProgram(input.siteTypeId, program.id);
      const data = input.customData ?? {};
      validateAnswers(
        storedForm(type.site_form_id, type.site_json_schema, type.site_form_updated_at),
        data,
        'site',
      );
      const id = await photos.saveWith(
        uploads(input.photos, files, user),
        user.id,
        async (trx, mediaIds) => {
          const id = await repository.insertSite(trx, {
            program_id: program.id,
            site_type_id: type.id,
            name: input.name.trim(),
            point,
            custom_data: data,
            creator_id: user.id,
            // Named through the account only: gone with it (sites need a login).
            creator_name: null,
          });
          await repository.linkPhotos(trx, 'site_media', id, mediaIds);
          return id;
        },
      );
      return detail(id, user, lang);
    },

    getSite: detail,

    async updateSite(
      id: number,
      patch: SitePatch,
      files: Files,
      current: CurrentUser | null,
      lang: Locale,
    ): Promise<SiteDetail> {
      const user = requireLogin(current);
      const row = await site(id);
      if (!canEditSite(user, { creatorId: row.creator_id })) {
        throw new ForbiddenError('Only the creator of the site or an administrator may change it');
      }
      const point = patch.location ? checkPoint(patch.location) : null;
      if (point) await openSiteProgram(row.program_id, point);
      let type = await typeOfProgram(row.site_type_id, row.program_id);
      if (patch.siteTypeId !== undefined && patch.siteTypeId !== row.site_type_id) {
        if (row.visit_count > 0) {
          throw new ConflictError(
            'The type of a site cannot change once it has visits (they answered its visit form)',
          );
        }
        type = await typeOfProgram(patch.siteTypeId, row.program_id);
      }
      const typeChanged = type.id !== row.site_type_id;
      if (patch.customData !== undefined || typeChanged) {
        validateAnswers(
          storedForm(type.site_form_id, type.site_json_schema, type.site_form_updated_at),
          patch.customData ?? ((row.custom_data ?? {}) as Record<string, unknown>),
          'site',
        );
      }
      const removing = patch.deletePhotos ?? [];
      await checkPhotoChanges('site_media', id, removing, files.length);
      const removed = await photos.saveWith(
        uploads([], files, user),
        user.id,
        async (trx, mediaIds) => {
          await repository.updateSite(trx, id, {
            ...(patch.name !== undefined && { name: patch.name.trim() }),
            ...(typeChanged && { site_type_id: type.id }),
            ...(point && { point }),
            ...(patch.customData !== undefined && { custom_data: patch.customData }),
          });
          const keys = await repository.deleteMediaOf(trx, 'site_media', [id], removing);
          await repository.linkPhotos(trx, 'site_media', id, mediaIds);
          return keys;
        },
      );
      await photos.removeFiles(removed);
      return detail(id, user, lang);
    },

    async deleteSite(id: number, current: CurrentUser | null): Promise<void> {
      const user = requireLogin(current);
      const row = await site(id);
      if (
        !canDeleteSite(user, { creatorId: row.creator_id, visitedByOthers: row.visited_by_others })
      ) {
        throw new ForbiddenError(
          canEditSite(user, { creatorId: row.creator_id })
            ? 'Other observers have visited this site: ask an administrator to delete it'
            : 'Only the creator of the site or an administrator may delete it',
        );
      }
      const visits = await repository.visits({ siteId: id });
      const observations = await repository.visitObservationFacts(visits.map((v) => v.id));
      const keys = await repository.transaction().execute((trx) => repository.deleteSite(trx, id));
      await photos.removeFiles(keys);
      await badgesAfterVisits(
        row.program_id,
        visits.map((v) => v.observer_id),
        observations,
        user,
      );
    },

    async listSites(
      programId: number,
      query: SiteListQuery,
      user: CurrentUser | null,
    ): Promise<SiteList> {
      await readableProgram(programId, user);
      const filter: SiteFilter = {
        programId,
        ...(query.type !== undefined && { siteTypeId: query.type }),
        ...(query.visitedSince !== undefined && { visitedSince: query.visitedSince }),
      };
      const { rows, total } = await repository.listSites(filter, query.limit, query.offset);
      return { items: await listItems(rows), total };
    },

    async siteMap(
      programId: number,
      query: SiteMapQuery,
      user: CurrentUser | null,
    ): Promise<SiteFeatureCollection> {
      await readableProgram(programId, user);
      const rows = await repository.allSites({
        programId,
        ...(query.type !== undefined && { siteTypeId: query.type }),
        ...(query.visitedSince !== undefined && { visitedSince: query.visitedSince }),
      });
      const covers = await repository.coverPhotos(rows.map((r) => r.id));
      return {
        type: 'FeatureCollection',
        features: rows.map((r) => ({
          type: 'Feature',
          id: r.id,
          geometry: { type: 'Point', coordinates: [round7(r.lon), round7(r.lat)] },
          properties: {
            name: r.name,
            siteTypeId: r.site_type_id,
            siteTypeName: r.type_name,
            pictogramUrl: r.pictogram_url,
            visitCount: r.visit_count,
            lastVisitOn: r.last_visit_on,
            thumbUrl: covers.has(r.id) ? photoUrls(covers.get(r.id)!.id).thumbUrl : null,
          },
        })),
      };
    },

    async mySites(user: CurrentUser): Promise<MySites> {
      const { created, visited, visits } = await repository.sitesOf(user.id);
      return {
        created: await listItems(created),
        visited: await listItems(visited),
        visits: visits.map((v) => ({
          id: v.id,
          siteId: v.site_id,
          siteName: v.site_name,
          programId: v.program_id,
          visitedOn: v.visited_on,
          speciesCount: v.species_count,
        })),
      };
    },

    // Visits.

    async createVisit(
      siteId: number,
      input: VisitInput,
      files: Files,
      current: CurrentUser | null,
      lang: Locale,
    ): Promise<SavedVisit> {
      const user = requireLogin(current);
      const row = await site(siteId);
      await openSiteProgram(row.program_id, null);
      if (!canAddVisit(user, { creatorId: row.creator_id }, { visitsBy: row.visits_by })) {
        throw new ForbiddenError("Only the site's creator may add visits in this programme");
      }
      checkDate(input.visitedOn, 'visitedOn');
      const type = await typeOfProgram(row.site_type_id, row.program_id);
      const data = input.customData ?? {};
      validateAnswers(
        storedForm(type.visit_form_id, type.visit_json_schema, type.visit_form_updated_at),
        data,
        'visit',
      );
      const id = await photos.saveWith(
        uploads(input.photos, files, user),
        user.id,
        async (trx, mediaIds) => {
          const id = await repository.insertVisit(trx, {
            site_id: siteId,
            visited_on: input.visitedOn,
            visited_time: input.visitedTime ?? null,
            comment: input.comment?.trim() || null,
            custom_data: data,
            observer_id: user.id,
            observer_name: null,
          });
          await repository.linkPhotos(trx, 'visit_media', id, mediaIds);
          return id;
        },
      );
      const newBadges = await badgesAfterVisits(row.program_id, [user.id], [], user);
      const [visit] = await visitsOf({ visitIds: [id] }, user, lang);
      return { ...visit!, ...(newBadges && { newBadges }) };
    },

    async getVisit(id: number, user: CurrentUser | null, lang: Locale): Promise<Visit> {
      const row = await repository.findVisit(id);
      if (!row || (!row.program_active && !isAdmin(user))) {
        throw new NotFoundError(`Visit ${id} does not exist`);
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
      if (!row) throw new NotFoundError(`Visit ${id} does not exist`);
      if (!canEditVisit(user, { observerId: row.observer_id })) {
        throw new ForbiddenError(
          'Only the observer of the visit or an administrator may change it',
        );
      }
      if (patch.visitedOn !== undefined) checkDate(patch.visitedOn, 'visitedOn');
      if (patch.customData !== undefined) {
        validateAnswers(
          storedForm(row.visit_form_id, row.visit_json_schema, row.visit_form_updated_at),
          patch.customData,
          'visit',
        );
      }
      const removing = patch.deletePhotos ?? [];
      await checkPhotoChanges('visit_media', id, removing, files.length);
      const removed = await photos.saveWith(
        uploads([], files, user),
        user.id,
        async (trx, mediaIds) => {
          await repository.updateVisit(trx, id, {
            ...(patch.visitedOn !== undefined && { visited_on: patch.visitedOn }),
            ...(patch.visitedTime !== undefined && { visited_time: patch.visitedTime }),
            ...(patch.comment !== undefined && { comment: patch.comment?.trim() || null }),
            ...(patch.customData !== undefined && { custom_data: patch.customData }),
          });
          const keys = await repository.deleteMediaOf(trx, 'visit_media', [id], removing);
          await repository.linkPhotos(trx, 'visit_media', id, mediaIds);
          return keys;
        },
      );
      await photos.removeFiles(removed);
      const newBadges = await badgesAfterVisits(row.program_id, [row.observer_id], [], user);
      const [visit] = await visitsOf({ visitIds: [id] }, user, lang);
      return { ...visit!, ...(newBadges && { newBadges }) };
    },

    async deleteVisit(id: number, current: CurrentUser | null): Promise<void> {
      const user = requireLogin(current);
      const row = await repository.findVisit(id);
      if (!row) throw new NotFoundError(`Visit ${id} does not exist`);
      if (!canEditVisit(user, { observerId: row.observer_id })) {
        throw new ForbiddenError(
          'Only the observer of the visit or an administrator may delete it',
        );
      }
      const observations = await repository.visitObservationFacts([id]);
      const keys = await repository
        .transaction()
        .execute((trx) => repository.deleteVisitsContent(trx, [id]));
      await photos.removeFiles(keys);
      await badgesAfterVisits(row.program_id, [row.observer_id], observations, user);
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
      const bad = (message: string) =>
        new BadRequestError(`visitId ${message}`, { errors: [{ field: 'visitId', message }] });
      if (!visit) throw bad(`: visit ${visitId} does not exist`);
      if (visit.program_id !== programId) throw bad('is a visit of another programme');
      if (!user) throw new UnauthorizedError('You need to log in to add species to a visit');
      if (!canEditVisit(user, { observerId: visit.observer_id })) {
        throw new ForbiddenError("Only the visit's observer may add species to it");
      }
      if (observedOn !== visit.visited_on) {
        throw new BadRequestError(
          `An observation of a visit is dated from the visit (${visit.visited_on})`,
          {
            errors: [
              { field: 'observedOn', message: `must be the visit's date ${visit.visited_on}` },
            ],
          },
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

export type SitesService = ReturnType<typeof createSitesService>;
