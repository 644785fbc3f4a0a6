import type { CustomForm, Photo, PointGeometry, SiteType } from '@citizen/shared';
import type { CurrentUser } from '../auth/current-user.js';
import { DomainError } from '../http/errors.js';
import { photoUrls } from '../media/photos.service.js';
import { latestAllowedDate } from '../observations/write.service.js';
import { isValidator } from '../policies/roles.js';
import { safeObserverName } from '../users/public-name.js';
import type { StoredForm } from './forms.js';
import type { PhotoRow } from './site-photos.repository.js';
import type { SiteTypeRow } from './site-types.repository.js';
import type { ObservationViewer } from './visits.repository.js';

/** What the site, visit and site type services share: input checks and how rows are shown. */

export type Files = { bytes: Buffer; filename: string }[];

export const round7 = (n: number) => Math.round(n * 1e7) / 1e7;

export const photoOf = (row: PhotoRow): Photo => ({
  id: row.id,
  ...photoUrls(row.id),
  width: row.width,
  height: row.height,
  licence: row.licence,
  author: safeObserverName(row.author),
});

export const person = (username: string | null, displayName: string | null) =>
  username ? { username, displayName: safeObserverName(displayName) } : null;

const formOf = (jsonSchema: unknown, uiSchema: unknown): CustomForm | null =>
  jsonSchema === null || jsonSchema === undefined
    ? null
    : {
        jsonSchema: jsonSchema as Record<string, unknown>,
        uiSchema: (uiSchema ?? {}) as Record<string, unknown>,
      };

export function toSiteType(row: SiteTypeRow): SiteType {
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

export const storedForm = (
  id: number | null,
  jsonSchema: unknown,
  updatedAt: Date | string | null,
): StoredForm => (id === null ? null : { id, jsonSchema, updatedAt: updatedAt ?? new Date(0) });

export function observationViewer(user: CurrentUser | null): ObservationViewer {
  if (!user) return { kind: 'public' };
  return isValidator(user) ? { kind: 'expert' } : { kind: 'owner', userId: user.id };
}

export function checkPoint(location: PointGeometry): number[] {
  const [lon, lat] = location.coordinates as [number, number];
  if (!(Math.abs(lon) <= 180 && Math.abs(lat) <= 90)) {
    throw new DomainError('location.invalid', {}, { field: 'location' });
  }
  return [lon, lat];
}

export function checkDate(date: string, field: string) {
  if (date > latestAllowedDate()) {
    throw new DomainError('visit.dateInFuture', { date }, { field });
  }
}

export function requireLogin(user: CurrentUser | null): CurrentUser {
  if (!user) throw new DomainError('site.loginRequired');
  return user;
}
