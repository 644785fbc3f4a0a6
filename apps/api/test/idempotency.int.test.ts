import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ErrorResponse, SavedObservation } from '@citizen/shared';
import type { App } from '../src/http/types.js';
import { createServices } from '../src/services.js';
import { createUser, login, RELAXED_LIMITS } from './accounts/helpers.js';
import { testApp, testConfig } from './app.js';
import { describeWithDemo } from './engines.js';
import { jpegWithGps, multipart } from './images.js';
import { createPondProgramme, signedIn, type SignedIn } from './sites/helpers.js';

const IN_PARK = [4.853, 45.778];
const IN_PARIS = [2.35, 48.85];
const BLACKBIRD = 4117;

const observation = (extra: object = {}) => ({
  programId: 1,
  cdNom: BLACKBIRD,
  observedOn: '2026-05-14',
  count: 3,
  comment: 'Queued offline',
  location: { type: 'Point', coordinates: IN_PARK },
  ...extra,
});

describeWithDemo('Idempotency-Key on observation creation', { pglite: true }, (database) => {
  let app: App;
  const mediaDir = mkdtempSync(path.join(os.tmpdir(), 'citizen-idempotency-'));
  const env = { MEDIA_DIR: mediaDir, RATE_LIMITS: RELAXED_LIMITS };

  beforeAll(async () => {
    app = await testApp(database(), env);
  });
  afterAll(() => app?.close());

  const post = (body: object, key?: string, headers: Record<string, string> = {}) =>
    app.inject({
      method: 'POST',
      url: '/api/observations',
      payload: body,
      headers: { ...headers, ...(key === undefined ? {} : { 'idempotency-key': key }) },
    });
  const count = async (table: 'observations' | 'media' | 'idempotency_keys') =>
    Number(
      (
        await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(
          database().db,
        )
      ).rows[0]!.n,
    );
  const publishedFiles = () =>
    readdirSync(mediaDir, { recursive: true }).filter(
      (f) => !String(f).startsWith('.staging') && /\.(webp|jpg|png)$/.test(String(f)),
    ).length;

  it('answers a retry with the first observation and creates nothing more', async () => {
    const key = randomUUID();
    const before = await count('observations');
    const first = await post(observation(), key);
    expect(first.statusCode).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();

    // The same body, its keys in another order: the same request.
    const { comment, ...rest } = observation();
    const retry = await post({ comment, ...rest }, key);
    expect(retry.statusCode).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.headers.location).toBe(first.headers.location);
    expect(retry.json<SavedObservation>()).toEqual(first.json<SavedObservation>());
    expect(await count('observations')).toBe(before + 1);
  });

  it('without a key, the same body twice records two observations', async () => {
    const before = await count('observations');
    expect((await post(observation())).statusCode).toBe(201);
    expect((await post(observation())).statusCode).toBe(201);
    expect(await count('observations')).toBe(before + 2);
  });

  it('refuses the key with another body (422) and records nothing', async () => {
    const key = randomUUID();
    expect((await post(observation(), key)).statusCode).toBe(201);
    const before = await count('observations');
    const other = await post(observation({ count: 4 }), key);
    expect(other.statusCode).toBe(422);
    expect(other.json<ErrorResponse>().code).toBe('idempotency.keyReused');
    expect(await count('observations')).toBe(before);
  });

  it('refuses a key that is not a UUID with a 400 naming the header', async () => {
    const response = await post(observation(), 'not-a-uuid');
    expect(response.statusCode).toBe(400);
    const body = response.json<ErrorResponse>();
    expect(body.code).toBe('request.invalid');
    expect(body.params.field).toBe('idempotency-key');
  });

  it('keeps no key for a refused observation: the corrected retry with the key is recorded', async () => {
    const key = randomUUID();
    const keys = await count('idempotency_keys');
    const before = await count('observations');
    const outside = await post(
      observation({ location: { type: 'Point', coordinates: IN_PARIS } }),
      key,
    );
    expect(outside.statusCode).toBe(400);
    expect(outside.json<ErrorResponse>().code).toBe('location.outsideArea');
    expect(await count('idempotency_keys')).toBe(keys);
    expect(await count('observations')).toBe(before);

    const corrected = await post(observation(), key);
    expect(corrected.statusCode).toBe(201);
    expect(corrected.headers['idempotent-replayed']).toBeUndefined();
    const again = await post(observation(), key);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json<SavedObservation>().id).toBe(corrected.json<SavedObservation>().id);
    expect(await count('observations')).toBe(before + 1);
  });

  it('sends a queued observation with photos once, however often it is retried', async () => {
    const key = randomUUID();
    const photo = await jpegWithGps();
    const request = () => {
      const { payload, headers } = multipart(
        { observation: JSON.stringify(observation({ photos: [{ licence: 'CC0-1.0' }] })) },
        [{ field: 'photo', filename: 'queued.jpg', type: 'image/jpeg', bytes: photo }],
      );
      return app.inject({
        method: 'POST',
        url: '/api/observations',
        payload,
        headers: { ...headers, 'idempotency-key': key },
      });
    };
    const [observations, media, files] = [
      await count('observations'),
      await count('media'),
      publishedFiles(),
    ];
    const first = await request();
    expect(first.statusCode).toBe(201);
    const retry = await request();
    expect(retry.statusCode).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.json<SavedObservation>().photos).toEqual(first.json<SavedObservation>().photos);
    expect(await count('observations')).toBe(observations + 1);
    expect(await count('media')).toBe(media + 1);
    expect(publishedFiles()).toBe(files + first.json<SavedObservation>().photos.length * 3);

    // Another photo under the same key is another request.
    const { payload, headers } = multipart({ observation: JSON.stringify(observation()) }, [
      {
        field: 'photo',
        filename: 'queued.jpg',
        type: 'image/jpeg',
        bytes: await jpegWithGps({ width: 800 }),
      },
    ]);
    const changed = await app.inject({
      method: 'POST',
      url: '/api/observations',
      payload,
      headers: { ...headers, 'idempotency-key': key },
    });
    expect(changed.statusCode).toBe(422);
    expect(await count('media')).toBe(media + 1);
  });

  it('records concurrent duplicates once and answers each with that observation', async () => {
    const key = randomUUID();
    const photo = await jpegWithGps({ width: 640, height: 480 });
    const before = [await count('observations'), await count('media')];
    const send = () => {
      const { payload, headers } = multipart(
        { observation: JSON.stringify(observation({ count: 7 })) },
        [{ field: 'photo', filename: 'race.jpg', type: 'image/jpeg', bytes: photo }],
      );
      return app.inject({
        method: 'POST',
        url: '/api/observations',
        payload,
        headers: { ...headers, 'idempotency-key': key },
      });
    };
    const answers = await Promise.all([send(), send(), send(), send()]);
    expect(answers.map((a) => a.statusCode)).toEqual([201, 201, 201, 201]);
    expect(new Set(answers.map((a) => a.json<SavedObservation>().id)).size).toBe(1);
    expect(answers.filter((a) => a.headers['idempotent-replayed'] === 'true')).toHaveLength(3);
    expect([await count('observations'), await count('media')]).toEqual([
      before[0]! + 1,
      before[1]! + 1,
    ]);
  });

  it('keeps keys per account: the same key used by two observers (and anonymously) records three', async () => {
    const db = database().db;
    const [alice, bob] = [await createUser(db), await createUser(db)];
    const asAlice = { authorization: `Bearer ${(await login(app, alice.username)).accessToken}` };
    const asBob = { authorization: `Bearer ${(await login(app, bob.username)).accessToken}` };
    const key = randomUUID();
    const before = await count('observations');
    const answers = [
      await post(observation(), key, asAlice),
      await post(observation(), key, asBob),
      await post(observation(), key),
    ];
    expect(answers.map((a) => a.statusCode)).toEqual([201, 201, 201]);
    expect(answers.map((a) => a.headers['idempotent-replayed'])).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
    expect(new Set(answers.map((a) => a.json<SavedObservation>().id)).size).toBe(3);
    const alicesRetry = await post(observation(), key, asAlice);
    expect(alicesRetry.headers['idempotent-replayed']).toBe('true');
    expect(alicesRetry.json<SavedObservation>().id).toBe(answers[0]!.json<SavedObservation>().id);
    expect(await count('observations')).toBe(before + 3);
  });

  it('answers a retry sent once logged in with what the same request made without a session', async () => {
    const alice = await createUser(database().db);
    const asAlice = { authorization: `Bearer ${(await login(app, alice.username)).accessToken}` };
    const key = randomUUID();
    const before = await count('observations');
    const anonymous = await post(observation({ observerName: 'Alice' }), key);
    expect(anonymous.statusCode).toBe(201);
    const loggedIn = await post(observation({ observerName: 'Alice' }), key, asAlice);
    expect(loggedIn.headers['idempotent-replayed']).toBe('true');
    expect(loggedIn.json<SavedObservation>().id).toBe(anonymous.json<SavedObservation>().id);
    expect(await count('observations')).toBe(before + 1);
    // Another body under that key is the account's own request.
    expect(
      (await post(observation(), key, asAlice)).headers['idempotent-replayed'],
    ).toBeUndefined();
    expect(await count('observations')).toBe(before + 2);
  });

  it('prunes keys older than 30 days; younger ones stay', async () => {
    const db = database().db;
    const old = randomUUID();
    expect((await post(observation(), old)).statusCode).toBe(201);
    const recent = randomUUID();
    expect((await post(observation(), recent)).statusCode).toBe(201);
    await sql`update idempotency_keys set created_at = now() - interval '31 days'
      where key = ${old}`.execute(db);

    const services = createServices(testConfig(env), database());
    expect(await services.idempotency.prune()).toBe(1);
    const left = await db
      .selectFrom('idempotency_keys')
      .select('key')
      .where('key', 'in', [old, recent])
      .execute();
    expect(left.map((row) => row.key)).toEqual([recent]);
  });
});

describeWithDemo('Idempotency-Key on site and visit creation', (database) => {
  const POND = [4.853, 45.778];
  let app: App;
  let observer: SignedIn;
  let programId: number;
  let siteTypeId: number;

  beforeAll(async () => {
    app = await testApp(database(), { RATE_LIMITS: RELAXED_LIMITS });
    const admin = await signedIn(app, database().db, { username: 'idem-admin', role: 'admin' });
    observer = await signedIn(app, database().db, { username: 'idem-observer' });
    ({ programId, typeId: siteTypeId } = await createPondProgramme(app, admin, 'idem-ponds', POND));
  });
  afterAll(() => app?.close());

  const send = (url: string, payload: object, key: string) =>
    app.inject({
      method: 'POST',
      url,
      payload,
      headers: { ...observer.headers, 'idempotency-key': key },
    });
  const rows = async (table: 'sites' | 'visits') =>
    Number(
      (
        await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(
          database().db,
        )
      ).rows[0]!.n,
    );

  it('creates a site and its visit once each, however often they are sent', async () => {
    const site = {
      programId,
      siteTypeId,
      name: 'Queued pond',
      location: { type: 'Point', coordinates: POND },
      customData: { surface: 12 },
    };
    const siteKey = randomUUID();
    const sites = await rows('sites');
    const first = await send('/api/sites', site, siteKey);
    expect(first.statusCode).toBe(201);
    const retry = await send('/api/sites', site, siteKey);
    expect(retry.statusCode).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.json<{ id: number }>().id).toBe(first.json<{ id: number }>().id);
    expect(await rows('sites')).toBe(sites + 1);

    const siteId = first.json<{ id: number }>().id;
    const visit = { visitedOn: '2026-04-02', customData: { waterLevel: 'low' } };
    const visitKey = randomUUID();
    const visits = await rows('visits');
    const answers = await Promise.all([
      send(`/api/sites/${siteId}/visits`, visit, visitKey),
      send(`/api/sites/${siteId}/visits`, visit, visitKey),
    ]);
    expect(answers.map((a) => a.statusCode)).toEqual([201, 201]);
    expect(new Set(answers.map((a) => a.json<{ id: number }>().id)).size).toBe(1);
    expect(await rows('visits')).toBe(visits + 1);

    // The key of the site for a visit, or of the visit for another site: another request.
    const reused = await send(`/api/sites/${siteId}/visits`, visit, siteKey);
    expect(reused.statusCode).toBe(422);
    expect(reused.json<ErrorResponse>().code).toBe('idempotency.keyReused');
    const other = await send('/api/sites', { ...site, name: 'Another pond' }, siteKey);
    expect(other.statusCode).toBe(422);
    expect([await rows('sites'), await rows('visits')]).toEqual([sites + 1, visits + 1]);
  });
});
