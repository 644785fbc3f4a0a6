import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import type { Role } from '../../src/db/schema.js';
import type { App } from '../../src/http/types.js';
import { describeWithDemo } from '../engines.js';
import { jpegWithGps, multipart } from '../images.js';
import { accountsApp, bearer, createUser, login, PASSWORD, type TestUser } from './helpers.js';

/**
 * Who may call each write route: a table of routes × actors → the expected status.
 *
 * Actors: anonymous; `owner`, an observer who owns the resource (for /auth/me routes: acts on
 * their own account); `other`, another observer; a validator; an admin. `allowed` means "got
 * past authorization": any status but 401 and 403 (e.g. 400 for a body the test did not bother to
 * make valid). To cover a new write route, add a row.
 */
type Actor = 'anonymous' | 'other' | 'owner' | 'validator' | 'admin';
const ACTORS: Actor[] = ['anonymous', 'other', 'owner', 'validator', 'admin'];
type Expected = number | 'allowed';

type Ctx = {
  app: App;
  database: Database;
  /** A new observation of `owner`, in an open demo programme. */
  observation(): Promise<string>;
  /** A new site of `owner` (in a site-protocol programme), and a visit of it by `owner`. */
  site(): Promise<number>;
  /** A valid body to create a site. */
  newSite(): Promise<object>;
  visit(): Promise<number>;
  /** A new account with no special right, for routes that change another account. */
  target(): Promise<TestUser>;
  validObservation(programId: number): Promise<object>;
};

type Request = {
  url: string;
  payload?: string | object | Buffer;
  headers?: Record<string, string>;
};

type Row = {
  route: string;
  request: (ctx: Ctx) => Promise<Request> | Request;
  /** The actor is a new account of its role: the request uses it up (logout, deletion...). */
  freshActor?: boolean;
  expect: Record<Actor, Expected>;
};

const signedIn = (status: number): Record<Actor, Expected> => ({
  anonymous: 401,
  other: status,
  owner: status,
  validator: status,
  admin: status,
});
const adminOnly: Record<Actor, Expected> = {
  anonymous: 401,
  other: 403,
  owner: 403,
  validator: 403,
  admin: 'allowed',
};
const validatorsOnly = (status: number | 'allowed'): Record<Actor, Expected> => ({
  anonymous: 401,
  other: 403,
  owner: 403,
  validator: status,
  admin: status,
});
const ownerOrAdmin = (status: number): Record<Actor, Expected> => ({
  anonymous: 401,
  other: 403,
  owner: status,
  validator: 403,
  admin: status,
});

async function avatarUpload(): Promise<Request> {
  const body = multipart({}, [
    { field: 'file', filename: 'me.jpg', type: 'image/jpeg', bytes: await jpegWithGps() },
  ]);
  return { url: '/api/auth/me/avatar', payload: body.payload, headers: body.headers };
}

const ROWS: Row[] = [
  // Accounts
  {
    route: 'PATCH /api/auth/me',
    request: () => ({ url: '/api/auth/me', payload: { displayName: 'Renamed' } }),
    expect: signedIn(200),
  },
  {
    route: 'POST /api/auth/me/password',
    freshActor: true,
    request: () => ({
      url: '/api/auth/me/password',
      payload: { currentPassword: PASSWORD, newPassword: 'Another long passphrase' },
    }),
    expect: signedIn(204),
  },
  {
    route: 'POST /api/auth/me/email',
    freshActor: true,
    request: () => ({
      url: '/api/auth/me/email',
      payload: { newEmail: `moved-${Math.random()}@example.net`, password: PASSWORD },
    }),
    expect: signedIn(202),
  },
  { route: 'PUT /api/auth/me/avatar', request: avatarUpload, expect: signedIn(200) },
  {
    route: 'DELETE /api/auth/me/avatar',
    request: () => ({ url: '/api/auth/me/avatar' }),
    expect: signedIn(204),
  },
  {
    route: 'DELETE /api/auth/me',
    freshActor: true,
    request: () => ({ url: '/api/auth/me', payload: { password: PASSWORD } }),
    expect: signedIn(204),
  },
  {
    route: 'POST /api/auth/logout-all',
    freshActor: true,
    request: () => ({ url: '/api/auth/logout-all' }),
    expect: signedIn(204),
  },
  {
    route: 'POST /api/auth/logout',
    freshActor: true,
    request: () => ({ url: '/api/auth/logout' }),
    expect: { anonymous: 204, other: 204, owner: 204, validator: 204, admin: 204 },
  },
  {
    route: 'PATCH /api/admin/users/:id (grant validator)',
    request: async (ctx) => ({
      url: `/api/admin/users/${(await ctx.target()).id}`,
      payload: { role: 'validator' },
    }),
    expect: { ...adminOnly, admin: 200 },
  },
  {
    route: 'PATCH /api/admin/users/:id (deactivate)',
    request: async (ctx) => ({
      url: `/api/admin/users/${(await ctx.target()).id}`,
      payload: { active: false },
    }),
    expect: { ...adminOnly, admin: 200 },
  },

  // Observations
  {
    route: 'POST /api/observations (open programme)',
    request: async (ctx) => ({ url: '/api/observations', payload: await ctx.validObservation(1) }),
    expect: { anonymous: 201, other: 201, owner: 201, validator: 201, admin: 201 },
  },
  {
    route: 'POST /api/observations (programme requiring registration)',
    request: async (ctx) => ({ url: '/api/observations', payload: await ctx.validObservation(2) }),
    expect: { ...signedIn(201) },
  },
  {
    route: 'PATCH /api/observations/:id',
    request: async (ctx) => ({
      url: `/api/observations/${await ctx.observation()}`,
      payload: { comment: 'Seen again' },
    }),
    expect: ownerOrAdmin(200),
  },
  {
    route: 'DELETE /api/observations/:id',
    request: async (ctx) => ({ url: `/api/observations/${await ctx.observation()}` }),
    expect: ownerOrAdmin(204),
  },
  {
    route: 'POST /api/observations/:id/validation',
    request: async (ctx) => ({
      url: `/api/observations/${await ctx.observation()}/validation`,
      payload: { status: 'certain' },
    }),
    expect: validatorsOnly(200),
  },
  {
    route: 'POST /api/observations/:id/comments',
    request: async (ctx) => ({
      url: `/api/observations/${await ctx.observation()}/comments`,
      payload: { comment: 'Is it a juvenile?' },
    }),
    expect: { anonymous: 401, other: 403, owner: 200, validator: 200, admin: 200 },
  },
  {
    route: 'POST /api/validation/bulk',
    request: async (ctx) => ({
      url: '/api/validation/bulk',
      payload: { ids: [await ctx.observation()], status: 'probable' },
    }),
    expect: validatorsOnly(200),
  },
  {
    route: 'POST /api/admin/observations/:id/hide',
    request: async (ctx) => ({
      url: `/api/admin/observations/${await ctx.observation()}/hide`,
      payload: { reason: 'Duplicate' },
    }),
    expect: { ...adminOnly, admin: 200 },
  },
  {
    route: 'POST /api/admin/observations/:id/unhide',
    request: async (ctx) => ({ url: `/api/admin/observations/${await ctx.observation()}/unhide` }),
    expect: { ...adminOnly, admin: 200 },
  },

  // Sites and visits
  {
    route: 'POST /api/sites',
    request: async (ctx) => ({ url: '/api/sites', payload: await ctx.newSite() }),
    expect: signedIn(201),
  },
  {
    route: 'PATCH /api/sites/:id',
    request: async (ctx) => ({
      url: `/api/sites/${await ctx.site()}`,
      payload: { name: 'Pond 2' },
    }),
    expect: ownerOrAdmin(200),
  },
  {
    route: 'DELETE /api/sites/:id',
    request: async (ctx) => ({ url: `/api/sites/${await ctx.site()}` }),
    expect: ownerOrAdmin(204),
  },
  {
    route: 'POST /api/sites/:id/visits',
    request: async (ctx) => ({
      url: `/api/sites/${await ctx.site()}/visits`,
      payload: { visitedOn: new Date().toISOString().slice(0, 10) },
    }),
    expect: signedIn(201),
  },
  {
    route: 'PATCH /api/visits/:id',
    request: async (ctx) => ({
      url: `/api/visits/${await ctx.visit()}`,
      payload: { comment: 'Frogs' },
    }),
    expect: ownerOrAdmin(200),
  },
  {
    route: 'DELETE /api/visits/:id',
    request: async (ctx) => ({ url: `/api/visits/${await ctx.visit()}` }),
    expect: ownerOrAdmin(204),
  },

  // Badges
  {
    route: 'PUT /api/me/leaderboard-preference',
    request: () => ({
      url: '/api/me/leaderboard-preference',
      payload: { hideFromLeaderboards: true },
    }),
    expect: signedIn(200),
  },

  // Notifications (each acts on the caller's own only)
  {
    route: 'POST /api/me/notifications/read',
    request: () => ({ url: '/api/me/notifications/read', payload: {} }),
    expect: signedIn(200),
  },
  {
    route: 'PUT /api/me/notification-preferences',
    request: () => ({
      url: '/api/me/notification-preferences',
      payload: { judgements: false, questions: true, badges: false },
    }),
    expect: signedIn(200),
  },

  // Administration of programmes, settings, pages, areas, taxonomy, species lists, sites, badges
  ...[
    'POST /api/admin/programs',
    'PATCH /api/admin/programs/1',
    'PUT /api/admin/programs/1/area',
    'PUT /api/admin/programs/1/image',
    'POST /api/admin/projects',
    'POST /api/admin/areas/import',
    'PATCH /api/admin/settings',
    'PUT /api/admin/settings/logo',
    'PUT /api/admin/pages/about',
    'DELETE /api/admin/pages/nowhere',
    'POST /api/admin/taxonomy/import',
    'POST /api/admin/species-lists',
    'POST /api/admin/species-lists/import',
    'PUT /api/admin/species-lists/1',
    'DELETE /api/admin/species-lists/999',
    'PUT /api/admin/species-lists/1/taxa/1/picture',
    'POST /api/admin/programs/1/site-types',
    'PATCH /api/admin/programs/1/site-types/1',
    'DELETE /api/admin/programs/1/site-types/999',
    'PATCH /api/admin/programs/1/site-settings',
    'POST /api/admin/badges/rules',
    'PATCH /api/admin/badges/rules/1',
    'DELETE /api/admin/badges/rules/999',
    'PUT /api/admin/badges/rules/1/picture',
    'POST /api/admin/badges/recompute',
    'PATCH /api/admin/programs/1/badge-settings',
  ].map((route): Row => ({
    route,
    request: () => ({ url: route.split(' ')[1]! }),
    expect: adminOnly,
  })),
];

describeWithDemo('authorization matrix of the write routes', (database) => {
  let app: App;
  let close: () => Promise<void>;
  const tokens = {} as Record<Exclude<Actor, 'anonymous'>, string>;
  const users = {} as Record<Exclude<Actor, 'anonymous'>, TestUser>;
  let ctx: Ctx;
  const ROLE_OF: Record<Exclude<Actor, 'anonymous'>, Role> = {
    other: 'observer',
    owner: 'observer',
    validator: 'validator',
    admin: 'admin',
  };

  beforeAll(async () => {
    const { db } = database();
    await sql`update programs set registration_required = true where id = 2`.execute(db);
    // A site-protocol programme over the same area as programme 1.
    const { rows: ponds } = await sql<{ id: number }>`
      insert into programs (slug, title, kind, area)
      select 'ponds', 'Ponds', 'sites', area from programs where id = 1
      returning id`.execute(db);
    const pondsId = ponds[0]!.id;
    ({ app, close } = await accountsApp(database()));
    for (const actor of ['other', 'owner', 'validator', 'admin'] as const) {
      users[actor] = await createUser(db, { role: ROLE_OF[actor] });
      tokens[actor] = (await login(app, users[actor].username)).accessToken!;
    }
    const validObservation = async (programId: number) => {
      const { rows } = await sql<{ cd_nom: number; lon: number; lat: number }>`
        select cd_nom, ST_X(geom) as lon, ST_Y(geom) as lat from observations
        where program_id = ${programId} order by id limit 1`.execute(db);
      const sample = rows[0]!;
      return {
        programId,
        cdNom: sample.cd_nom,
        observedOn: new Date().toISOString().slice(0, 10),
        location: { type: 'Point', coordinates: [sample.lon, sample.lat] },
      };
    };
    ctx = {
      app,
      database: database(),
      validObservation,
      target: () => createUser(db),
      site: async () => {
        const { rows } = await sql<{ id: number }>`
          with type as (
            insert into site_types (program_id, name) values (${pondsId}, 'Pond') returning id
          )
          insert into sites (program_id, site_type_id, name, geom, creator_id, creator_name)
          select ${pondsId}, type.id, 'Pond', o.geom, ${users.owner.id}, ${users.owner.username}
          from type, (select geom from observations where program_id = 1 order by id limit 1) o
          returning id`.execute(db);
        return rows[0]!.id;
      },
      newSite: async () => {
        const { rows } = await sql<{ type: number; lon: number; lat: number }>`
          with type as (
            insert into site_types (program_id, name) values (${pondsId}, 'Hedge') returning id
          )
          select type.id as type, ST_X(o.geom) as lon, ST_Y(o.geom) as lat
          from type, (select geom from observations where program_id = 1 order by id limit 1) o
          `.execute(db);
        const { type, lon, lat } = rows[0]!;
        return {
          programId: pondsId,
          siteTypeId: type,
          name: 'Hedge',
          location: { type: 'Point', coordinates: [lon, lat] },
        };
      },
      visit: async () => {
        const site = await ctx.site();
        const { rows } = await sql<{ id: number }>`
          insert into visits (site_id, visited_on, observer_id, observer_name)
          values (${site}, current_date, ${users.owner.id}, ${users.owner.username})
          returning id`.execute(db);
        return rows[0]!.id;
      },
      observation: async () => {
        const { rows } = await sql<{ id: string }>`
          insert into observations (program_id, cd_nom, observed_on, geom, observer_id, observer_name)
          select program_id, cd_nom, observed_on, geom, ${users.owner.id}, ${users.owner.username}
          from observations where program_id = 1 order by id limit 1
          returning id`.execute(db);
        return rows[0]!.id;
      },
    };
  });
  afterAll(() => close?.());

  it.each(ROWS.map((row) => [row.route, row] as const))('%s', async (_route, row) => {
    const results: Record<Actor, number> = {} as Record<Actor, number>;
    for (const actor of ACTORS) {
      let token = actor === 'anonymous' ? null : tokens[actor];
      if (row.freshActor && actor !== 'anonymous') {
        const fresh = await createUser(database().db, { role: ROLE_OF[actor] });
        token = (await login(app, fresh.username)).accessToken!;
      }
      const request = await row.request(ctx);
      const [method] = row.route.split(' ');
      const response = await app.inject({
        method: method as 'POST',
        url: request.url,
        ...(request.payload !== undefined ? { payload: request.payload } : {}),
        headers: { ...request.headers, ...(token ? bearer(token) : {}) },
      });
      results[actor] = response.statusCode;
      if (response.statusCode >= 500) throw new Error(`${row.route} as ${actor}: ${response.body}`);
    }
    const seen = Object.fromEntries(
      ACTORS.map((actor) => {
        const expected = row.expect[actor];
        const ok =
          expected === 'allowed'
            ? results[actor] !== 401 && results[actor] !== 403
            : results[actor] === expected;
        return [actor, ok ? expected : results[actor]];
      }),
    );
    expect(seen).toEqual(row.expect);
  });
});
