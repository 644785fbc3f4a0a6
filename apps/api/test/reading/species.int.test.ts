import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type {
  ErrorResponse,
  ObservationDetail,
  ObservationFeatureCollection,
  SavedObservation,
  SpeciesStats,
} from '@citizen/shared';
import type { App } from '../../src/http/types.js';
import { createServices } from '../../src/services.js';
import { testConfig } from '../app.js';
import { describeWithDemo } from '../engines.js';
import { asUser, parseCsv, readingApp } from './helpers.js';

const BLACKBIRD = 4117;
const IN_PARK = [4.853, 45.778];
const validator = asUser({ id: 999_998, username: 'val', role: 'validator' });

describeWithDemo('species pages and species not in the list', (database) => {
  let app: App;
  const db = () => database().db;

  beforeAll(async () => {
    app = await readingApp(database());
  });
  afterAll(() => app?.close());

  const get = async <T>(url: string, headers: Record<string, string> = {}) => {
    const response = await app.inject({ method: 'GET', url, headers });
    return { status: response.statusCode, body: response.json<T>() };
  };

  /** The public observations of a taxon in active programmes, counted by the database. */
  const publicCount = async (cdRef: number) =>
    (
      await sql<{ n: number }>`
        select count(*)::int as n from observations o join taxa t on t.cd_nom = o.cd_nom
        join programs p on p.id = o.program_id
        where t.cd_ref = ${cdRef} and o.is_public and p.is_active`.execute(db())
    ).rows[0]!.n;

  /** The taxon with the most observations whose points are blurred for the public. */
  const sensitiveTaxon = async () =>
    (
      await sql<{ cd_nom: number }>`
        select o.cd_nom from observations o where o.sensitivity > 0 and o.is_public
        group by o.cd_nom order by count(*) desc, o.cd_nom limit 1`.execute(db())
    ).rows[0]!.cd_nom;

  it("counts a species' public observations per month and per programme", async () => {
    const { status, body } = await get<SpeciesStats>(`/api/taxa/${BLACKBIRD}/stats`);
    expect(status).toBe(200);
    const expected = await publicCount(BLACKBIRD);
    expect(expected).toBeGreaterThan(0);
    expect(body.cdRef).toBe(BLACKBIRD);
    expect(body.observations).toBe(expected);
    expect(body.months).toHaveLength(12);
    expect(body.months.reduce((a, b) => a + b, 0)).toBe(expected);
    expect(body.programs.reduce((a, p) => a + p.observations, 0)).toBe(expected);
    expect(body.firstObservedOn! <= body.lastObservedOn!).toBe(true);
    const { rows } = await sql<{ month: number; n: number }>`
      select extract(month from observed_on)::int as month, count(*)::int as n
      from observations where cd_nom = ${BLACKBIRD} and is_public group by 1`.execute(db());
    for (const row of rows) expect(body.months[row.month - 1]).toBe(row.n);
  });

  it('leaves hidden observations and inactive programmes out of the counts, whoever asks', async () => {
    const before = (await get<SpeciesStats>(`/api/taxa/${BLACKBIRD}/stats`)).body;
    const hidden = (
      await sql<{ id: string; program_id: number }>`
        update observations set hidden_at = now()
        where id = (select id from observations where cd_nom = ${BLACKBIRD} and is_public
          order by id limit 1)
        returning id, program_id`.execute(db())
    ).rows[0]!;
    try {
      for (const headers of [{}, validator]) {
        const after = (await get<SpeciesStats>(`/api/taxa/${BLACKBIRD}/stats`, headers)).body;
        expect(after.observations).toBe(before.observations - 1);
      }
      const points = await get<ObservationFeatureCollection>(
        `/api/taxa/${BLACKBIRD}/observations?limit=5000`,
      );
      expect(points.body.features.map((f) => f.id)).not.toContain(hidden.id);
      expect(points.body.features).toHaveLength(before.observations - 1);

      await sql`update programs set is_active = false where id = ${hidden.program_id}`.execute(
        db(),
      );
      const inactive = (await get<SpeciesStats>(`/api/taxa/${BLACKBIRD}/stats`)).body;
      expect(inactive.programs.map((p) => p.id)).not.toContain(hidden.program_id);
      expect(inactive.observations).toBe(await publicCount(BLACKBIRD));
    } finally {
      await sql`update observations set hidden_at = null where id = ${hidden.id}::uuid`.execute(
        db(),
      );
      await sql`update programs set is_active = true where id = ${hidden.program_id}`.execute(db());
    }
  });

  it('maps a sensitive species at its grid cells for the public, exactly for experts', async () => {
    const cdNom = await sensitiveTaxon();
    const { rows } = await sql<{ id: string; x: number; y: number; px: number; py: number }>`
      select id, ST_X(geom) as x, ST_Y(geom) as y, ST_X(public_geom) as px, ST_Y(public_geom) as py
      from observations where cd_nom = ${cdNom} and is_public and sensitivity > 0`.execute(db());
    expect(rows.length).toBeGreaterThan(0);
    const round = (n: number) => Math.round(n * 1e6) / 1e6;
    const pub = await get<ObservationFeatureCollection>(`/api/taxa/${cdNom}/observations`);
    const expert = await get<ObservationFeatureCollection>(
      `/api/taxa/${cdNom}/observations`,
      validator,
    );
    for (const row of rows) {
      const seen = pub.body.features.find((f) => f.id === row.id)!;
      expect(seen.geometry.coordinates).toEqual([round(row.px), round(row.py)]);
      expect(seen.geometry.coordinates).not.toEqual([round(row.x), round(row.y)]);
      const exact = expert.body.features.find((f) => f.id === row.id)!;
      expect(exact.geometry.coordinates).toEqual([round(row.x), round(row.y)]);
    }
  });

  it('answers 404 for an unknown taxon and 400 for a malformed one', async () => {
    const unknown = await get<ErrorResponse>('/api/taxa/999999999/stats');
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('taxon.notFound');
    expect((await get<ErrorResponse>('/api/taxa/abc/stats')).status).toBe(400);
    const points = await get<ErrorResponse>('/api/taxa/999999999/observations');
    expect(points.status).toBe(400);
    expect(points.body.code).toBe('filter.unknownTaxon');
  });

  it('takes a species not in the list only where the programme allows it, and flags it', async () => {
    // Programme 1 keeps a list of the blackbird alone: its most observed taxon is off the list.
    const list = await sql<{ id: number }>`
      insert into species_lists (name) values ('Blackbird only') returning id`.execute(db());
    const listId = list.rows[0]!.id;
    await sql`insert into species_list_taxa (list_id, cd_nom) values (${listId}, ${BLACKBIRD})`.execute(
      db(),
    );
    await sql`update programs set species_list_id = ${listId} where id = 1`.execute(db());
    const offList = (
      await sql<{ cd_nom: number }>`
        select cd_nom from observations where program_id = 1 and cd_nom <> ${BLACKBIRD}
        group by cd_nom order by count(*) desc limit 1`.execute(db())
    ).rows[0]!.cd_nom;
    const post = (cdNom: number) =>
      app.inject({
        method: 'POST',
        url: '/api/observations',
        payload: {
          programId: 1,
          cdNom,
          observedOn: '2026-05-14',
          location: { type: 'Point', coordinates: IN_PARK },
        },
      });

    const refused = await post(offList);
    expect(refused.statusCode).toBe(400);
    expect(refused.json<ErrorResponse>().code).toBe('observation.taxonNotListed');

    const services = createServices(testConfig(), database());
    const updated = await services.programs.update(1, { allowOffList: true });
    expect(updated.allowOffList).toBe(true);

    const accepted = await post(offList);
    expect(accepted.statusCode).toBe(201);
    const saved = accepted.json<SavedObservation>();
    const listed = await post(BLACKBIRD);
    expect(listed.statusCode).toBe(201);

    const detail = await get<ObservationDetail>(`/api/observations/${saved.id}`, validator);
    expect(detail.body.offList).toBe(true);
    const onList = await get<ObservationDetail>(
      `/api/observations/${listed.json<SavedObservation>().id}`,
      validator,
    );
    expect(onList.body.offList).toBe(false);

    const row = await db()
      .selectFrom('observations')
      .select('off_list')
      .where('id', '=', saved.id)
      .executeTakeFirstOrThrow();
    expect(row.off_list).toBe(true);

    const csv = await app.inject({
      method: 'GET',
      url: `/api/programs/1/export.csv?taxon=${offList}`,
      headers: validator,
    });
    const [header, ...lines] = parseCsv(csv.body);
    const column = header!.indexOf('off_list');
    expect(column).toBeGreaterThan(-1);
    expect(lines.find((line) => line[0] === saved.id)?.[column]).toBe('true');
    expect(lines.filter((line) => line[column] === 'false').length).toBeGreaterThan(0);

    await services.programs.update(1, { allowOffList: false });
    expect((await post(offList)).statusCode).toBe(400);
  });
});
