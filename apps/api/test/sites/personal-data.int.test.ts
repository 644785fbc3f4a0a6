import { afterAll, beforeAll, expect, it } from 'vitest';
import type { App } from '../../src/http/types.js';
import { PASSWORD, RELAXED_LIMITS } from '../accounts/helpers.js';
import { testApp } from '../app.js';
import { describeWithDemo } from '../engines.js';
import { createPondProgramme, POND, signedIn, type SignedIn } from './helpers.js';

/** Sites and visits follow their author's data rights: in the export, and erased with the account. */
describeWithDemo('sites and visits in personal data', (database) => {
  let app: App;
  let admin: SignedIn;
  let programId: number;
  let typeId: number;

  beforeAll(async () => {
    app = await testApp(database(), { RATE_LIMITS: RELAXED_LIMITS });
    await app.ready();
    admin = await signedIn(app, database().db, { username: 'pd-admin', role: 'admin' });
    ({ programId, typeId } = await createPondProgramme(app, admin, 'pd-ponds', POND));
  });
  afterAll(() => app?.close());

  const siteAndVisit = async (who: SignedIn) => {
    const site = await app.inject({
      method: 'POST',
      url: '/api/sites',
      headers: who.headers,
      payload: {
        programId,
        siteTypeId: typeId,
        name: `Pond of ${who.username}`,
        location: { type: 'Point', coordinates: POND },
        customData: { surface: 20 },
      },
    });
    expect(site.statusCode).toBe(201);
    const siteId = site.json<{ id: number }>().id;
    const visit = await app.inject({
      method: 'POST',
      url: `/api/sites/${siteId}/visits`,
      headers: who.headers,
      payload: { visitedOn: '2026-04-02', customData: { waterLevel: 'low' } },
    });
    expect(visit.statusCode).toBe(201);
    return siteId;
  };

  const deleteAccount = (who: SignedIn, observations: 'anonymise' | 'delete') =>
    app.inject({
      method: 'DELETE',
      url: '/api/auth/me',
      headers: who.headers,
      payload: { password: PASSWORD, observations },
    });

  it('exports my sites and visits', async () => {
    const me = await signedIn(app, database().db, { username: 'pd-exporter' });
    await siteAndVisit(me);
    const exported = await app.inject({
      method: 'GET',
      url: '/api/auth/me/export?format=json',
      headers: me.headers,
    });
    const body = exported.json<{
      sitesAndVisits: { sites: { name: string }[]; visits: { visited_on: string }[] };
    }>();
    expect(body.sitesAndVisits.sites.map((s) => s.name)).toEqual(['Pond of pd-exporter']);
    expect(body.sitesAndVisits.visits.map((v) => v.visited_on)).toEqual(['2026-04-02']);
  });

  it('deletes my visits and my unvisited sites with my account, and keeps sites others visited, unsigned', async () => {
    const me = await signedIn(app, database().db, { username: 'pd-leaver' });
    const other = await signedIn(app, database().db, { username: 'pd-stayer' });
    const mine = await siteAndVisit(me);
    const shared = await siteAndVisit(me);
    await app.inject({
      method: 'POST',
      url: `/api/sites/${shared}/visits`,
      headers: other.headers,
      payload: { visitedOn: '2026-04-03', customData: { waterLevel: 'high' } },
    });
    expect((await deleteAccount(me, 'delete')).statusCode).toBe(204);

    const sites = await database()
      .db.selectFrom('sites')
      .select(['id', 'creator_id', 'creator_name'])
      .where('id', 'in', [mine, shared])
      .execute();
    expect(sites).toEqual([{ id: shared, creator_id: null, creator_name: null }]);
    const visits = await database()
      .db.selectFrom('visits')
      .select(['observer_id'])
      .where('site_id', '=', shared)
      .execute();
    expect(visits).toEqual([{ observer_id: other.id }]);
  });

  it('keeps my sites and visits without my name when I choose to anonymise', async () => {
    const me = await signedIn(app, database().db, { username: 'pd-anonymous' });
    const site = await siteAndVisit(me);
    expect((await deleteAccount(me, 'anonymise')).statusCode).toBe(204);
    const row = await database()
      .db.selectFrom('sites')
      .select(['creator_id', 'creator_name'])
      .where('id', '=', site)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ creator_id: null, creator_name: null });
    const visit = await database()
      .db.selectFrom('visits')
      .select(['observer_id', 'observer_name'])
      .where('site_id', '=', site)
      .executeTakeFirstOrThrow();
    expect(visit).toEqual({ observer_id: null, observer_name: null });
  });
});
