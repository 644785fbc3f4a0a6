import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import sharp from 'sharp';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ErrorResponse, SavedObservation } from '@citizen/shared';
import type { CurrentUser } from '../src/auth/current-user.js';
import type { App } from '../src/http/types.js';
import { createServices } from '../src/services.js';
import { bearer, createUser, login } from './accounts/helpers.js';
import { testApp, testConfig } from './app.js';
import { describeWithDemo } from './engines.js';
import { jpegWithGps, multipart } from './images.js';

const IN_PARK = [4.853, 45.778];
const BLACKBIRD = 4117;

const valid = (extra: object = {}) => ({
  programId: 1,
  cdNom: BLACKBIRD,
  observedOn: '2026-05-14',
  count: 2,
  comment: 'Singing on a lamp post',
  location: { type: 'Point', coordinates: IN_PARK },
  coordinateUncertaintyM: 15,
  ...extra,
});

describeWithDemo('recording observations', { pglite: true }, (database) => {
  let app: App;
  const mediaDir = mkdtempSync(path.join(os.tmpdir(), 'citizen-media-'));
  const env = { MEDIA_DIR: mediaDir, PHOTO_MAX_BYTES: '2000000' };
  const services = () => createServices(testConfig(env), database());
  let observer: CurrentUser;
  let other: CurrentUser;

  beforeAll(async () => {
    app = await testApp(database(), env);
    const users = await database()
      .db.selectFrom('users')
      .select(['id', 'username', 'role'])
      .where('role', '=', 'observer')
      .limit(2)
      .execute();
    [observer, other] = users as [CurrentUser, CurrentUser];
  });
  afterAll(() => app?.close());

  const post = (body: object) =>
    app.inject({ method: 'POST', url: '/api/observations', payload: body });
  const mediaFiles = () =>
    readdirSync(mediaDir, { recursive: true }).filter(
      (f) => !String(f).startsWith('.staging') && /\.(webp|jpg|png)$/.test(String(f)),
    );
  const mediaRows = async () =>
    Number(
      (await sql<{ n: number }>`select count(*)::int as n from media`.execute(database().db))
        .rows[0]!.n,
    );

  it('records an anonymous observation sent as JSON', async () => {
    const response = await post(
      valid({ contactEmail: 'walker@example.org', observerName: 'A walker' }),
    );
    expect(response.statusCode).toBe(201);
    const saved = response.json<SavedObservation>();
    expect(saved).toMatchObject({
      programId: 1,
      cdNom: BLACKBIRD,
      count: 2,
      observedOn: '2026-05-14',
      validationStatus: 'pending',
      photos: [],
    });
    expect(saved.location.coordinates).toEqual(IN_PARK);
    expect(response.headers.location).toBe(`/api/observations/${saved.id}`);
    expect(JSON.stringify(saved)).not.toContain('walker@example.org');
    const row = await database()
      .db.selectFrom('observations')
      .select(['contact_email', 'observer_name', 'observer_id'])
      .where('id', '=', saved.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({
      contact_email: 'walker@example.org',
      observer_name: 'A walker',
      observer_id: null,
    });
  });

  it.each([
    [
      'a point outside the area',
      valid({ location: { type: 'Point', coordinates: [2.35, 48.85] } }),
      400,
      'location.outsideArea',
      'location',
    ],
    [
      'a future date',
      valid({ observedOn: '2999-01-01' }),
      400,
      'observation.dateInFuture',
      'observedOn',
    ],
    ['an impossible date', valid({ observedOn: '2026-02-30' }), 400, 'field.format', 'observedOn'],
    ['a count of zero', valid({ count: 0 }), 400, 'field.tooSmall', 'count'],
    ['an unknown taxon', valid({ cdNom: 99999999 }), 400, 'taxon.unknown', 'cdNom'],
    ['no location', { ...valid(), location: undefined }, 400, 'field.required', 'location'],
    [
      'a latitude out of range',
      valid({ location: { type: 'Point', coordinates: [4.85, 95] } }),
      400,
      'location.invalid',
      'location',
    ],
    ['an unknown programme', valid({ programId: 999 }), 404, 'program.notActive', undefined],
    [
      'custom data for a programme without a form',
      valid({ customData: { x: 1 } }),
      400,
      'observation.noCustomForm',
      'customData',
    ],
  ])('refuses %s', async (_what, body, status, code, field) => {
    const response = await post(body);
    expect(response.statusCode).toBe(status);
    const answer = response.json<ErrorResponse>();
    // A field's own problem (schema) or the service's, named on the field.
    expect(answer.errors?.[0]?.code ?? answer.code).toBe(code);
    expect(answer.errors?.[0]?.field).toBe(field);
  });

  it('keeps an unknown precision unknown when recording and editing as JSON (never "± 0 m")', async () => {
    const user = await createUser(database().db);
    const auth = bearer((await login(app, user.username)).accessToken);
    const created = await app.inject({
      method: 'POST',
      url: '/api/observations',
      headers: auth,
      payload: valid({ coordinateUncertaintyM: null, comment: null }),
    });
    expect(created.statusCode).toBe(201);
    const saved = created.json<SavedObservation>();
    expect(saved.coordinateUncertaintyM).toBeNull();
    expect(saved.comment).toBeNull();

    const edited = await app.inject({
      method: 'PATCH',
      url: `/api/observations/${saved.id}`,
      headers: auth,
      payload: { count: 3, coordinateUncertaintyM: null, observedTime: null },
    });
    expect(edited.statusCode).toBe(200);
    expect(edited.json<SavedObservation>()).toMatchObject({
      count: 3,
      coordinateUncertaintyM: null,
      observedTime: null,
    });
    // JSON has its types: a number sent as text is refused, not converted.
    const text = await post(valid({ count: '2' }));
    expect(text.statusCode).toBe(400);
    expect(text.json<ErrorResponse>().errors?.[0]).toMatchObject({ field: 'count' });
  });

  it("refuses a taxon that is not on the programme's list", async () => {
    await sql`insert into taxa (cd_nom, cd_ref, rank, scientific_name) values (61153, 61153, 'ES', 'Erinaceus europaeus')`.execute(
      database().db,
    );
    const response = await post(valid({ cdNom: 61153 }));
    expect(response.statusCode).toBe(400);
    expect(response.json<ErrorResponse>()).toMatchObject({
      code: 'observation.taxonNotListed',
      params: { cdNom: 61153 },
      errors: [{ field: 'cdNom', code: 'observation.taxonNotListed', params: { cdNom: 61153 } }],
    });
  });

  it('validates custom data against the programme form and names the bad fields', async () => {
    const form = await sql<{ id: number }>`
      insert into custom_forms (name, json_schema) values ('Birds', ${JSON.stringify({
        type: 'object',
        required: ['behaviour'],
        properties: {
          behaviour: { type: 'string', enum: ['singing', 'feeding', 'nesting'] },
          juveniles: { type: 'integer', minimum: 0 },
        },
      })}) returning id`.execute(database().db);
    await sql`update programs set form_id = ${form.rows[0]!.id} where id = 1`.execute(
      database().db,
    );
    try {
      const bad = await post(valid({ customData: { behaviour: 'dancing', juveniles: -1 } }));
      expect(bad.statusCode).toBe(400);
      expect(bad.json<ErrorResponse>()).toMatchObject({ code: 'form.invalidAnswers' });
      expect(bad.json<ErrorResponse>().errors).toEqual([
        {
          field: 'customData.behaviour',
          code: 'field.notAllowed',
          params: { allowed: 'singing, feeding, nesting' },
          message: 'must be one of: singing, feeding, nesting',
        },
        {
          field: 'customData.juveniles',
          code: 'field.tooSmall',
          params: { limit: 0 },
          message: 'must be at least 0',
        },
      ]);
      const good = await post(valid({ customData: { behaviour: 'singing', juveniles: 2 } }));
      expect(good.statusCode).toBe(201);
      expect(good.json<SavedObservation>().customData).toEqual({
        behaviour: 'singing',
        juveniles: 2,
      });
    } finally {
      await sql`update programs set form_id = null where id = 1`.execute(database().db);
    }
  });

  it('asks for a login where the programme requires registration, and refuses closed programmes', async () => {
    await sql`update programs set registration_required = true where id = 1`.execute(database().db);
    expect((await post(valid())).statusCode).toBe(401);
    await sql`update programs set registration_required = false, ends_on = '2020-12-31', starts_on = '2020-01-01' where id = 1`.execute(
      database().db,
    );
    expect((await post(valid())).statusCode).toBe(409);
    await sql`update programs set ends_on = null, starts_on = null, is_active = false where id = 1`.execute(
      database().db,
    );
    expect((await post(valid())).statusCode).toBe(404);
    await sql`update programs set is_active = true where id = 1`.execute(database().db);
  });

  it('fills the municipality from the imported areas', async () => {
    await sql`insert into areas (kind, code, name, geom) values ('municipality', '69386', 'Lyon 6e Arrondissement',
      ST_Multi(ST_MakeEnvelope(4.84, 45.76, 4.87, 45.79, 4326)))`.execute(database().db);
    const saved = (await post(valid())).json<SavedObservation>();
    expect(saved.municipality).toBe('Lyon 6e Arrondissement');
  });

  it('stores photos sent as multipart: public resized copies without metadata, a private original', async () => {
    const photo = await jpegWithGps();
    const { payload, headers } = multipart(
      { observation: JSON.stringify(valid({ photos: [{ licence: 'CC0-1.0', author: 'Jo' }] })) },
      [
        { field: 'photo', filename: 'blackbird.jpg', type: 'image/jpeg', bytes: photo },
        {
          field: 'photo',
          filename: 'second.jpg',
          type: 'image/jpeg',
          bytes: await jpegWithGps({ width: 800, height: 1200 }),
        },
      ],
    );
    const response = await app.inject({
      method: 'POST',
      url: '/api/observations',
      payload,
      headers,
    });
    expect(response.statusCode).toBe(201);
    const saved = response.json<SavedObservation>();
    expect(saved.photos).toHaveLength(2);
    expect(saved.photos[0]).toMatchObject({
      width: 1200,
      height: 900,
      licence: 'CC0-1.0',
      author: 'Jo',
    });
    expect(saved.photos[1]).toMatchObject({ width: 800, height: 1200, licence: 'CC-BY-4.0' });

    const display = await app.inject({ method: 'GET', url: saved.photos[0]!.displayUrl });
    expect(display.statusCode).toBe(200);
    // Small enough already: the upload itself less its metadata (GPS position), not re-encoded.
    expect(display.headers['content-type']).toBe('image/jpeg');
    expect(display.headers['cache-control']).toBe('public, max-age=604800, s-maxage=0');
    const meta = await sharp(display.rawPayload).metadata();
    expect([meta.format, meta.width, meta.exif]).toEqual(['jpeg', 1200, undefined]);
    const thumb = await app.inject({ method: 'GET', url: saved.photos[0]!.thumbUrl });
    expect((await sharp(thumb.rawPayload).metadata()).width).toBe(320);
    const again = await app.inject({
      method: 'GET',
      url: saved.photos[0]!.thumbUrl,
      headers: { 'if-none-match': thumb.headers.etag as string },
    });
    expect(again.statusCode).toBe(304);

    const original = await app.inject({
      method: 'GET',
      url: `/api/media/${saved.photos[0]!.id}/original`,
    });
    expect(original.statusCode).toBe(404);
  });

  it('refuses a file that is not an image, and leaves no file and no row behind', async () => {
    const before = { files: mediaFiles().length, rows: await mediaRows() };
    const { payload, headers } = multipart({ observation: JSON.stringify(valid()) }, [
      { field: 'photo', filename: 'good.jpg', type: 'image/jpeg', bytes: await jpegWithGps() },
      {
        field: 'photo',
        filename: 'fake.jpg',
        type: 'image/jpeg',
        bytes: Buffer.from('<?php echo "not a photo"; ?>'),
      },
    ]);
    const response = await app.inject({
      method: 'POST',
      url: '/api/observations',
      payload,
      headers,
    });
    expect(response.statusCode).toBe(415);
    expect(response.json<ErrorResponse>()).toMatchObject({
      code: 'image.notImage',
      params: { label: 'Photo 2 (fake.jpg)', formats: 'JPEG, PNG, WebP, AVIF' },
    });
    expect({ files: mediaFiles().length, rows: await mediaRows() }).toEqual(before);
  });

  it('refuses a photo over the size limit with 413, and more than five photos', async () => {
    const big = Buffer.concat([await jpegWithGps(), Buffer.alloc(2_100_000)]);
    const tooBig = multipart({ observation: JSON.stringify(valid()) }, [
      { field: 'photo', filename: 'big.jpg', type: 'image/jpeg', bytes: big },
    ]);
    const response = await app.inject({ method: 'POST', url: '/api/observations', ...tooBig });
    expect(response.statusCode).toBe(413);
    expect(response.json<ErrorResponse>()).toMatchObject({
      code: 'media.photoTooLarge',
      params: { max: 2 },
    });

    const small = await jpegWithGps({ width: 64, height: 64 });
    const six = multipart(
      { observation: JSON.stringify(valid()) },
      Array.from({ length: 6 }, (_, i) => ({
        field: 'photo',
        filename: `${i}.jpg`,
        type: 'image/jpeg',
        bytes: small,
      })),
    );
    const many = await app.inject({ method: 'POST', url: '/api/observations', ...six });
    expect(many.statusCode).toBe(400);
    expect(many.json<ErrorResponse>()).toMatchObject({
      code: 'media.tooManyPhotos',
      params: { max: 5 },
    });
  });

  it('rolls back files and rows when the database write fails after the photos were processed', async () => {
    const before = { files: mediaFiles().length, rows: await mediaRows() };
    await expect(
      services().photos.saveWith(
        [{ bytes: await jpegWithGps(), filename: 'a.jpg', licence: 'CC-BY-4.0', author: null }],
        null,
        async () => {
          throw new Error('database write failed');
        },
      ),
    ).rejects.toThrow('database write failed');
    expect({ files: mediaFiles().length, rows: await mediaRows() }).toEqual(before);
    expect(
      existsSync(path.join(mediaDir, '.staging'))
        ? readdirSync(path.join(mediaDir, '.staging'))
        : [],
    ).toEqual([]);
  });

  it('offers the EXIF date and GPS position of a photo', async () => {
    const { payload, headers } = multipart({}, [
      {
        field: 'photo',
        filename: 'p.jpg',
        type: 'image/jpeg',
        bytes: await jpegWithGps({ lat: 45.2, lon: 5.8 }),
      },
    ]);
    const response = await app.inject({
      method: 'POST',
      url: '/api/media/metadata',
      payload,
      headers,
    });
    expect(response.statusCode).toBe(200);
    const meta = response.json<{ takenAt: string; latitude: number; longitude: number }>();
    expect(meta.latitude).toBeCloseTo(45.2, 3);
    expect(meta.longitude).toBeCloseTo(5.8, 3);
    expect(meta.takenAt).toMatch(/^2026-05-14T/);
  });

  it('lets the observer edit and delete their observation, and nobody else but an admin', async () => {
    const writer = services().observationWriter;
    const saved = await writer.create(
      valid() as never,
      [{ bytes: await jpegWithGps(), filename: 'x.jpg' }],
      observer,
    );
    expect(saved.photos).toHaveLength(1);
    await expect(writer.update(saved.id, { count: 5 }, [], other)).rejects.toMatchObject({
      code: 'observation.notYours',
    });
    await expect(writer.update(saved.id, { count: 5 }, [], null)).rejects.toMatchObject({
      code: 'auth.loginRequired',
    });

    await sql`update observations set validation_status = 'certain' where id = ${saved.id}`.execute(
      database().db,
    );
    const edited = await writer.update(
      saved.id,
      { count: 5, cdNom: 3764, deletePhotos: [saved.photos[0]!.id] },
      [],
      observer,
    );
    expect(edited).toMatchObject({
      count: 5,
      cdNom: 3764,
      validationStatus: 'pending',
      photos: [],
    });
    expect(mediaFiles().some((f) => String(f).includes(saved.photos[0]!.id))).toBe(false);

    await expect(writer.delete(saved.id, other)).rejects.toMatchObject({
      code: 'observation.notYours',
    });
    await writer.delete(saved.id, observer);
    expect(
      (await app.inject({ method: 'DELETE', url: `/api/observations/${saved.id}` })).statusCode,
    ).toBe(404);
  });
});
