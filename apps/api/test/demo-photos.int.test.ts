import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import sharp from 'sharp';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { seedDemo } from '../src/demo/seed.js';
import { createMediaStore, type MediaStore } from '../src/media/media-store.js';
import { createS3MediaStore } from '../src/media/s3-media-store.js';
import { testConfig } from './app.js';
import { describeOnEngines, freshDatabase } from './engines.js';
import { startS3Server, type S3Server } from './s3-server.js';

type PhotoRow = { storage_key: string; variants: string[]; group_name: string; order: string };

/** Each demo photo's stored files, and its picture matches its taxon's group. */
async function checkPhotos(db: Parameters<typeof seedDemo>[0]) {
  const { rows } = await sql<PhotoRow>`
    select m.storage_key, m.variants, split_part(m.original_name, '-', 1) as group_name,
      t."order"
    from media m
    join observation_media om on om.media_id = m.id
    join observations o on o.id = om.observation_id
    join taxa t on t.cd_nom = o.cd_nom`.execute(db);
  const { rows: counts } = await sql<{ observations: number; with_photos: number }>`
    select count(*)::int as observations,
      count(*) filter (where exists (
        select 1 from observation_media om where om.observation_id = o.id))::int as with_photos
    from observations o where o.visit_id is null`.execute(db);
  return { rows, counts: counts[0]! };
}

describeOnEngines('demo photos', (database) => {
  let dir: string;
  let store: MediaStore;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'citizen-demo-media-'));
    store = createMediaStore(dir);
    await seedDemo(database().db, { sites: true, media: store });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('gives a third of the observations photos whose files exist, drawn for their group', async () => {
    const { rows, counts } = await checkPhotos(database().db);
    expect(counts.with_photos / counts.observations).toBeGreaterThan(0.2);
    expect(counts.with_photos / counts.observations).toBeLessThan(0.5);
    // Pictures are shared by many observations, each with its own stored files.
    expect(new Set(rows.map((r) => r.storage_key)).size).toBe(rows.length);
    expect(new Set(rows.map((r) => r.group_name)).size).toBeGreaterThanOrEqual(5);
    for (const row of rows.slice(0, 40)) {
      const files = await store.files(row.storage_key);
      expect(files.sort()).toEqual(['display.jpg', 'original.jpg', 'thumb.webp']);
    }
    for (const row of rows) {
      if (row.order === 'Strigiformes') expect(row.group_name).toBe('owl');
      if (row.order === 'Lepidoptera') expect(row.group_name).toBe('butterfly');
      if (row.order === 'Anseriformes') expect(row.group_name).toBe('waterbird');
    }
    const thumb = await store.read(rows[0]!.storage_key, 'thumb.webp');
    expect(await sharp(thumb!).metadata()).toMatchObject({ format: 'webp', width: 320 });
  });

  it('makes the same observations with photos as without', async () => {
    const plain = await freshDatabase('postgres');
    try {
      await seedDemo(plain.database.db, { sites: true });
      const fingerprint = (db: Parameters<typeof seedDemo>[0]) =>
        sql<{ digest: string }>`
          select md5(string_agg(concat_ws(',', cd_nom, observed_on, count, ST_AsText(geom)), ';'
            order by observed_on, cd_nom, ST_AsText(geom))) as digest
          from observations`.execute(db);
      const [withPhotos, without] = await Promise.all([
        fingerprint(database().db),
        fingerprint(plain.database.db),
      ]);
      expect(withPhotos.rows[0]!.digest).toBe(without.rows[0]!.digest);
      const media = await sql<{ n: number }>`select count(*)::int as n from media`.execute(
        plain.database.db,
      );
      expect(media.rows[0]!.n).toBe(0);
    } finally {
      await plain.drop();
    }
  });
});

describeOnEngines('demo photos on S3-compatible storage', (database) => {
  let s3: S3Server;
  let store: MediaStore;

  beforeAll(async () => {
    s3 = await startS3Server();
    const config = testConfig(s3.env);
    if (config.media.kind !== 's3') throw new Error('not on S3');
    store = createS3MediaStore(config.media);
    await seedDemo(database().db, { media: store });
  });
  afterAll(() => s3?.close());

  it('stores the photos in the bucket, published', async () => {
    const { rows } = await checkPhotos(database().db);
    expect(rows.length).toBeGreaterThan(50);
    for (const row of rows.slice(0, 10)) {
      expect((await store.files(row.storage_key)).sort()).toEqual([
        'display.jpg',
        'original.jpg',
        'thumb.webp',
      ]);
    }
    expect((await store.leftovers()).staged).toEqual([]);
  });
});
