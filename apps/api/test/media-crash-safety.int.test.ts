import { randomUUID } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createMediaStore, type MediaStore } from '../src/media/media-store.js';
import { SPOOL_PREFIX } from '../src/media/media-sweep.js';
import { createPhotosService } from '../src/media/photos.service.js';
import { createUser } from './accounts/helpers.js';
import { testApp } from './app.js';
import { describeOnEngines } from './engines.js';
import { jpegWithGps } from './images.js';

/** What a process killed at any moment leaves is put right at the next start; failures leave nothing. */
describeOnEngines('media files and crashes', (database) => {
  const mediaDir = mkdtempSync(path.join(os.tmpdir(), 'citizen-crash-'));
  const store = createMediaStore(mediaDir);
  const twoHoursAgo = new Date(Date.now() - 2 * 3_600_000);
  const twoDaysAgo = new Date(Date.now() - 2 * 86_400_000);
  const spool = path.join(os.tmpdir(), `${SPOOL_PREFIX}crash-test-${randomUUID()}`);

  beforeAll(async () => {
    // Fails the commit of any transaction that wrote a row here (a deferred constraint).
    await sql`CREATE TABLE commit_guard (x int)`.execute(database().db);
    await sql`CREATE FUNCTION refuse_commit() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'refused at commit'; END $$`.execute(database().db);
    await sql`CREATE CONSTRAINT TRIGGER refuse_commit AFTER INSERT ON commit_guard
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION refuse_commit()`.execute(
      database().db,
    );
  });
  afterAll(() => {
    rmSync(mediaDir, { recursive: true, force: true });
    rmSync(spool, { recursive: true, force: true });
  });

  const everything = () => readdirSync(mediaDir, { recursive: true }).map(String).sort();
  const upload = async () => ({
    bytes: await jpegWithGps({ width: 300, height: 200 }),
    filename: 'bird.jpg',
    licence: 'CC0-1.0' as const,
    author: null,
  });

  it('publishes nothing when the commit itself fails, and leaves no staged file', async () => {
    const published: string[] = [];
    const watched: MediaStore = {
      ...store,
      publish: async (staged) => {
        published.push(staged.key);
        await store.publish(staged);
      },
    };
    const photos = createPhotosService(database().db, watched);
    let ids: string[] = [];
    await expect(
      photos.saveWith([await upload()], null, async (trx, mediaIds) => {
        ids = mediaIds;
        await trx
          .insertInto('commit_guard' as never)
          .values({ x: 1 } as never)
          .execute();
      }),
    ).rejects.toThrow(/refused at commit/);
    expect(published).toEqual([]);
    expect(everything().filter((f) => !f.startsWith('.staging'))).toEqual([]);
    expect(
      existsSync(path.join(mediaDir, '.staging', encodeURIComponent(store.keyFor(ids[0]!)))),
    ).toBe(false);
    const rows = await database()
      .db.selectFrom('media')
      .select('id')
      .where('id', 'in', ids)
      .execute();
    expect(rows).toEqual([]);
  });

  it('publishes a saved photo after its commit, with nothing left in staging', async () => {
    const photos = createPhotosService(database().db, store);
    const [id] = await photos.saveWith([await upload()], null, async (_trx, mediaIds) => mediaIds);
    expect(await store.read(store.keyFor(id!), 'thumb.webp')).not.toBeNull();
    expect(readdirSync(path.join(mediaDir, '.staging'))).toEqual([]);
  });

  it('sweeps at start what a killed process left, and finishes what had committed', async () => {
    const user = await createUser(database().db);
    const file = (dir: string, name = 'display.webp') => {
      mkdirSync(dir, { recursive: true });
      writeFileSync(path.join(dir, name), 'bytes');
      return dir;
    };
    const aged = (dir: string, when = twoHoursAgo) => {
      utimesSync(dir, when, when);
      return dir;
    };
    const staging = (key: string) => path.join(mediaDir, '.staging', encodeURIComponent(key));

    // Killed between the commit and the rename: the row is there, the files still staged.
    const committedId = randomUUID();
    const committedKey = store.keyFor(committedId);
    await database()
      .db.insertInto('media')
      .values({
        id: committedId,
        storage_key: committedKey,
        mime_type: 'image/jpeg',
        byte_size: 5,
        width: 1,
        height: 1,
        licence: 'CC0-1.0',
        variants: ['thumb', 'display', 'original.jpg'],
      })
      .execute();
    file(staging(committedKey));
    const avatarKey = `avatars/${user.id}/0123456789abcdef`;
    await database()
      .db.updateTable('users')
      .set({ avatar_key: avatarKey })
      .where('id', '=', user.id)
      .execute();
    file(staging(avatarKey));
    // Killed before the commit: staged files no row names.
    const abandoned = aged(file(staging(store.keyFor(randomUUID()))));
    // An earlier version's staging folder, named by no key.
    const unnamed = aged(file(path.join(mediaDir, '.staging', '%zz-not-a-key')));
    // A save in flight on another replica: staged a moment ago, not committed yet.
    const inFlight = file(staging(store.keyFor(randomUUID())));
    // Trash of an earlier version, folders whose row was deleted (a photo, an old avatar).
    const trash = aged(file(path.join(mediaDir, '.trash', randomUUID())));
    const orphanKey = store.keyFor(randomUUID());
    aged(file(path.join(mediaDir, orphanKey)));
    const oldAvatarKey = `avatars/${user.id}/fedcba9876543210`;
    aged(file(path.join(mediaDir, oldAvatarKey)));
    // An import's spool whose import died with the process.
    aged(file(spool, '0.upload'), twoDaysAgo);

    const app = await testApp(database(), { MEDIA_DIR: mediaDir });
    await app.ready();
    await app.close();

    expect(existsSync(path.join(mediaDir, committedKey, 'display.webp'))).toBe(true);
    expect(existsSync(path.join(mediaDir, avatarKey, 'display.webp'))).toBe(true);
    expect(existsSync(staging(committedKey))).toBe(false);
    expect(existsSync(abandoned)).toBe(false);
    expect(existsSync(unnamed)).toBe(false);
    expect(existsSync(inFlight)).toBe(true);
    expect(existsSync(trash)).toBe(false);
    expect(existsSync(path.join(mediaDir, orphanKey))).toBe(false);
    expect(existsSync(path.join(mediaDir, oldAvatarKey))).toBe(false);
    expect(existsSync(spool)).toBe(false);
  });
});
