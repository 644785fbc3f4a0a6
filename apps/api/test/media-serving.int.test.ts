import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { SavedObservation } from '@citizen/shared';
import { PRIVATE_MEDIA_CACHE, PUBLIC_MEDIA_CACHE } from '../src/media/media.routes.js';
import { accountsApp, bearer, createUser, login, type TestUser } from './accounts/helpers.js';
import { describeWithDemo } from './engines.js';
import { jpegWithGps, multipart } from './images.js';

/** Who gets a photo and how long it may be kept; what images are refused before decoding. */
describeWithDemo('serving and receiving images', (database) => {
  const mediaDir = mkdtempSync(path.join(os.tmpdir(), 'citizen-media-serving-'));
  let ctx: Awaited<ReturnType<typeof accountsApp>>;
  let observer: TestUser;
  let admin: TestUser;
  const tokens = new Map<number, string>();
  /** 10 000 × 10 000 pixels of one colour: a PNG of a few hundred KB, 100 million pixels. */
  let bomb: Buffer;

  beforeAll(async () => {
    ctx = await accountsApp(database(), { MEDIA_DIR: mediaDir });
    observer = await createUser(database().db);
    admin = await createUser(database().db, { role: 'admin' });
    for (const user of [observer, admin])
      tokens.set(user.id, (await login(ctx.app, user.username)).accessToken);
    bomb = await sharp({
      create: { width: 10_000, height: 10_000, channels: 3, background: '#3a6' },
    })
      .png()
      .toBuffer();
  });
  afterAll(async () => {
    await ctx?.close();
    rmSync(mediaDir, { recursive: true, force: true });
  });

  const as = (user: TestUser | null) => (user ? bearer(tokens.get(user.id)!) : {});
  const get = (url: string, user: TestUser | null = null) =>
    ctx.app.inject({ method: 'GET', url, headers: as(user) });
  const upload = (
    method: 'POST' | 'PUT',
    url: string,
    user: TestUser | null,
    file: { bytes: Buffer; filename: string; type?: string },
    fields: Record<string, string> = {},
  ) => {
    const { payload, headers } = multipart(fields, [
      { field: 'photo', type: file.type ?? 'image/png', ...file },
    ]);
    return ctx.app.inject({ method, url, payload, headers: { ...headers, ...as(user) } });
  };
  const observation = JSON.stringify({
    programId: 1,
    cdNom: 4117,
    observedOn: '2026-05-03',
    location: { type: 'Point', coordinates: [4.853, 45.778] },
  });

  it("serves a hidden observation's photos to its observer only, and never for caches to keep", async () => {
    const saved = await upload(
      'POST',
      '/api/observations',
      observer,
      { bytes: await jpegWithGps({ width: 400, height: 300 }), filename: 'bird.jpg' },
      { observation },
    );
    expect(saved.statusCode, saved.body).toBe(201);
    const [photo] = saved.json<SavedObservation>().photos;
    const seen = await get(photo!.displayUrl);
    expect(seen.statusCode).toBe(200);
    expect(seen.headers['cache-control']).toBe(PUBLIC_MEDIA_CACHE);

    await database()
      .db.updateTable('observations')
      .set({ hidden_at: new Date(), hidden_reason: 'Spam' })
      .where('id', '=', saved.json<SavedObservation>().id)
      .execute();
    for (const url of [photo!.displayUrl, photo!.thumbUrl]) {
      expect((await get(url)).statusCode, url).toBe(404);
      const own = await get(url, observer);
      expect(own.statusCode, url).toBe(200);
      expect(own.headers['cache-control'], url).toBe(PRIVATE_MEDIA_CACHE);
    }
    const original = await get(`/api/media/${photo!.id}/original`, observer);
    expect(original.headers['cache-control']).toBe(PRIVATE_MEDIA_CACHE);
  });

  it('refuses a 100-megapixel image at every entry point, naming the problem, before decoding it', async () => {
    expect(bomb.length).toBeLessThan(2_000_000);
    const file = { bytes: bomb, filename: 'huge.png' };
    const replies = {
      observation: await upload('POST', '/api/observations', observer, file, { observation }),
      metadata: await upload('POST', '/api/media/metadata', null, file),
      avatar: await upload('PUT', '/api/auth/me/avatar', observer, file),
      logo: await upload('PUT', '/api/admin/settings/logo', admin, file),
    };
    for (const [entry, reply] of Object.entries(replies)) {
      expect(reply.statusCode, `${entry}: ${reply.body}`).toBe(413);
      expect(reply.json(), entry).toMatchObject({
        code: 'image.tooManyPixels',
        params: { width: 10_000, height: 10_000, limit: 50 },
        message: expect.stringMatching(/10000 × 10000 pixels, more than the limit of 50 million/),
      });
    }
    const rows = await database()
      .db.selectFrom('media')
      .select('id')
      .where('width', '=', 10_000)
      .execute();
    expect(rows).toEqual([]);
  });

  it('takes avatars in JPEG, PNG and WebP only, by what the bytes are', async () => {
    const image = sharp({ create: { width: 64, height: 64, channels: 3, background: '#a36' } });
    for (const [format, bytes] of [
      ['GIF', await image.clone().gif().toBuffer()],
      ['TIFF', await image.clone().tiff().toBuffer()],
    ] as const) {
      // Named and typed as a PNG: the content decides.
      const reply = await upload('PUT', '/api/auth/me/avatar', observer, {
        bytes,
        filename: 'me.png',
      });
      expect(reply.statusCode, format).toBe(415);
      expect(reply.json(), format).toMatchObject({
        code: 'image.wrongFormat',
        params: { label: 'Avatar', found: format, formats: 'JPEG, PNG, WebP' },
      });
    }
    const webp = await upload('PUT', '/api/auth/me/avatar', observer, {
      bytes: await image.clone().webp().toBuffer(),
      filename: 'me.gif',
      type: 'image/gif',
    });
    expect(webp.statusCode, webp.body).toBe(200);
  });
});
