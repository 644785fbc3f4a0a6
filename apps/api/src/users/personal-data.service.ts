import type { Kysely } from 'kysely';
import yazl from 'yazl';
import type { DeleteAccountRequest, DeletionChoice, Locale } from '@citizen/shared';
import type { AuditLog } from '../audit/audit-log.repository.js';
import type { RequestContext } from '../auth/accounts.service.js';
import type { Sessions } from '../auth/sessions.js';
import type { Config } from '../config/config.js';
import type { DB } from '../db/schema.js';
import { DomainError } from '../http/errors.js';
import type { Mailer } from '../mail/mailer.js';
import { renderMail } from '../mail/templates.js';
import type { MediaStore } from '../media/media-store.js';
import type { PhotosService } from '../media/photos.service.js';
import { verifyPassword } from '../users/passwords.js';
import { avatarUrl, toMe } from './account-view.js';
import type { PersonalDataRepository } from './personal-data.repository.js';
import type { UsersRepository } from './users.repository.js';

type ExportedPhoto = {
  id: string;
  displayUrl: string;
  originalUrl: string;
  licence: string | null;
  author: string | null;
  /** Where the original is inside the ZIP export. */
  file: string | null;
  storageKey: string;
  originalVariant: string | null;
};

type ExportedObservation = {
  id: string;
  programId: number;
  programTitle: string;
  cdNom: number;
  scientificName: string;
  observedOn: string;
  observedTime: string | null;
  count: number;
  comment: string | null;
  longitude: number;
  latitude: number;
  coordinateUncertaintyM: number | null;
  municipality: string | null;
  observerName: string | null;
  validationStatus: string;
  customData: unknown;
  createdAt: string;
  updatedAt: string;
  photos: ExportedPhoto[];
};

const CSV_COLUMNS = [
  'id',
  'programId',
  'programTitle',
  'cdNom',
  'scientificName',
  'observedOn',
  'observedTime',
  'count',
  'comment',
  'longitude',
  'latitude',
  'coordinateUncertaintyM',
  'municipality',
  'validationStatus',
  'customData',
  'createdAt',
  'updatedAt',
  'photoUrls',
] as const;

function csvCell(value: unknown): string {
  const text =
    value === null || value === undefined
      ? ''
      : typeof value === 'object'
        ? JSON.stringify(value)
        : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function observationsCsv(observations: ExportedObservation[]): string {
  const rows = observations.map((o) =>
    CSV_COLUMNS.map((column) =>
      csvCell(column === 'photoUrls' ? o.photos.map((p) => p.originalUrl).join(' ') : o[column]),
    ).join(','),
  );
  // A byte-order mark so that spreadsheet programs read the UTF-8 correctly.
  return `\uFEFF${[CSV_COLUMNS.join(','), ...rows].join('\r\n')}\r\n`;
}

/**
 * Personal data another domain keeps about a user (e.g. site visits, badges): it adds itself with
 * `personalData.addSource(...)` so that the export includes it and account deletion erases it.
 */
export type PersonalDataSource = {
  /** The key of its part in the JSON export. */
  name: string;
  export(userId: number): Promise<unknown>;
  /**
   * Called inside the deletion's transaction, before the user row goes: anonymise or delete the
   * user's data as chosen; returns the media storage keys whose files to remove afterwards.
   */
  erase(trx: Kysely<DB>, userId: number, choice: DeletionChoice): Promise<string[]>;
};

type Deps = {
  repository: PersonalDataRepository;
  config: Config;
  users: UsersRepository;
  sessions: Sessions;
  audit: AuditLog;
  mailer: Mailer;
  mediaStore: MediaStore;
  photos: PhotosService;
};

/** The RGPD rights: a copy of everything about me, and erasure with a choice for my observations. */
export function createPersonalDataService(deps: Deps) {
  const { repository, config, users, sessions, audit, mailer, mediaStore, photos } = deps;

  /**
   * Adds a stored file to the ZIP, a missing one left out. It is opened again when the ZIP gets
   * to it: hundreds of photos are not held open (files or connections) at once.
   */
  async function addStoredFile(zip: yazl.ZipFile, key: string, name: string, as: string) {
    const found = await mediaStore.open(key, name);
    if (!found) return;
    found.stream.destroy();
    zip.addReadStreamLazy(as, (done) => {
      mediaStore.open(key, name).then(
        (file) =>
          file ? done(null, file.stream) : done(new Error(`${key}/${name} is gone`), null!),
        (error: Error) => done(error, null!),
      );
    });
  }
  const absolute = (path: string) => `${config.publicUrl}${path}`;
  const sources: PersonalDataSource[] = [];

  async function observationsOf(userId: number): Promise<ExportedObservation[]> {
    const rows = await repository.observationsOf(userId);
    const media = await repository.photosOf(rows.map((r) => r.id));
    return rows.map((row) => ({
      id: row.id,
      programId: row.program_id,
      programTitle: row.program_title,
      cdNom: row.cd_nom,
      scientificName: row.scientific_name,
      observedOn: row.observed_on,
      observedTime: row.observed_time,
      count: row.count,
      comment: row.comment,
      longitude: row.longitude,
      latitude: row.latitude,
      coordinateUncertaintyM: row.coordinate_uncertainty_m,
      municipality: row.municipality,
      observerName: row.observer_name,
      validationStatus: row.validation_status,
      customData: row.custom_data,
      createdAt: new Date(row.created_at).toISOString(),
      updatedAt: new Date(row.updated_at).toISOString(),
      photos: media
        .filter((m) => m.observation_id === row.id)
        .map((m) => {
          const original = m.variants.find((v) => v.startsWith('original')) ?? null;
          const extension = original?.split('.')[1] ?? 'jpg';
          return {
            id: m.id,
            displayUrl: absolute(`/api/media/${m.id}/display`),
            originalUrl: absolute(`/api/media/${m.id}/original`),
            licence: m.licence,
            author: m.author,
            file: original ? `photos/${m.id}.${extension}` : null,
            storageKey: m.storage_key,
            originalVariant: original,
          };
        }),
    }));
  }

  async function collect(userId: number) {
    const account = await users.findById(userId);
    if (!account) throw new DomainError('auth.accountGone');
    const [observations, sessionRows, events] = await Promise.all([
      observationsOf(userId),
      sessions.listForUser(userId),
      audit.forUser(userId),
    ]);
    const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);
    const document = {
      exportedAt: new Date().toISOString(),
      site: { name: config.siteName, url: config.publicUrl },
      account: {
        ...toMe(account),
        avatarUrl: avatarUrl(account) ? absolute(avatarUrl(account)!) : null,
        active: account.is_active,
        emailConfirmedAt: iso(account.email_confirmed_at),
        termsAcceptedAt: iso(account.terms_accepted_at),
        lastLoginAt: iso(account.last_login_at),
      },
      sessions: sessionRows.map((s) => ({
        createdAt: iso(s.created_at),
        lastUsedAt: iso(s.last_used_at),
        transport: s.transport,
        userAgent: s.user_agent,
        revokedAt: iso(s.revoked_at),
      })),
      observations: observations.map((o) => ({
        ...o,
        photos: o.photos.map(({ storageKey: _k, originalVariant: _v, ...photo }) => photo),
      })),
      securityEvents: events.map((e) => ({ at: iso(e.at), event: e.event, ip: e.ip })),
      ...Object.fromEntries(
        await Promise.all(sources.map(async (s) => [s.name, await s.export(userId)] as const)),
      ),
    };
    return { account, observations, document };
  }

  return {
    /**
     * Forgets the contact e-mails anonymous observers left with their observations once older
     * than `retentionDays` (run with the hourly pruning, ANONYMOUS_EMAIL_RETENTION_DAYS).
     */
    async forgetAnonymousContacts(retentionDays: number): Promise<number> {
      return repository.forgetAnonymousContacts(retentionDays);
    },

    addSource(source: PersonalDataSource) {
      sources.push(source);
    },

    async exportJson(userId: number, ip: string) {
      const { document } = await collect(userId);
      await audit.record({
        event: 'personal_data_exported',
        userId,
        ip,
        details: { format: 'json' },
      });
      return document;
    },

    async exportCsv(userId: number, ip: string) {
      const { observations } = await collect(userId);
      await audit.record({
        event: 'personal_data_exported',
        userId,
        ip,
        details: { format: 'csv' },
      });
      return observationsCsv(observations);
    },

    /** A ZIP: everything as JSON, the observations as CSV, the original photos and the avatar. */
    async exportZip(userId: number, ip: string): Promise<NodeJS.ReadableStream> {
      const { account, observations, document } = await collect(userId);
      const zip = new yazl.ZipFile();
      zip.addBuffer(Buffer.from(JSON.stringify(document, null, 2)), 'my-data.json');
      zip.addBuffer(Buffer.from(observationsCsv(observations)), 'observations.csv');
      for (const photo of observations.flatMap((o) => o.photos)) {
        if (!photo.file || !photo.originalVariant) continue;
        await addStoredFile(zip, photo.storageKey, photo.originalVariant, photo.file);
      }
      if (account.avatar_key) {
        await addStoredFile(zip, account.avatar_key, 'display.webp', 'avatar.webp');
      }
      zip.end();
      await audit.record({
        event: 'personal_data_exported',
        userId,
        ip,
        details: { format: 'zip' },
      });
      return zip.outputStream;
    },

    /**
     * Erases the account after checking its password. Observations are anonymised (kept; observer,
     * observer name and contact removed) or deleted with their photos, as the user chooses (else
     * the instance's default). Photos that stay lose their author, file name and the metadata of
     * their original.
     */
    async deleteAccount(userId: number, input: DeleteAccountRequest, ctx: RequestContext) {
      const account = await users.findById(userId);
      if (!account) throw new DomainError('auth.accountGone');
      if (
        !account.password_hash ||
        !(await verifyPassword(account.password_hash, input.password))
      ) {
        throw new DomainError('account.wrongPassword', {}, { field: 'password' });
      }
      const choice: DeletionChoice = input.observations ?? config.accounts.deletionDefault;
      const goodbye = renderMail('accountDeleted', account.locale as Locale, {
        siteName: config.siteName,
        username: account.username,
        observations: choice,
      });

      // Originals that outlive the account lose their metadata first (GPS position, camera): if
      // the deletion then fails or the process dies, the user asks again and nothing is lost.
      const kept = await repository.photosKeptAfterErasure(userId, choice);
      const strippedSizes = await photos.stripOriginals(kept);

      const removedKeys = await repository.transaction().execute(async (trx) => {
        await repository.setPhotoSizes(trx, strippedSizes);
        await repository.clearPhotoAuthorship(trx, userId);
        let keys: string[] = [];
        let count: number;
        if (choice === 'delete') {
          ({ count, keys } = await repository.deleteObservationsOf(trx, userId));
        } else {
          count = await repository.anonymiseObservationsOf(trx, userId);
        }
        for (const source of sources) keys.push(...(await source.erase(trx, userId, choice)));
        await repository.deleteUser(trx, userId);
        await mailer.enqueue(trx, { to: account.email, ...goodbye });
        await audit.record(
          {
            event: 'account_deleted',
            ip: ctx.ip,
            details: { formerUserId: userId, observations: choice, count },
          },
          trx,
        );
        return account.avatar_key ? [...keys, account.avatar_key] : keys;
      });
      mailer.nudge();
      // The rows are gone; now the files (the media domain's job for photos).
      await photos.removeFiles(removedKeys);
      return { observations: choice };
    },
  };
}

export type PersonalDataService = ReturnType<typeof createPersonalDataService>;
