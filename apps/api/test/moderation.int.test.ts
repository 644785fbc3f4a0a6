import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type {
  AuditList,
  ModerationList,
  ModerationObservation,
  ObservationDetail,
  ObservationList,
  SavedObservation,
  ValidationState,
} from '@citizen/shared';
import type { AuditLog } from '../src/audit/audit-log.repository.js';
import { createMediaStore } from '../src/media/media-store.js';
import { createPhotosService } from '../src/media/photos.service.js';
import { createModerationRepository } from '../src/moderation/moderation.repository.js';
import { createObservationWriteRepository } from '../src/observations/write.repository.js';
import { createModerationService } from '../src/moderation/moderation.service.js';
import { accountsApp, bearer, createUser, login, type TestUser } from './accounts/helpers.js';
import { describeWithDemo } from './engines.js';
import { jpegWithGps, multipart } from './images.js';

/** Administrators hide or delete an observation or one photo, each with a reason kept. */
describeWithDemo('moderation of observations and photos', (database) => {
  const mediaDir = mkdtempSync(path.join(os.tmpdir(), 'citizen-moderation-'));
  let ctx: Awaited<ReturnType<typeof accountsApp>>;
  let observer: TestUser;
  let validator: TestUser;
  let admin: TestUser;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    ctx = await accountsApp(database(), { MEDIA_DIR: mediaDir });
    observer = await createUser(database().db);
    validator = await createUser(database().db, { role: 'validator' });
    admin = await createUser(database().db, { role: 'admin' });
    for (const user of [observer, validator, admin])
      tokens[user.username] = (await login(ctx.app, user.username)).accessToken;
  });
  afterAll(async () => {
    await ctx?.close();
    rmSync(mediaDir, { recursive: true, force: true });
  });

  const as = (user: TestUser | null) => (user ? bearer(tokens[user.username]!) : {});
  const get = <T>(url: string, user: TestUser | null = null) =>
    ctx.app.inject({ method: 'GET', url, headers: as(user) }).then((r) => ({
      status: r.statusCode,
      body:
        r.statusCode < 300 && String(r.headers['content-type']).startsWith('application/json')
          ? r.json<T>()
          : (undefined as T),
      headers: r.headers,
    }));
  /** Folders of stored photos (two levels: prefix/id), the staging and trash folders aside. */
  const storedPhotos = () =>
    readdirSync(mediaDir)
      .filter((d) => !d.startsWith('.'))
      .flatMap((d) => readdirSync(path.join(mediaDir, d)));

  async function observationWithPhotos(count: number): Promise<SavedObservation> {
    const { payload, headers } = multipart(
      {
        observation: JSON.stringify({
          programId: 1,
          cdNom: 4117,
          observedOn: '2026-05-03',
          location: { type: 'Point', coordinates: [4.853, 45.778] },
        }),
      },
      await Promise.all(
        Array.from({ length: count }, async (_, i) => ({
          field: 'photo',
          filename: `bird-${i}.jpg`,
          type: 'image/jpeg',
          bytes: await jpegWithGps({ width: 400 + i, height: 300 }),
        })),
      ),
    );
    const response = await ctx.app.inject({
      method: 'POST',
      url: '/api/observations',
      payload,
      headers: { ...headers, ...as(observer) },
    });
    expect(response.statusCode, response.body).toBe(201);
    return response.json<SavedObservation>();
  }

  const audit = async (event: string) =>
    (await get<AuditList>(`/api/admin/audit?event=${event}&limit=10`, admin)).body.items;

  it('hides one photo with a reason: out of every public list, served only to experts, audited', async () => {
    const saved = await observationWithPhotos(2);
    const [hiddenPhoto, keptPhoto] = saved.photos;
    const hide = await ctx.app.inject({
      method: 'POST',
      url: `/api/admin/observations/${saved.id}/photos/${hiddenPhoto!.id}/hide`,
      headers: as(admin),
      payload: { reason: 'A person can be recognised' },
    });
    expect(hide.statusCode, hide.body).toBe(200);
    const moderated = hide.json<ModerationObservation>();
    expect(moderated.photos.map((p) => [p.id, p.hidden, p.hiddenReason])).toEqual([
      [hiddenPhoto!.id, true, 'A person can be recognised'],
      [keptPhoto!.id, false, null],
    ]);

    // Not listed: the observation page, the programme's list and gallery.
    const detail = await get<ObservationDetail>(`/api/observations/${saved.id}?lang=en`);
    expect(detail.body.photos.map((p) => p.id)).toEqual([keptPhoto!.id]);
    const list = await get<ObservationList>('/api/observations?program=1&hasPhoto=true&limit=200');
    const listed = list.body.items.find((o) => o.id === saved.id);
    expect(listed?.photos.map((p) => p.id)).toEqual([keptPhoto!.id]);

    // Not served to the public nor another observer; its observer and experts still get it, uncached.
    const url = `/api/media/${hiddenPhoto!.id}/display`;
    expect((await get(url)).status).toBe(404);
    expect((await get(`/api/media/${hiddenPhoto!.id}/thumb`)).status).toBe(404);
    const other = await createUser(database().db);
    tokens[other.username] = (await login(ctx.app, other.username)).accessToken;
    expect((await get(url, other)).status).toBe(404);
    for (const user of [observer, validator, admin]) {
      const seen = await get(url, user);
      expect(seen.status).toBe(200);
      expect(seen.headers['cache-control']).toBe('private, no-store');
    }
    expect((await get(`/api/media/${keptPhoto!.id}/display`)).status).toBe(200);

    // The moderators' list has it, with its reason; the audit log too.
    const hidden = await get<ModerationList>(
      '/api/admin/moderation/observations?state=hidden',
      admin,
    );
    expect(hidden.body.items.map((o) => o.id)).toContain(saved.id);
    expect((await audit('photo_hidden'))[0]).toMatchObject({
      event: 'photo_hidden',
      userId: observer.id,
      username: observer.username,
      actorId: admin.id,
      actorName: admin.username,
      details: {
        observationId: saved.id,
        mediaId: hiddenPhoto!.id,
        reason: 'A person can be recognised',
      },
    });

    // Shown again.
    const unhide = await ctx.app.inject({
      method: 'POST',
      url: `/api/admin/observations/${saved.id}/photos/${hiddenPhoto!.id}/unhide`,
      headers: as(admin),
      payload: { reason: 'Blurred by the observer' },
    });
    expect(unhide.statusCode).toBe(200);
    expect((await get(url)).status).toBe(200);
    const again = await get<ObservationDetail>(`/api/observations/${saved.id}?lang=en`);
    expect(again.body.photos).toHaveLength(2);
    expect((await audit('photo_unhidden'))[0]?.details).toMatchObject({
      mediaId: hiddenPhoto!.id,
      reason: 'Blurred by the observer',
    });
  });

  it('deletes one photo: its row and files go together, the reason is in the history and the audit log', async () => {
    const saved = await observationWithPhotos(2);
    const [gone, kept] = saved.photos;
    expect(storedPhotos()).toEqual(expect.arrayContaining([gone!.id, kept!.id]));

    const noReason = await ctx.app.inject({
      method: 'DELETE',
      url: `/api/admin/observations/${saved.id}/photos/${gone!.id}`,
      headers: as(admin),
      payload: { reason: '   ' },
    });
    expect(noReason.statusCode).toBe(400);
    const otherObservation = await observationWithPhotos(0);
    const notItsPhoto = await ctx.app.inject({
      method: 'DELETE',
      url: `/api/admin/observations/${otherObservation.id}/photos/${gone!.id}`,
      headers: as(admin),
      payload: { reason: 'Copyright' },
    });
    expect(notItsPhoto.statusCode).toBe(404);
    expect(storedPhotos()).toContain(gone!.id);

    const deleted = await ctx.app.inject({
      method: 'DELETE',
      url: `/api/admin/observations/${saved.id}/photos/${gone!.id}`,
      headers: as(admin),
      payload: { reason: 'Copyright: taken from a book' },
    });
    expect(deleted.statusCode, deleted.body).toBe(200);
    expect(deleted.json<ModerationObservation>().photos.map((p) => p.id)).toEqual([kept!.id]);
    expect(storedPhotos()).not.toContain(gone!.id);
    expect(storedPhotos()).toContain(kept!.id);
    expect(
      existsSync(path.join(mediaDir, '.trash')) ? readdirSync(path.join(mediaDir, '.trash')) : [],
    ).toEqual([]);
    const row = await database()
      .db.selectFrom('media')
      .select('id')
      .where('id', '=', gone!.id)
      .executeTakeFirst();
    expect(row).toBeUndefined();
    expect((await get(`/api/media/${gone!.id}/display`, admin)).status).toBe(404);

    const history = await get<ValidationState>(
      `/api/observations/${saved.id}/validation`,
      observer,
    );
    expect(history.body.history.at(-1)).toMatchObject({
      kind: 'photo_removed',
      reason: 'Copyright: taken from a book',
    });
    expect((await audit('photo_deleted'))[0]).toMatchObject({
      userId: observer.id,
      actorId: admin.id,
      details: {
        observationId: saved.id,
        mediaId: gone!.id,
        reason: 'Copyright: taken from a book',
      },
    });
  });

  it('keeps the files when the deletion does not commit', async () => {
    const saved = await observationWithPhotos(1);
    const [photo] = saved.photos;
    // The audit record is the last write of the transaction: make it fail.
    const moderation = createModerationService({
      repository: createModerationRepository(database().db),
      observations: createObservationWriteRepository(database().db),
      photos: createPhotosService(database().db, createMediaStore(mediaDir)),
      audit: {
        record: async () => {
          throw new Error('audit log unavailable');
        },
      } as unknown as AuditLog,
    });
    await expect(
      moderation.deletePhoto(
        { user: { id: admin.id, role: 'admin' } as never, ip: '127.0.0.1' },
        saved.id,
        photo!.id,
        'Spam',
      ),
    ).rejects.toThrow(/audit log unavailable/);
    expect(storedPhotos()).toContain(photo!.id);
    expect((await get(`/api/media/${photo!.id}/display`)).status).toBe(200);
  });

  it('deletes an observation with its photos; what it was and why stay in the audit log', async () => {
    const saved = await observationWithPhotos(1);
    const refused = await ctx.app.inject({
      method: 'DELETE',
      url: `/api/admin/observations/${saved.id}`,
      headers: as(validator),
      payload: { reason: 'Spam' },
    });
    expect(refused.statusCode).toBe(403);
    const noReason = await ctx.app.inject({
      method: 'DELETE',
      url: `/api/admin/observations/${saved.id}`,
      headers: as(admin),
      payload: {},
    });
    expect(noReason.statusCode).toBe(400);

    const deleted = await ctx.app.inject({
      method: 'DELETE',
      url: `/api/admin/observations/${saved.id}`,
      headers: as(admin),
      payload: { reason: 'Spam: the same photo in ten observations' },
    });
    expect(deleted.statusCode, deleted.body).toBe(204);
    expect((await get(`/api/observations/${saved.id}?lang=en`)).status).toBe(404);
    expect(storedPhotos()).not.toContain(saved.photos[0]!.id);
    expect((await audit('observation_deleted'))[0]).toMatchObject({
      userId: observer.id,
      actorId: admin.id,
      details: {
        observationId: saved.id,
        reason: 'Spam: the same photo in ten observations',
        programId: 1,
        cdNom: 4117,
        observedOn: '2026-05-03',
        photos: 1,
      },
    });
    const again = await ctx.app.inject({
      method: 'DELETE',
      url: `/api/admin/observations/${saved.id}`,
      headers: as(admin),
      payload: { reason: 'Spam' },
    });
    expect(again.statusCode).toBe(404);
  });

  it('lists observations for moderators: newest first, by observer, with photos, hidden ones', async () => {
    const saved = await observationWithPhotos(1);
    const recent = await get<ModerationList>('/api/admin/moderation/observations?limit=5', admin);
    expect(recent.status).toBe(200);
    expect(recent.body.items[0]).toMatchObject({
      id: saved.id,
      observer: { id: observer.id, username: observer.username },
      scientificName: expect.any(String),
      hidden: false,
      photos: [{ id: saved.photos[0]!.id, hidden: false }],
    });
    const mine = await get<ModerationList>(
      `/api/admin/moderation/observations?observer=${observer.id}&hasPhoto=false&limit=100`,
      admin,
    );
    expect(
      mine.body.items.every((o) => o.observer?.id === observer.id && o.photos.length === 0),
    ).toBe(true);
    expect(mine.body.total).toBe(mine.body.items.length);

    const hide = await ctx.app.inject({
      method: 'POST',
      url: `/api/admin/observations/${saved.id}/hide`,
      headers: as(admin),
      payload: { reason: 'Off-topic' },
    });
    expect(hide.statusCode).toBe(200);
    const hidden = await get<ModerationList>(
      '/api/admin/moderation/observations?state=hidden',
      admin,
    );
    expect(hidden.body.items[0]).toMatchObject({
      id: saved.id,
      hidden: true,
      hiddenReason: 'Off-topic',
    });
    for (const user of [null, observer, validator]) {
      const refused = await get('/api/admin/moderation/observations', user);
      expect(refused.status).toBe(user ? 403 : 401);
    }
  });
});
