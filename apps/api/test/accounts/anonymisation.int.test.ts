import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import exifr from 'exifr';
import sharp from 'sharp';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { SavedObservation } from '@citizen/shared';
import { createAccountsModule } from '../../src/auth/accounts.module.js';
import { seedDemo } from '../../src/demo/seed.js';
import { createMediaStore } from '../../src/media/media-store.js';
import { createPhotosService } from '../../src/media/photos.service.js';
import { testConfig } from '../app.js';
import { describeOnEngines } from '../engines.js';
import { jpegWithGps, multipart } from '../images.js';
import { accountsApp, bearer, createUser, login, PASSWORD } from './helpers.js';

/** What an erased account leaves behind holds nothing about the person; nor do old contacts. */
describeOnEngines('anonymisation of photos and contacts', (database) => {
  const mediaDir = mkdtempSync(path.join(os.tmpdir(), 'citizen-anonymise-'));
  let ctx: Awaited<ReturnType<typeof accountsApp>>;
  beforeAll(async () => {
    await seedDemo(database().db);
    ctx = await accountsApp(database(), { MEDIA_DIR: mediaDir });
  });
  afterAll(async () => {
    await ctx?.close();
    rmSync(mediaDir, { recursive: true, force: true });
  });

  const db = () => database().db;
  const record = async (extra: object, headers: Record<string, string> = {}) => {
    const body = multipart(
      {
        observation: JSON.stringify({
          programId: 1,
          cdNom: 4117,
          observedOn: '2026-05-03',
          location: { type: 'Point', coordinates: [4.853, 45.778] },
          ...extra,
        }),
      },
      [
        {
          field: 'photo',
          filename: 'IMG_Jeanne_Martin_garden.jpg',
          type: 'image/jpeg',
          bytes: await jpegWithGps(),
        },
      ],
    );
    const response = await ctx.app.inject({
      method: 'POST',
      url: '/api/observations',
      payload: body.payload,
      headers: { ...body.headers, ...headers },
    });
    expect(response.statusCode, response.body).toBe(201);
    return response.json<SavedObservation>();
  };

  it("clears an erased account's typed photo authors, file names and the originals' metadata", async () => {
    const user = await createUser(db());
    const token = (await login(ctx.app, user.username)).accessToken;
    const saved = await record(
      { photos: [{ licence: 'CC-BY-4.0', author: 'Jeanne Martin' }] },
      bearer(token),
    );
    const mediaId = saved.photos[0]!.id;
    const row = () =>
      db()
        .selectFrom('media')
        .select(['author', 'original_name', 'storage_key', 'byte_size'])
        .where('id', '=', mediaId)
        .executeTakeFirstOrThrow();
    const before = await row();
    expect(before).toMatchObject({
      author: 'Jeanne Martin',
      original_name: 'IMG_Jeanne_Martin_garden.jpg',
    });
    const original = path.join(mediaDir, before.storage_key, 'original.jpg');
    expect(await exifr.gps(readFileSync(original))).toMatchObject({ latitude: expect.any(Number) });

    const deleted = await ctx.app.inject({
      method: 'DELETE',
      url: '/api/auth/me',
      headers: bearer(token),
      payload: { password: PASSWORD, observations: 'anonymise' },
    });
    expect(deleted.statusCode, deleted.body).toBe(204);

    const after = await row();
    expect(after).toMatchObject({ author: null, original_name: null });
    const bytes = readFileSync(original);
    expect(after.byte_size).toBe(bytes.length);
    const meta = await sharp(bytes).metadata();
    expect([meta.format, meta.width, meta.height, meta.exif, meta.xmp]).toEqual([
      'jpeg',
      1200,
      900,
      undefined,
      undefined,
    ]);
    expect(await exifr.parse(bytes).catch(() => undefined)).toBeUndefined();
    // Still the observation's photo for everyone.
    const display = await ctx.app.inject({ method: 'GET', url: saved.photos[0]!.displayUrl });
    expect(display.statusCode).toBe(200);
  });

  it("forgets anonymous observers' contact e-mails after ANONYMOUS_EMAIL_RETENTION_DAYS", async () => {
    const old = await record({ contactEmail: 'old@example.net' });
    const recent = await record({ contactEmail: 'recent@example.net' });
    const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000);
    await db()
      .updateTable('observations')
      .set({ created_at: daysAgo(31) })
      .where('id', '=', old.id)
      .execute();
    await db()
      .updateTable('observations')
      .set({ created_at: daysAgo(29) })
      .where('id', '=', recent.id)
      .execute();

    // The hourly pruning of the accounts domain, with this retention.
    const config = testConfig({ MEDIA_DIR: mediaDir, ANONYMOUS_EMAIL_RETENTION_DAYS: '30' });
    const store = createMediaStore(mediaDir);
    const accounts = createAccountsModule(config, db(), {
      mediaStore: store,
      photos: createPhotosService(db(), store),
    });
    await accounts.prune();

    const emails = await db()
      .selectFrom('observations')
      .select(['id', 'contact_email'])
      .where('id', 'in', [old.id, recent.id])
      .execute();
    expect(Object.fromEntries(emails.map((e) => [e.id, e.contact_email]))).toEqual({
      [old.id]: null,
      [recent.id]: 'recent@example.net',
    });
  });
});
