import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ErrorResponse, ExploreStats, ProgramCharts } from '@citizen/shared';
import type { App } from '../../src/http/types.js';
import { createUser } from '../accounts/helpers.js';
import { describeWithDemo } from '../engines.js';
import { insertObservation, readingApp } from './helpers.js';

const BLACKBIRD = 4117;
const IN_PARK = { lon: 4.853, lat: 45.778 };

/**
 * The explore page's and a programme's statistics: public observations only, contributors only
 * when they accept to be listed (an opt-out shows at once, cache or not), and the species curve
 * counting each accepted taxon from its first month.
 */
describeWithDemo('explore and programme charts', (database) => {
  let app: App;
  const db = () => database().db;

  beforeAll(async () => {
    app = await readingApp(database());
  });
  afterAll(() => app?.close());

  const get = async <T>(url: string) => {
    const response = await app.inject({ method: 'GET', url });
    return { status: response.statusCode, body: response.json<T>() };
  };

  it('counts public observations per month and the species found so far', async () => {
    const charts = await get<ProgramCharts>('/api/programs/1/charts');
    expect(charts.status).toBe(200);
    const { rows } = await sql<{ month: string; n: number }>`
      select to_char(observed_on, 'YYYY-MM') as month, count(*)::int as n
      from observations where program_id = 1 and is_public group by 1 order by 1`.execute(db());
    const byMonth = new Map(charts.body.months.map((m) => [m.month, m.observations]));
    for (const row of rows) expect(byMonth.get(row.month)).toBe(row.n);
    // Months follow each other without gaps; empty ones count zero.
    const months = charts.body.months.map((m) => m.month);
    expect(months).toEqual([...months].sort());
    expect(charts.body.months.reduce((sum, m) => sum + m.observations, 0)).toBe(
      rows.reduce((sum, r) => sum + r.n, 0),
    );
    // The curve never goes down and ends on the programme's species count.
    const curve = charts.body.months.map((m) => m.speciesSoFar);
    expect(curve).toEqual([...curve].sort((a, b) => a - b));
    const { rows: species } = await sql<{ n: number }>`
      select count(distinct t.cd_ref)::int as n from observations o
      join taxa t on t.cd_nom = o.cd_nom where o.program_id = 1 and o.is_public`.execute(db());
    expect(curve.at(-1)).toBe(species[0]!.n);
  });

  it('leaves out hidden observations and observers who opted out, at once', async () => {
    const keen = await createUser(db(), { username: 'keen-observer' });
    for (let day = 1; day <= 80; day++) {
      await insertObservation(db(), {
        programId: 1,
        cdNom: BLACKBIRD,
        ...IN_PARK,
        observedOn: `2025-0${1 + (day % 9)}-${String(1 + (day % 28)).padStart(2, '0')}`,
        observerId: keen.id,
      });
    }
    const names = async () => ({
      explore: (await get<ExploreStats>('/api/explore?lang=en')).body.contributors,
      programme: (await get<ProgramCharts>('/api/programs/1/charts')).body.topObservers,
    });
    const before = await names();
    expect(before.explore[0]).toMatchObject({ name: 'keen-observer', observations: 80 });
    expect(before.programme[0]).toMatchObject({ name: 'keen-observer', observations: 80 });

    await db()
      .updateTable('users')
      .set({ hide_from_leaderboards: true })
      .where('id', '=', keen.id)
      .execute();
    const after = await names();
    expect(after.explore.map((c) => c.name)).not.toContain('keen-observer');
    expect(after.programme.map((c) => c.name)).not.toContain('keen-observer');

    // A hidden observation leaves the counts.
    const top = (await get<ExploreStats>('/api/explore?lang=en')).body.topSpecies;
    const blackbird = top.find((s) => s.cdNom === BLACKBIRD)!;
    await sql`update observations set hidden_at = now()
      where id = (select id from observations where observer_id = ${keen.id} limit 1)`.execute(
      db(),
    );
    const again = (await get<ExploreStats>('/api/explore?lang=en')).body.topSpecies;
    expect(again.find((s) => s.cdNom === BLACKBIRD)!.observations).toBe(blackbird.observations - 1);
    expect(blackbird.name).toBe('Common Blackbird');
  });

  it('answers 404 for a programme that does not exist, 400 for a bad language', async () => {
    const missing = await get<ErrorResponse>('/api/programs/999999/charts');
    expect(missing.status).toBe(404);
    const bad = await get<ErrorResponse>('/api/explore?lang=xx');
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('lang');
  });
});
