import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ObservationStats, PlatformStats, ProgramDetail, ProgramList } from '@citizen/shared';
import type { App } from '../../src/http/types.js';
import { describeWithDemo } from '../engines.js';
import { asUser, insertObservation, readingApp } from './helpers.js';

describeWithDemo('statistics', (database) => {
  let app: App;
  const db = () => database().db;

  beforeAll(async () => {
    app = await readingApp(database());
  });
  afterAll(() => app?.close());

  const get = async <T>(url: string, headers: Record<string, string> = {}) => {
    const response = await app.inject({ method: 'GET', url, headers });
    return {
      status: response.statusCode,
      body: (response.body ? response.json<T>() : null) as T,
      headers: response.headers,
    };
  };

  const expected = async (where = sql`true`) => {
    const { rows } = await sql<{ observations: number; species: number; observers: number }>`
      select count(*)::int as observations, count(distinct t.cd_ref)::int as species,
        count(distinct coalesce(o.observer_id::text, 'anonymous:' || lower(trim(o.observer_name))))::int
          as observers
      from observations o join taxa t on t.cd_nom = o.cd_nom
      join programs p on p.id = o.program_id
      where p.is_active and o.is_public and ${where}`.execute(db());
    return rows[0]!;
  };

  it('counts observations, species and observers per programme and overall', async () => {
    const one = await get<ObservationStats>('/api/programs/1/stats');
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject(await expected(sql`o.program_id = 1`));
    expect(one.body.observations).toBe(260);
    const all = await get<PlatformStats>('/api/stats');
    expect(all.body).toMatchObject({ ...(await expected()), programs: 2 });
    expect(all.body.observations).toBe(440);
  });

  it('follows every change, and answers 304 while nothing changed', async () => {
    const before = await get<ObservationStats>('/api/programs/1/stats');
    const etag = before.headers.etag as string;
    expect((await get('/api/programs/1/stats', { 'if-none-match': etag })).status).toBe(304);
    const platformEtag = (await get('/api/stats')).headers.etag as string;

    const { cd_nom: cdNom } = await db()
      .selectFrom('taxa')
      .select('cd_nom')
      .orderBy('cd_nom')
      .executeTakeFirstOrThrow();
    // Two anonymous observers, one of them twice (names compared without case).
    for (const name of ['Zoé', 'zoé ', 'Marc']) {
      await insertObservation(db(), {
        programId: 1,
        cdNom,
        lon: 4.85,
        lat: 45.775,
        observedOn: '2024-01-01',
        observerName: name,
      });
    }
    const after = await get<ObservationStats>('/api/programs/1/stats', { 'if-none-match': etag });
    expect(after.status).toBe(200);
    expect(after.body.observations).toBe(before.body.observations + 3);
    expect(after.body.observers).toBe(before.body.observers + 2);
    expect(after.body.dataVersion).not.toBe(before.body.dataVersion);
    expect((await get('/api/stats', { 'if-none-match': platformEtag })).status).toBe(200);
    expect((await get<PlatformStats>('/api/stats')).body.observations).toBe(443);
  });

  it('leaves inactive programmes out for the public', async () => {
    await sql`update programs set is_active = false where id = 2`.execute(db());
    try {
      expect((await get('/api/programs/2/stats')).status).toBe(404);
      const admin = asUser({ id: 1, username: 'admin', role: 'admin' });
      expect((await get('/api/programs/2/stats', admin)).status).toBe(200);
      const all = await get<PlatformStats>('/api/stats');
      expect(all.body.programs).toBe(1);
      expect(all.body.observations).toBe((await expected()).observations);
    } finally {
      await sql`update programs set is_active = true where id = 2`.execute(db());
    }
  });

  it('counts only what the public sees', async () => {
    const before = (await get<ObservationStats>('/api/programs/2/stats')).body.observations;
    await sql`update observations set hidden_at = now() where id in (
      select id from observations where program_id = 2 order by id limit 4)`.execute(db());
    try {
      const after = await get<ObservationStats>('/api/programs/2/stats');
      expect(after.body.observations).toBe(before - 4);
      expect(after.body).toMatchObject(await expected(sql`o.program_id = 2`));
    } finally {
      await sql`update observations set hidden_at = null where program_id = 2`.execute(db());
    }
  });

  it("gives the programme list and page the programme's statistics, as they change", async () => {
    const countsIn = async () => {
      const list = (await get<ProgramList>('/api/programs')).body.items.find((p) => p.id === 2)!;
      const page = (await get<ProgramDetail>('/api/programs/2')).body;
      const stats = (await get<ObservationStats>('/api/programs/2/stats')).body;
      expect([list.observationCount, list.speciesCount]).toEqual([
        stats.observations,
        stats.species,
      ]);
      expect([page.observationCount, page.speciesCount]).toEqual([
        stats.observations,
        stats.species,
      ]);
      return stats;
    };
    const before = await countsIn();
    expect(before).toMatchObject(await expected(sql`o.program_id = 2`));
    await sql`update observations set hidden_at = now() where id in (
      select id from observations where program_id = 2 order by id limit 3)`.execute(db());
    try {
      const after = await countsIn();
      expect(after.observations).toBe(before.observations - 3);
      expect(after).toMatchObject(await expected(sql`o.program_id = 2`));
    } finally {
      await sql`update observations set hidden_at = null where program_id = 2`.execute(db());
    }
    expect((await countsIn()).observations).toBe(before.observations);
  });

  it('answers 404 for an unknown programme and 400 for a malformed id', async () => {
    expect((await get('/api/programs/999/stats')).status).toBe(404);
    expect((await get('/api/programs/abc/stats')).status).toBe(400);
  });
});
