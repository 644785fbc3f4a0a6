import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { seedDemo } from '../../src/demo/seed.js';
import type { App } from '../../src/http/types.js';
import { describeOnEngines } from '../engines.js';
import { testApp } from '../app.js';
import { attachPhoto, parseCsv, readZip } from './helpers.js';

/** Names people typed that are e-mail addresses: the lists hide them, and so must every export. */
const DOMAIN = 'mail.example';

// Not in the PGlite core set: what it checks is which names are published, not how an engine
// writes the exports (reading/exports covers both engines).
describeOnEngines('names that look like e-mail addresses are never published', {}, (database) => {
  let app: App;
  const db = () => database().db;
  let observationId = '';
  let siteProgramId = 0;
  let visitObservationId = '';
  let siteId = 0;
  let member = '';

  /** Makes an observation anonymous under an e-mail-like name, with photos by such authors. */
  async function disguise(id: string, local: string) {
    await sql`update observations set observer_id = null, observer_name = ${`${local}@${DOMAIN}`}
      where id = ${id}::uuid`.execute(db());
    await attachPhoto(db(), id, `${local}.photo@${DOMAIN}`);
    await attachPhoto(db(), id, 'Camille Author');
  }

  beforeAll(async () => {
    await seedDemo(db(), { sites: true });
    app = await testApp(database(), { BADGES_ENABLED: 'true' });
    const observation = await sql<{ id: string }>`
      select id from observations where program_id = 2 and ST_Equals(public_geom, geom)
      order by id limit 1`.execute(db());
    observationId = observation.rows[0]!.id;
    await disguise(observationId, 'observer');
    // A registered observer whose display name is an address.
    const named = await sql<{ username: string }>`
        update users set display_name = ${`member@${DOMAIN}`}
        where id = (select observer_id from observations where program_id = 2
          and observer_id is not null order by id limit 1)
        returning username`.execute(db());
    member = named.rows[0]!.username;
    await sql`update programs set badges_enabled = true, leaderboard_enabled = true
        where id = 2`.execute(db());

    const visit = await sql<{ id: string; program_id: number }>`
      select id, program_id from observations
      where visit_id is not null and ST_Equals(public_geom, geom) order by id limit 1`.execute(
      db(),
    );
    visitObservationId = visit.rows[0]!.id;
    siteProgramId = visit.rows[0]!.program_id;
    await disguise(visitObservationId, 'visitor');
    const site = await sql<{ id: number }>`select id from sites order by id limit 1`.execute(db());
    siteId = Number(site.rows[0]!.id);
    const media = await sql<{ id: string }>`
      insert into media (storage_key, mime_type, byte_size, width, height, author, licence, variants)
      values ('test/site', 'image/jpeg', 1000, 1600, 1200, ${`site.photo@${DOMAIN}`}, 'CC-BY-4.0',
        '{thumb,display,original.jpg}')
      returning id`.execute(db());
    await sql`insert into site_media (site_id, media_id) values (${siteId}, ${media.rows[0]!.id}::uuid)`.execute(
      db(),
    );
  });
  afterAll(() => app?.close());

  const download = async (url: string) => {
    const response = await app.inject({ method: 'GET', url });
    expect(response.statusCode, response.body.slice(0, 300)).toBe(200);
    return response.rawPayload;
  };

  it('in lists and pages: observers and photo authors', async () => {
    const list = (await download('/api/observations?programId=2&hasPhoto=true')).toString();
    expect(list).toContain(observationId);
    expect(list).not.toContain(DOMAIN);
    const detail = (await download(`/api/observations/${observationId}`)).toString();
    expect(detail).toContain('Camille Author');
    expect(detail).not.toContain(DOMAIN);
    const site = (await download(`/api/sites/${siteId}`)).toString();
    expect(site).toContain('"photos":[{');
    expect(site).not.toContain(DOMAIN);
  });

  it("in a member's profile and badges, and on leaderboards", async () => {
    for (const url of [
      `/api/users/${member}`,
      `/api/users/${member}/badges`,
      '/api/programs/2/leaderboard',
    ]) {
      const body = (await download(url)).toString();
      expect(body, url).toContain(`"username":"${member}"`);
      expect(body, url).not.toContain(DOMAIN);
    }
  });

  it('in the CSV and GeoJSON of a programme', async () => {
    const csv = (await download('/api/programs/2/export.csv')).toString();
    expect(csv).not.toContain(DOMAIN);
    const [header, ...rows] = parseCsv(csv);
    const row = rows.find((r) => r[header!.indexOf('id')] === observationId)!;
    expect(row[header!.indexOf('observer')]).toBe('');

    const geojson = (await download('/api/programs/2/export.geojson')).toString();
    expect(geojson).not.toContain(DOMAIN);
    const { features } = JSON.parse(geojson) as {
      features: { id: string; properties: { observer: string | null } }[];
    };
    expect(features.find((f) => f.id === observationId)!.properties.observer).toBeNull();
  });

  it('in the Darwin Core Archive of a programme: recordedBy, rightsHolder and photo creators', async () => {
    const zip = readZip(await download('/api/programs/2/export.dwca.zip'));
    const occurrences = zip.get('occurrence.txt')!.toString();
    const multimedia = zip.get('multimedia.txt')!.toString();
    expect(occurrences).not.toContain(DOMAIN);
    expect(multimedia).not.toContain(DOMAIN);
    // The other author of the same observation is still credited.
    expect(multimedia).toContain('Camille Author');
    expect(occurrences).toContain(observationId);
  });

  it('in the exports of a site programme', async () => {
    const base = `/api/programs/${siteProgramId}/export`;
    const species = (await download(`${base}/visit-observations.csv`)).toString();
    expect(species).toContain(visitObservationId);
    expect(species).not.toContain(DOMAIN);
    expect((await download(`${base}/sites.geojson`)).toString()).not.toContain(DOMAIN);
    const zip = readZip(await download(`${base}/events.dwca.zip`));
    expect(zip.get('occurrence.txt')!.toString()).toContain(visitObservationId);
    expect(zip.get('occurrence.txt')!.toString()).not.toContain(DOMAIN);
  });
});
