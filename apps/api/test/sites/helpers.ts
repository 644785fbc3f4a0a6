import { mkdtempSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { expect } from 'vitest';
import type { SiteDetail, SiteType } from '@citizen/shared';
import type { Database } from '../../src/db/database.js';
import type { DB } from '../../src/db/schema.js';
import type { App } from '../../src/http/types.js';
import { bearer, createUser, login, RELAXED_LIMITS } from '../accounts/helpers.js';
import { testApp } from '../app.js';
import { jpegWithGps, multipart } from '../images.js';
import { POND_TYPE } from './pond-type.js';

/** Where the site-protocol tests put their pond: inside the 'ponds' programme's area. */
export const POND = [4.853, 45.778];

/** A user made in the database and logged in: `headers` authenticate a request as them. */
export async function signedIn(
  app: App,
  db: Kysely<DB>,
  options: { username: string; role?: 'observer' | 'validator' | 'admin' },
) {
  const user = await createUser(db, options);
  const session = await login(app, user.username);
  return {
    id: user.id,
    username: user.username,
    role: user.role,
    headers: bearer(session.accessToken!),
  };
}

export type SignedIn = Awaited<ReturnType<typeof signedIn>>;

/** `call(method, url, who, payload?)`: a request to `app` as `who`, or anonymous for null. */
export function caller(app: App) {
  return (
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE' | 'PUT',
    url: string,
    who: SignedIn | null,
    payload?: object,
  ) =>
    app.inject({
      method,
      url,
      ...(payload !== undefined && { payload }),
      headers: who?.headers ?? {},
    });
}

export type Call = ReturnType<typeof caller>;

/**
 * What the site-protocol files start from: an app keeping its media in a folder of its own (the
 * tests count the files a photo leaves there), an admin, three observers, and the 'ponds' site
 * programme around POND, still without site types.
 */
export async function pondsOfLyon(database: Database) {
  const mediaDir = mkdtempSync(path.join(os.tmpdir(), 'citizen-sites-media-'));
  const app = await testApp(database, { MEDIA_DIR: mediaDir, RATE_LIMITS: RELAXED_LIMITS });
  await app.ready();
  const call = caller(app);
  const admin = await signedIn(app, database.db, { username: 'site-admin', role: 'admin' });
  const alice = await signedIn(app, database.db, { username: 'alice' });
  const bob = await signedIn(app, database.db, { username: 'bob' });
  const carol = await signedIn(app, database.db, { username: 'carol' });
  const created = await call('POST', '/api/admin/programs', admin, {
    slug: 'ponds',
    title: 'Ponds of Lyon',
    kind: 'sites',
    area: squareAround(POND),
  });
  expect(created.statusCode).toBe(201);
  const programId = created.json<{ id: number }>().id;
  // The images in the media folder: each photo's original and renditions.
  const mediaFiles = () =>
    readdirSync(mediaDir, { recursive: true, encoding: 'utf8' }).filter((f) =>
      /\.(webp|jpg)$/.test(f),
    );
  return { app, call, mediaFiles, admin, alice, bob, carol, programId };
}

/**
 * The ponds programme as the site tests (sites.int.test.ts) leave it for the visit tests: its
 * pond and tree types, and alice's pond with one photo, under the name her edit gave it.
 */
export async function pondsWithASite(database: Database) {
  const start = await pondsOfLyon(database);
  const { app, call, admin, alice, programId } = start;
  const types = `/api/admin/programs/${programId}/site-types`;
  const pond = (await call('POST', types, admin, POND_TYPE)).json<SiteType>();
  const tree = (await call('POST', types, admin, TREE_TYPE)).json<SiteType>();
  const site = await postSiteWithPhoto(
    app,
    alice,
    pondSiteBody(programId, pond.id, { name: 'Grande mare', photos: [{ licence: 'CC0-1.0' }] }),
  );
  expect(site.statusCode).toBe(201);
  return { ...start, pond, tree, siteId: site.json<SiteDetail>().id };
}

/** The body of a new pond site, at POND, with answers to the pond's site form. */
export function pondSiteBody(programId: number, siteTypeId: number, extra: object = {}) {
  return {
    programId,
    siteTypeId,
    name: 'Mare du parc',
    location: { type: 'Point', coordinates: POND },
    customData: { surface: 120, fish: false, vegetation: ['reeds'] },
    ...extra,
  };
}

/** Creates `site` as `who` with one photo, in a multipart request as the site form sends it. */
export async function postSiteWithPhoto(app: App, who: SignedIn, site: object) {
  const { payload, headers } = multipart({ site: JSON.stringify(site) }, [
    { field: 'photo', filename: 'pond.jpg', type: 'image/jpeg', bytes: await jpegWithGps() },
  ]);
  return app.inject({
    method: 'POST',
    url: '/api/sites',
    payload,
    headers: { ...headers, ...who.headers },
  });
}

/** A site programme around `centre`, made by `admin` with the pond site type; their ids. */
export async function createPondProgramme(
  app: App,
  admin: SignedIn,
  slug: string,
  centre: number[],
): Promise<{ programId: number; typeId: number }> {
  const program = await app.inject({
    method: 'POST',
    url: '/api/admin/programs',
    headers: admin.headers,
    payload: { slug, title: 'Ponds', kind: 'sites', area: squareAround(centre) },
  });
  const programId = program.json<{ id: number }>().id;
  const type = await app.inject({
    method: 'POST',
    url: `/api/admin/programs/${programId}/site-types`,
    headers: admin.headers,
    payload: POND_TYPE,
  });
  return { programId, typeId: type.json<{ id: number }>().id };
}

/** A square area around a point, as GeoJSON. */
export function squareAround([lon, lat]: number[], half = 0.05) {
  const [w, s, e, n] = [lon! - half, lat! - half, lon! + half, lat! + half];
  return {
    type: 'Polygon',
    coordinates: [
      [
        [w, s],
        [e, s],
        [e, n],
        [w, n],
        [w, s],
      ],
    ],
  };
}

/** The body of a visit on a pond: answers to every field of the pond's visit form. */
export function pondVisit(extra: object = {}) {
  return {
    visitedOn: '2026-04-02',
    visitedTime: '08:30',
    comment: 'Sunny morning',
    customData: { waterLevel: 'normal', temperature: 11.5, eggMasses: 4 },
    ...extra,
  };
}

/** A second site type for the ponds programme: no forms, a pictogram, after the pond. */
export const TREE_TYPE = { name: 'Tree', position: 1, pictogramUrl: '/pictos/tree.svg' };
