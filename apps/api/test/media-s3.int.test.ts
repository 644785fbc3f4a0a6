import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import sharp from 'sharp';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { SavedObservation } from '@citizen/shared';
import { testConfig } from './app.js';
import { accountsApp, bearer, createUser, login, type TestUser } from './accounts/helpers.js';
import { describeWithDemo } from './engines.js';
import { jpegWithGps, multipart } from './images.js';
import { startS3Server, type S3Server } from './s3-server.js';
import { copyMediaStore } from '../src/media/media-copy.js';
import { createMediaRepository } from '../src/media/media.repository.js';
import { createMediaStore } from '../src/media/media-store.js';
import { sweepMediaLeftovers } from '../src/media/media-sweep.js';
import { PRIVATE_MEDIA_CACHE } from '../src/media/media.routes.js';
import { createS3Client, createS3MediaStore } from '../src/media/s3-media-store.js';
import type { MediaStore } from '../src/media/media-store.js';

/** Photos kept on an S3-compatible server: the same guarantees as on disk, private stays private. */
describeWithDemo('photos on S3-compatible storage', (database) => {
  let s3: S3Server;
  let store: MediaStore;
  let objects: () => Promise<string[]>;
  let proxied: Awaited<ReturnType<typeof accountsApp>>;
  let redirecting: Awaited<ReturnType<typeof accountsApp>>;
  let observer: TestUser;
  let token: string;

  beforeAll(async () => {
    s3 = await startS3Server();
    const config = testConfig(s3.env);
    if (config.media.kind !== 's3') throw new Error('not on S3');
    store = createS3MediaStore(config.media);
    const client = createS3Client(config.media);
    objects = async () =>
      ((await client.send(new ListObjectsV2Command({ Bucket: s3.bucket }))).Contents ?? [])
        .map((o) => o.Key!)
        .sort();
    proxied = await accountsApp(database(), s3.env);
    redirecting = await accountsApp(database(), { ...s3.env, S3_DELIVERY: 'redirect' });
    observer = await createUser(database().db);
    token = (await login(proxied.app, observer.username)).accessToken;
  });
  afterAll(async () => {
    await proxied?.close();
    await redirecting?.close();
    await s3?.close();
  });

  const observation = JSON.stringify({
    programId: 1,
    cdNom: 4117,
    observedOn: '2026-05-03',
    location: { type: 'Point', coordinates: [4.853, 45.778] },
  });
  async function record(bytes: Buffer) {
    const { payload, headers } = multipart({ observation }, [
      { field: 'photo', filename: 'bird.jpg', type: 'image/jpeg', bytes },
    ]);
    const saved = await proxied.app.inject({
      method: 'POST',
      url: '/api/observations',
      payload,
      headers: { ...headers, ...bearer(token) },
    });
    expect(saved.statusCode, saved.body).toBe(201);
    return saved.json<SavedObservation>();
  }

  it('publishes a photo in the bucket once saved, serves it through the API, and removes it with its observation', async () => {
    const upload = await jpegWithGps({ width: 2400, height: 1800 });
    const saved = await record(upload);
    const photo = saved.photos[0]!;
    const key = `${photo.id.slice(0, 2)}/${photo.id}`;
    expect((await objects()).filter((k) => k.startsWith(key))).toEqual([
      `${key}/display.webp`,
      `${key}/original.jpg`,
      `${key}/thumb.webp`,
    ]);
    expect((await objects()).filter((k) => k.startsWith('.staging/'))).toEqual([]);

    const display = await proxied.app.inject({ method: 'GET', url: photo.displayUrl });
    expect(display.statusCode).toBe(200);
    expect(display.headers['content-type']).toBe('image/webp');
    const meta = await sharp(display.rawPayload).metadata();
    expect([meta.width, meta.height, meta.exif]).toEqual([1600, 1200, undefined]);
    const original = await proxied.app.inject({
      method: 'GET',
      url: `/api/media/${photo.id}/original`,
      headers: bearer(token),
    });
    expect(original.rawPayload.equals(upload)).toBe(true);
    expect(original.headers['cache-control']).toBe(PRIVATE_MEDIA_CACHE);

    const deleted = await proxied.app.inject({
      method: 'DELETE',
      url: `/api/observations/${saved.id}`,
      headers: bearer(token),
    });
    expect(deleted.statusCode, deleted.body).toBe(204);
    expect((await objects()).filter((k) => k.startsWith(key))).toEqual([]);
    expect((await proxied.app.inject({ method: 'GET', url: photo.displayUrl })).statusCode).toBe(
      404,
    );
  });

  it('redirects to short-lived signed URLs only after the access check, private ones never to be kept', async () => {
    const saved = await record(await jpegWithGps({ width: 800, height: 600 }));
    const photo = saved.photos[0]!;
    const display = await redirecting.app.inject({ method: 'GET', url: photo.displayUrl });
    expect(display.statusCode).toBe(302);
    expect(display.headers['cache-control']).toBe(PRIVATE_MEDIA_CACHE);
    const signed = new URL(display.headers.location as string);
    expect(signed.origin).toBe(s3.endpoint);
    expect(signed.searchParams.get('X-Amz-Expires')).toBe('60');
    const fetched = await fetch(signed);
    expect(fetched.status).toBe(200);
    // Small enough: the upload itself, without its GPS position.
    expect(fetched.headers.get('content-type')).toBe('image/jpeg');
    expect((await sharp(Buffer.from(await fetched.arrayBuffer())).metadata()).exif).toBeUndefined();

    const originalUrl = `/api/media/${photo.id}/original`;
    expect((await redirecting.app.inject({ method: 'GET', url: originalUrl })).statusCode).toBe(
      404,
    );
    const mine = await redirecting.app.inject({
      method: 'GET',
      url: originalUrl,
      headers: bearer(token),
    });
    expect(mine.statusCode).toBe(302);
    const original = await fetch(mine.headers.location as string);
    expect(original.status).toBe(200);
    expect(original.headers.get('cache-control')).toBe(PRIVATE_MEDIA_CACHE);
    // Signed for the one file and the short while only.
    const url = new URL(mine.headers.location as string);
    expect(url.pathname).toBe(`/${s3.bucket}/${photo.id.slice(0, 2)}/${photo.id}/original.jpg`);
    expect(url.searchParams.get('X-Amz-Signature')).toMatch(/^[0-9a-f]{64}$/);
  });

  it('sweeps the bucket by prefix: finishes a publication a crash interrupted, removes orphans', async () => {
    const saved = await record(await jpegWithGps({ width: 300, height: 200 }));
    const key = store.keyFor(saved.photos[0]!.id);
    // As a crash between the commit and the publication leaves it: the row, the files staged.
    const files = Object.fromEntries(
      await Promise.all(
        (await store.files(key)).map(async (name) => [name, (await store.read(key, name))!]),
      ),
    );
    await store.remove(key);
    await store.stage(key, files);
    const orphan = store.keyFor('ab000000-0000-4000-8000-000000000000');
    await store.replace(orphan, 'thumb.webp', Buffer.from('left behind'));
    const abandoned = await store.stage(store.keyFor('cd000000-0000-4000-8000-000000000000'), {
      'thumb.webp': Buffer.from('never committed'),
    });

    const later = new Date(Date.now() + 2 * 3_600_000);
    const report = await sweepMediaLeftovers(createMediaRepository(database().db), store, {
      now: later,
    });
    expect(report).toMatchObject({ published: 1, discarded: 1, orphans: 1 });
    expect((await store.files(key)).sort()).toEqual(Object.keys(files).sort());
    expect(await store.files(orphan)).toEqual([]);
    expect((await objects()).filter((k) => k.startsWith(abandoned.dir))).toEqual([]);
  });

  it('copies a disk store to the bucket (media-to-s3), again without copying twice', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'citizen-copy-'));
    try {
      const disk = createMediaStore(dir);
      const key = disk.keyFor('ef000000-0000-4000-8000-000000000000');
      mkdirSync(path.join(dir, key), { recursive: true });
      writeFileSync(path.join(dir, key, 'thumb.webp'), 'thumb');
      writeFileSync(path.join(dir, key, 'original.jpg'), 'original');
      mkdirSync(path.join(dir, '.staging', 'x'), { recursive: true });
      writeFileSync(path.join(dir, '.staging', 'x', 'thumb.webp'), 'staged');

      expect(await copyMediaStore(disk, store)).toEqual({ keys: 1, copied: 2, alreadyThere: 0 });
      expect((await store.read(key, 'original.jpg'))?.toString()).toBe('original');
      expect(await copyMediaStore(disk, store)).toEqual({ keys: 1, copied: 0, alreadyThere: 2 });
      expect((await objects()).filter((k) => k.includes('/x/'))).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
