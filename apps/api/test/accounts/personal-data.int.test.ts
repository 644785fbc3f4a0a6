import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import sharp from 'sharp';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { AdminUserList, AuditList, Me, PublicProfile } from '@citizen/shared';
import { createAccountsModule } from '../../src/auth/accounts.module.js';
import { createMediaStore } from '../../src/media/media-store.js';
import { createPhotosService } from '../../src/media/photos.service.js';
import type { App } from '../../src/http/types.js';
import { listZip, openZipEntry } from '../../src/taxonomy/zip.js';
import { testConfig } from '../app.js';
import { describeWithDemo } from '../engines.js';
import { jpegWithGps, multipart } from '../images.js';
import type { SmtpSink } from '../smtp-sink.js';
import { accountsApp, bearer, createUser, login, PASSWORD, type TestUser } from './helpers.js';

describeWithDemo('profile, personal data export, account deletion, administration', (database) => {
  let app: App;
  let sink: SmtpSink;
  let close: () => Promise<void>;
  const mediaDir = testConfig().mediaDir;
  beforeAll(async () => {
    ({ app, sink, close } = await accountsApp(database(), {
      ACCOUNT_DELETION_DEFAULT: 'anonymise',
    }));
  });
  afterAll(() => close?.());

  const db = () => database().db;

  /** A user with two observations, the first with a photo. */
  async function observer(): Promise<{ user: TestUser; token: string; ids: string[] }> {
    const user = await createUser(db());
    const token = (await login(app, user.username)).accessToken!;
    const { rows } = await sql<{ cd_nom: number; lon: number; lat: number }>`
      select cd_nom, ST_X(geom) as lon, ST_Y(geom) as lat from observations
      where program_id = 1 order by id limit 1`.execute(db());
    const sample = rows[0]!;
    const ids: string[] = [];
    for (const comment of ['First, with a photo', 'Second, "quoted", with a comma']) {
      const body = multipart(
        {
          observation: JSON.stringify({
            programId: 1,
            cdNom: sample.cd_nom,
            observedOn: '2025-06-01',
            location: { type: 'Point', coordinates: [sample.lon, sample.lat] },
            comment,
          }),
        },
        ids.length === 0
          ? [
              {
                field: 'photo',
                filename: 'bird.jpg',
                type: 'image/jpeg',
                bytes: await jpegWithGps(),
              },
            ]
          : [],
      );
      const response = await app.inject({
        method: 'POST',
        url: '/api/observations',
        payload: body.payload,
        headers: { ...body.headers, ...bearer(token) },
      });
      expect(response.statusCode).toBe(201);
      ids.push(response.json<{ id: string }>().id);
    }
    return { user, token, ids };
  }

  it('updates the profile and the avatar (a 256 px WebP); the public profile has no e-mail', async () => {
    const { user, token } = await observer();
    const patched = await app.inject({
      method: 'PATCH',
      url: '/api/auth/me',
      headers: bearer(token),
      payload: { displayName: 'Camille M.', locale: 'de', notifications: true },
    });
    expect(patched.json<Me>()).toMatchObject({
      displayName: 'Camille M.',
      locale: 'de',
      notifications: true,
    });

    const upload = multipart({}, [
      {
        field: 'file',
        filename: 'me.jpg',
        type: 'image/jpeg',
        bytes: await jpegWithGps({ width: 1600, height: 900 }),
      },
    ]);
    const avatar = await app.inject({
      method: 'PUT',
      url: '/api/auth/me/avatar',
      payload: upload.payload,
      headers: { ...upload.headers, ...bearer(token) },
    });
    expect(avatar.statusCode).toBe(200);
    const avatarUrl = avatar.json<Me>().avatarUrl!;
    expect(avatarUrl).toMatch(new RegExp(`^/api/users/${user.username}/avatar\\?v=[0-9a-f]{16}$`));
    const image = await app.inject({ method: 'GET', url: avatarUrl });
    expect(image.statusCode).toBe(200);
    expect(image.headers['content-type']).toBe('image/webp');
    const meta = await sharp(image.rawPayload).metadata();
    expect([meta.format, meta.width, meta.height, meta.exif]).toEqual([
      'webp',
      256,
      256,
      undefined,
    ]);

    const notImage = multipart({}, [
      { field: 'file', filename: 'x.jpg', type: 'image/jpeg', bytes: Buffer.from('not an image') },
    ]);
    const refused = await app.inject({
      method: 'PUT',
      url: '/api/auth/me/avatar',
      payload: notImage.payload,
      headers: { ...notImage.headers, ...bearer(token) },
    });
    expect(refused.statusCode).toBe(415);

    const profile = await app.inject({ method: 'GET', url: `/api/users/${user.username}` });
    expect(profile.statusCode).toBe(200);
    expect(profile.json<PublicProfile>()).toEqual({
      username: user.username,
      displayName: 'Camille M.',
      role: 'observer',
      avatarUrl,
      memberSince: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      observationCount: 2,
    });
    expect(profile.body).not.toContain('@');

    const removed = await app.inject({
      method: 'DELETE',
      url: '/api/auth/me/avatar',
      headers: bearer(token),
    });
    expect(removed.statusCode).toBe(204);
    expect((await app.inject({ method: 'GET', url: avatarUrl })).statusCode).toBe(404);
  });

  it('exports everything about me as JSON, CSV and a ZIP with my original photos', async () => {
    const { user, token, ids } = await observer();
    const json = await app.inject({
      method: 'GET',
      url: '/api/auth/me/export',
      headers: bearer(token),
    });
    expect(json.statusCode).toBe(200);
    expect(json.headers['content-disposition']).toMatch(/attachment; filename="citizen-.*\.json"/);
    const data = json.json();
    expect(data.account).toMatchObject({ username: user.username, email: user.email });
    expect(data.observations.map((o: { id: string }) => o.id).sort()).toEqual([...ids].sort());
    const photo = data.observations.find((o: { id: string }) => o.id === ids[0]).photos[0];
    expect(photo.originalUrl).toMatch(
      /^http:\/\/localhost:3000\/api\/media\/[0-9a-f-]{36}\/original$/,
    );
    expect(data.sessions.length).toBeGreaterThan(0);
    expect(data.securityEvents.map((e: { event: string }) => e.event)).toContain('login_succeeded');
    expect(json.body).not.toMatch(/argon2|password_hash|token/i);

    const csv = await app.inject({
      method: 'GET',
      url: '/api/auth/me/export?format=csv',
      headers: bearer(token),
    });
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toMatch(/^id,programId,programTitle,cdNom,scientificName,observedOn/);
    expect(lines).toHaveLength(3);
    expect(csv.body).toContain('"Second, ""quoted"", with a comma"');

    const zip = await app.inject({
      method: 'GET',
      url: '/api/auth/me/export?format=zip',
      headers: bearer(token),
    });
    expect(zip.headers['content-type']).toBe('application/zip');
    const dir = mkdtempSync(path.join(os.tmpdir(), 'citizen-export-'));
    writeFileSync(path.join(dir, 'export.zip'), zip.rawPayload);
    const entries = await listZip(path.join(dir, 'export.zip'));
    const names = entries.map((e) => e.name).sort();
    expect(names).toEqual(['my-data.json', 'observations.csv', `photos/${photo.id}.jpg`]);
    const original = entries.find((e) => e.name.startsWith('photos/'))!;
    const chunks: Buffer[] = [];
    for await (const c of await openZipEntry(path.join(dir, 'export.zip'), original)) {
      chunks.push(c as Buffer);
    }
    expect((await sharp(Buffer.concat(chunks)).metadata()).format).toBe('jpeg');
  });

  it('deletes an account and anonymises its observations by default; sessions end; a mail says so', async () => {
    const { user, token, ids } = await observer();
    const wrong = await app.inject({
      method: 'DELETE',
      url: '/api/auth/me',
      headers: bearer(token),
      payload: { password: 'not my password' },
    });
    expect(wrong.statusCode).toBe(400);
    const deleted = await app.inject({
      method: 'DELETE',
      url: '/api/auth/me',
      headers: bearer(token),
      payload: { password: PASSWORD },
    });
    expect(deleted.statusCode).toBe(204);
    const { rows } = await sql<{ observer_id: number | null; observer_name: string | null }>`
      select observer_id, observer_name from observations where id in (${sql.join(ids)})`.execute(
      db(),
    );
    expect(rows).toEqual([
      { observer_id: null, observer_name: null },
      { observer_id: null, observer_name: null },
    ]);
    const authors = await sql<{ author: string | null }>`
      select m.author from media m join observation_media om on om.media_id = m.id
      where om.observation_id = ${ids[0]}`.execute(db());
    expect(authors.rows).toEqual([{ author: null }]);
    expect(
      (await app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(token) })).statusCode,
    ).toBe(401);
    expect(
      (await app.inject({ method: 'GET', url: `/api/users/${user.username}` })).statusCode,
    ).toBe(404);
    await sink.waitForMail(user.email, /Your account was deleted/);
    const audit = await sql<{ user_id: number | null; details: { observations: string } }>`
      select user_id, details from audit_log where event = 'account_deleted'
      and (details->>'formerUserId')::bigint = ${user.id}`.execute(db());
    expect(audit.rows).toEqual([
      { user_id: null, details: { formerUserId: user.id, observations: 'anonymise', count: 2 } },
    ]);
  });

  it('deletes an account with its observations and their photo files when asked', async () => {
    const { user, token, ids } = await observer();
    const keys = await sql<{ storage_key: string }>`
      select m.storage_key from media m join observation_media om on om.media_id = m.id
      where om.observation_id = ${ids[0]}`.execute(db());
    const folder = path.join(mediaDir, keys.rows[0]!.storage_key);
    expect(readdirSync(folder).sort()).toEqual(['display.jpg', 'original.jpg', 'thumb.webp']);

    const deleted = await app.inject({
      method: 'DELETE',
      url: '/api/auth/me',
      headers: bearer(token),
      payload: { password: PASSWORD, observations: 'delete' },
    });
    expect(deleted.statusCode).toBe(204);
    const left = await sql`select 1 from observations where id in (${sql.join(ids)})`.execute(db());
    expect(left.rows).toHaveLength(0);
    const media =
      await sql`select 1 from media where storage_key = ${keys.rows[0]!.storage_key}`.execute(db());
    expect(media.rows).toHaveLength(0);
    expect(existsSync(folder)).toBe(false);
    const gone = await sql`select 1 from users where id = ${user.id}`.execute(db());
    expect(gone.rows).toHaveLength(0);
  });

  it('lets admins search accounts and grant roles; the change applies at once; it is audited', async () => {
    const admin = await createUser(db(), { role: 'admin', username: 'chief-admin' });
    const adminToken = (await login(app, admin.username)).accessToken!;
    const { user, token } = await observer();

    const found = await app.inject({
      method: 'GET',
      url: `/api/admin/users?q=${user.username.toUpperCase()}`,
      headers: bearer(adminToken),
    });
    const list = found.json<AdminUserList>();
    expect(list.total).toBe(1);
    expect(list.items[0]).toMatchObject({ id: user.id, email: user.email, role: 'observer' });
    expect(found.body).not.toMatch(/argon2|password/);

    const before = await app.inject({
      method: 'POST',
      url: '/api/validation/bulk',
      headers: bearer(token),
      payload: { ids: ['00000000-0000-4000-8000-000000000000'], status: 'certain' },
    });
    expect(before.statusCode).toBe(403);
    const granted = await app.inject({
      method: 'PATCH',
      url: `/api/admin/users/${user.id}`,
      headers: bearer(adminToken),
      payload: { role: 'validator' },
    });
    expect(granted.json()).toMatchObject({ role: 'validator' });
    // The same access token now carries the new role: roles are read at each request.
    const after = await app.inject({
      method: 'POST',
      url: '/api/validation/bulk',
      headers: bearer(token),
      payload: { ids: ['00000000-0000-4000-8000-000000000000'], status: 'certain' },
    });
    expect(after.statusCode).toBe(200);

    const audit = await app.inject({
      method: 'GET',
      url: `/api/admin/audit?userId=${user.id}&event=role_changed`,
      headers: bearer(adminToken),
    });
    expect(audit.json<AuditList>().items).toEqual([
      expect.objectContaining({
        event: 'role_changed',
        userId: user.id,
        username: user.username,
        actorId: admin.id,
        details: { from: 'observer', to: 'validator' },
      }),
    ]);
  });

  it("includes other domains' data (personal data sources) in the export and the erasure", async () => {
    const config = testConfig();
    const mediaStore = createMediaStore(config.mediaDir);
    const accounts = createAccountsModule(config, db(), {
      mediaStore,
      photos: createPhotosService(db(), mediaStore),
    });
    const erased: string[] = [];
    accounts.personalData.addSource({
      name: 'visits',
      export: async (userId) => [{ site: 'Pond', userId }],
      erase: async (_trx, userId, choice) => {
        erased.push(`${userId}:${choice}`);
        return [];
      },
    });
    const user = await createUser(db());
    const data = (await accounts.personalData.exportJson(user.id, '127.0.0.1')) as unknown as {
      visits: unknown;
    };
    expect(data.visits).toEqual([{ site: 'Pond', userId: user.id }]);
    await accounts.personalData.deleteAccount(
      user.id,
      { password: PASSWORD, observations: 'delete' },
      { ip: '127.0.0.1', userAgent: null },
    );
    expect(erased).toEqual([`${user.id}:delete`]);
  });
});
