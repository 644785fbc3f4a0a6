import type { CurrentUser } from '../auth/current-user.js';
import type { BadgesService } from '../badges/badges.service.js';
import type { Config } from '../config/config.js';
import { DomainError } from '../http/errors.js';
import type { PhotoUpload } from '../media/photos.service.js';
import { isAdmin } from '../policies/roles.js';
import type { SiteInput } from '@citizen/shared';
import type { SitePhotosRepository } from './site-photos.repository.js';
import type { SiteTypeRow, SiteTypesRepository } from './site-types.repository.js';
import type { Files } from './site-views.js';
import type { SitesRepository } from './sites.repository.js';

export const MAX_SITE_PHOTOS = 5;

type Deps = {
  siteTypes: SiteTypesRepository;
  sites: SitesRepository;
  sitePhotos: SitePhotosRepository;
  config: Config;
  badges: BadgesService;
};

/** The checks sites and visits share: open programmes, known types and sites, photo limits. */
export function createSiteRules({ siteTypes, sites, sitePhotos, config, badges }: Deps) {
  /** A programme that takes sites and visits today (and whose area covers `point`). */
  async function openSiteProgram(programId: number, point: number[] | null) {
    const program = await siteTypes.programForSites(programId, point);
    if (!program || !program.is_active) {
      throw new DomainError('program.notActive', { id: programId });
    }
    if (program.kind !== 'sites') {
      throw new DomainError('site.notSiteProgram', { id: programId });
    }
    const today = new Date().toISOString().slice(0, 10);
    if (
      (program.starts_on && today < program.starts_on) ||
      (program.ends_on && today > program.ends_on)
    ) {
      throw new DomainError('site.programClosed', { id: programId });
    }
    if (!program.covers_point) {
      throw new DomainError('location.outsideArea', {}, { field: 'location' });
    }
    return program;
  }

  async function typeOfProgram(siteTypeId: number, programId: number): Promise<SiteTypeRow> {
    const type = await siteTypes.findSiteType(siteTypeId);
    if (!type || type.program_id !== programId) {
      throw new DomainError('site.unknownType', { id: siteTypeId }, { field: 'siteTypeId' });
    }
    return type;
  }

  function uploads(meta: SiteInput['photos'], files: Files, user: CurrentUser): PhotoUpload[] {
    if (files.length > MAX_SITE_PHOTOS)
      throw new DomainError('site.tooManyPhotos', { max: MAX_SITE_PHOTOS });
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
    const existing = await sitePhotos.photoIds(link, ownerId);
    const unknown = removing.filter((m) => !existing.includes(m));
    if (unknown.length > 0) throw new DomainError('site.unknownPhoto', { id: unknown[0]! });
    if (existing.length - new Set(removing).size + adding > MAX_SITE_PHOTOS) {
      throw new DomainError('site.tooManyPhotos', { max: MAX_SITE_PHOTOS });
    }
  }

  async function site(id: number) {
    const row = await sites.findSite(id);
    if (!row) throw new DomainError('site.notFound', { id });
    return row;
  }

  /** A programme whose sites the public may read. */
  async function readableProgram(programId: number, user: CurrentUser | null) {
    const program = await siteTypes.programForSites(programId, null);
    if (!program || (!program.is_active && !isAdmin(user))) {
      throw new DomainError('program.notActive', { id: programId });
    }
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
    openSiteProgram,
    typeOfProgram,
    uploads,
    checkPhotoChanges,
    site,
    readableProgram,
    badgesAfterVisits,
  };
}

export type SiteRules = ReturnType<typeof createSiteRules>;
