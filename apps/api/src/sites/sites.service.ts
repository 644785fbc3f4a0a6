import type {
  Locale,
  MySites,
  PointGeometry,
  SiteDetail,
  SiteFeatureCollection,
  SiteInput,
  SiteList,
  SiteListItem,
  SiteListQuery,
  SiteMapQuery,
  SitePatch,
} from '@citizen/shared';
import type { CurrentUser } from '../auth/current-user.js';
import { DomainError } from '../http/errors.js';
import type { RememberKey } from '../idempotency/idempotency.service.js';
import { photoUrls, type PhotosService } from '../media/photos.service.js';
import { isAdmin } from '../policies/roles.js';
import { validateAnswers } from './forms.js';
import { ownerPhotoWriter } from './owner-photos.js';
import type { SitePhotosRepository } from './site-photos.repository.js';
import type { SiteRules } from './site-rules.js';
import {
  checkPoint,
  person,
  photoOf,
  requireLogin,
  round7,
  storedForm,
  type Files,
} from './site-views.js';
import { canAddVisit, canDeleteSite, canEditSite } from './sites.policy.js';
import type { SiteFilter, SitesRepository, SiteSummaryRow } from './sites.repository.js';
import type { VisitsRepository } from './visits.repository.js';
import type { VisitsService } from './visits.service.js';

type Deps = {
  repository: SitesRepository;
  sitePhotos: SitePhotosRepository;
  visitRows: VisitsRepository;
  visits: VisitsService;
  photos: PhotosService;
  rules: SiteRules;
};

/** Sites of site programmes: places observers come back to, with their photos and visits. */
export function createSitesService({
  repository,
  sitePhotos,
  visitRows,
  visits,
  photos,
  rules,
}: Deps) {
  const sitePhotoWriter = ownerPhotoWriter('site_media', { photos, sitePhotos, rules });

  async function detail(id: number, user: CurrentUser | null, lang: Locale): Promise<SiteDetail> {
    const row = await rules.site(id);
    if (!row.program_active && !isAdmin(user)) {
      throw new DomainError('site.notFound', { id });
    }
    const [photoRows, siteVisits] = await Promise.all([
      sitePhotos.photos('site_media', [id]),
      visits.list({ siteId: id }, user, lang),
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
      photos: (photoRows.get(id) ?? []).map(photoOf),
      visitCount: siteVisits.length,
      lastVisitOn: siteVisits.reduce<string | null>(
        (latest, v) => (latest === null || v.visitedOn > latest ? v.visitedOn : latest),
        null,
      ),
      visits: siteVisits,
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
    const covers = await sitePhotos.coverPhotos(rows.map((r) => r.id));
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

  return {
    async createSite(
      input: SiteInput,
      files: Files,
      current: CurrentUser | null,
      lang: Locale,
      rememberKey?: RememberKey,
    ): Promise<SiteDetail> {
      const user = requireLogin(current);
      const point = checkPoint(input.location);
      const program = await rules.openSiteProgram(input.programId, point);
      const type = await rules.typeOfProgram(input.siteTypeId, program.id);
      const data = input.customData ?? {};
      validateAnswers(
        storedForm(type.site_form_id, type.site_json_schema, type.site_form_updated_at),
        data,
        'site',
      );
      const id = await sitePhotoWriter.create(
        input.photos,
        files,
        user,
        (trx) =>
          repository.insertSite(trx, {
            program_id: program.id,
            site_type_id: type.id,
            name: input.name.trim(),
            point,
            custom_data: data,
            creator_id: user.id,
            // Named through the account only: gone with it (sites need a login).
            creator_name: null,
          }),
        rememberKey,
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
      const row = await rules.site(id);
      if (!canEditSite(user, { creatorId: row.creator_id })) {
        throw new DomainError('site.notYours');
      }
      const point = patch.location ? checkPoint(patch.location) : null;
      if (point) await rules.openSiteProgram(row.program_id, point);
      let type = await rules.typeOfProgram(row.site_type_id, row.program_id);
      if (patch.siteTypeId !== undefined && patch.siteTypeId !== row.site_type_id) {
        if (row.visit_count > 0) {
          throw new DomainError('site.typeLocked', {}, { field: 'siteTypeId' });
        }
        type = await rules.typeOfProgram(patch.siteTypeId, row.program_id);
      }
      const typeChanged = type.id !== row.site_type_id;
      if (patch.customData !== undefined || typeChanged) {
        validateAnswers(
          storedForm(type.site_form_id, type.site_json_schema, type.site_form_updated_at),
          patch.customData ?? ((row.custom_data ?? {}) as Record<string, unknown>),
          'site',
        );
      }
      await sitePhotoWriter.update(id, patch.deletePhotos ?? [], files, user, (trx) =>
        repository.updateSite(trx, id, {
          ...(patch.name !== undefined && { name: patch.name.trim() }),
          ...(typeChanged && { site_type_id: type.id }),
          ...(point && { point }),
          ...(patch.customData !== undefined && { custom_data: patch.customData }),
        }),
      );
      return detail(id, user, lang);
    },

    async deleteSite(id: number, current: CurrentUser | null): Promise<void> {
      const user = requireLogin(current);
      const row = await rules.site(id);
      if (
        !canDeleteSite(user, { creatorId: row.creator_id, visitedByOthers: row.visited_by_others })
      ) {
        throw new DomainError(
          canEditSite(user, { creatorId: row.creator_id })
            ? 'site.visitedByOthers'
            : 'site.notYoursToDelete',
        );
      }
      const visits = await visitRows.visits({ siteId: id });
      const observations = await visitRows.visitObservationFacts(visits.map((v) => v.id));
      const keys = await repository.transaction().execute((trx) => repository.deleteSite(trx, id));
      await photos.removeFiles(keys);
      await rules.badgesAfterVisits(
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
      await rules.readableProgram(programId, user);
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
      await rules.readableProgram(programId, user);
      const rows = await repository.allSites({
        programId,
        ...(query.type !== undefined && { siteTypeId: query.type }),
        ...(query.visitedSince !== undefined && { visitedSince: query.visitedSince }),
      });
      const covers = await sitePhotos.coverPhotos(rows.map((r) => r.id));
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
  };
}

export type SitesService = ReturnType<typeof createSitesService>;
