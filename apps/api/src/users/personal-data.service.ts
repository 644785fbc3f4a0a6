import { existsSync } from 'node:fs';
import { sql, type Kysely } from 'kysely';
import yazl from 'yazl';
import type { DeleteAccountRequest, DeletionChoice, Locale } from '@citizen/shared';
import type { AuditLog } from '../audit/audit.js';
import type { RequestContext } from '../auth/accounts.service.js';
import type { Sessions } from '../auth/sessions.js';
import type { Config } from '../config/config.js';
import type { DB } from '../db/schema.js';
import { BadRequestError, UnauthorizedError } from '../http/errors.js';
import type { Mailer } from '../mail/mailer.js';
import { renderMail } from '../mail/templates.js';
import type { MediaStore } from '../media/media-store.js';
import type { PhotosService } from '../media/photos.service.js';
import { verifyPassword } from '../users/passwords.js';
import { avatarUrl, toMe } from './account-view.js';
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
  db: Kysely<DB>;
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
  const { db, config, users, sessions, audit, mailer, mediaStore, photos } = deps;
  const absolute = (path: string) => `${config.publicUrl}${path}`;
  const sources: PersonalDataSource[] = [];

  async function observationsOf(userId: number): Promise<ExportedObservation[]> {
    const rows = await db
      .selectFrom('observations as o')
      .innerJoin('programs as p', 'p.id', 'o.program_id')
      .innerJoin('taxa as t', 't.cd_nom', 'o.cd_nom')
      .select([
        'o.id',
        'o.program_id',
        'p.title as program_title',
        'o.cd_nom',
        't.scientific_name',
        'o.observed_on',
        'o.observed_time',
        'o.count',
        'o.comment',
        sql<number>`ST_X(o.geom)`.as('longitude'),
        sql<number>`ST_Y(o.geom)`.as('latitude'),
        'o.coordinate_uncertainty_m',
        'o.municipality',
        'o.observer_name',
        'o.validation_status',
        'o.custom_data',
        'o.created_at',
        'o.updated_at',
      ])
      .where('o.observer_id', '=', userId)
      .orderBy('o.observed_on')
      .orderBy('o.id')
      .execute();
    const media = rows.length
      ? await db
          .selectFrom('observation_media as om')
          .innerJoin('media as m', 'm.id', 'om.media_id')
          .select([
            'om.observation_id',
            'm.id',
            'm.licence',
            'm.author',
            'm.storage_key',
            'm.variants',
          ])
          .where(
            'om.observation_id',
            'in',
            rows.map((r) => r.id),
          )
          .orderBy('om.position')
          .execute()
      : [];
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
    if (!account) throw new UnauthorizedError('This account no longer exists');
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
      const result = await db
        .updateTable('observations')
        .set({ contact_email: null })
        .where('observer_id', 'is', null)
        .where('contact_email', 'is not', null)
        .where('created_at', '<', sql<Date>`now() - make_interval(days => ${retentionDays})`)
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
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
        const [variant, extension] = photo.originalVariant.split('.');
        const file = mediaStore.fileOf(photo.storageKey, variant as 'original', extension ?? 'jpg');
        if (existsSync(file)) zip.addFile(file, photo.file);
      }
      if (account.avatar_key) {
        const file = mediaStore.fileOf(account.avatar_key, 'display', 'webp');
        if (existsSync(file)) zip.addFile(file, 'avatar.webp');
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
      if (!account) throw new UnauthorizedError('This account no longer exists');
      if (
        !account.password_hash ||
        !(await verifyPassword(account.password_hash, input.password))
      ) {
        throw new BadRequestError('The password is wrong', {
          errors: [{ field: 'password', message: 'is wrong' }],
        });
      }
      const choice: DeletionChoice = input.observations ?? config.accounts.deletionDefault;
      const goodbye = renderMail('accountDeleted', account.locale as Locale, {
        siteName: config.siteName,
        username: account.username,
        observations: choice,
      });

      // Originals that outlive the account lose their metadata first (GPS position, camera): if
      // the deletion then fails or the process dies, the user asks again and nothing is lost.
      const kept = await db
        .selectFrom('media as m')
        .select('m.id')
        .where('m.uploaded_by', '=', userId)
        .$if(choice === 'delete', (q) =>
          q.where(({ not, exists, selectFrom }) =>
            not(
              exists(
                selectFrom('observation_media as om')
                  .innerJoin('observations as o', 'o.id', 'om.observation_id')
                  .select('om.media_id')
                  .whereRef('om.media_id', '=', 'm.id')
                  .where('o.observer_id', '=', userId),
              ),
            ),
          ),
        )
        .execute();
      const strippedSizes = await photos.stripOriginals(kept.map((m) => m.id));

      const removedKeys = await db.transaction().execute(async (trx) => {
        for (const [id, size] of strippedSizes) {
          await trx.updateTable('media').set({ byte_size: size }).where('id', '=', id).execute();
        }
        // What the user typed about their photos: the author's name, the file's name.
        await trx
          .updateTable('media')
          .set({ author: null, original_name: null })
          .where('uploaded_by', '=', userId)
          .execute();
        const ownObservations = trx
          .selectFrom('observations')
          .select('id')
          .where('observer_id', '=', userId);
        let keys: string[] = [];
        let count: number;
        if (choice === 'delete') {
          // Photos of these observations that no other observation uses go with them.
          const doomed = await trx
            .selectFrom('media as m')
            .select(['m.id', 'm.storage_key'])
            .where('m.id', 'in', (eb) =>
              eb
                .selectFrom('observation_media')
                .select('media_id')
                .where('observation_id', 'in', ownObservations),
            )
            .where(({ not, exists, selectFrom }) =>
              not(
                exists(
                  selectFrom('observation_media as other')
                    .innerJoin('observations as oo', 'oo.id', 'other.observation_id')
                    .select('other.media_id')
                    .whereRef('other.media_id', '=', 'm.id')
                    .where((eb) =>
                      eb.or([eb('oo.observer_id', 'is', null), eb('oo.observer_id', '!=', userId)]),
                    ),
                ),
              ),
            )
            .execute();
          const deleted = await trx
            .deleteFrom('observations')
            .where('observer_id', '=', userId)
            .executeTakeFirst();
          count = Number(deleted.numDeletedRows);
          if (doomed.length > 0) {
            await trx
              .deleteFrom('media')
              .where(
                'id',
                'in',
                doomed.map((m) => m.id),
              )
              .execute();
          }
          keys = doomed.map((m) => m.storage_key);
        } else {
          const updated = await trx
            .updateTable('observations')
            .set({
              observer_id: null,
              observer_name: null,
              contact_email: null,
              updated_at: new Date(),
            })
            .where('observer_id', '=', userId)
            .executeTakeFirst();
          count = Number(updated.numUpdatedRows);
        }
        for (const source of sources) keys.push(...(await source.erase(trx, userId, choice)));
        await trx.deleteFrom('users').where('id', '=', userId).execute();
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
