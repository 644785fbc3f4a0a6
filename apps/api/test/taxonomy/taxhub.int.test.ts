import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { TaxonHit } from '@citizen/shared';
import type { App } from '../../src/http/types.js';
import { createSpeciesListsRepository } from '../../src/species-lists/species-lists.repository.js';
import { createSpeciesListsService } from '../../src/species-lists/species-lists.service.js';
import { createTaxonomyService } from '../../src/taxonomy/taxonomy.service.js';
import { testApp } from '../app.js';
import { describeOnEngines } from '../engines.js';
import { fixture, insertProgram, unaudited } from './helpers.js';

/**
 * With TAXHUB_URL set, the API reads the taxonomy from TaxHub. No TaxHub can run on the test
 * machine (a Flask application with its own database schema): a real HTTP server started here
 * answers TaxHub v2's routes with TaxHub-shaped JSON built from a real TAXREF row.
 */
const blackbird = {
  cd_nom: 4117,
  cd_ref: 4117,
  lb_nom: 'Turdus merula',
  lb_auteur: 'Linnaeus, 1758',
  nom_complet: 'Turdus merula Linnaeus, 1758',
  nom_valide: 'Turdus merula Linnaeus, 1758',
  nom_vern: 'Merle noir',
  nom_vern_eng: 'Common Blackbird',
  id_rang: 'ES',
  regne: 'Animalia',
  classe: 'Aves',
  famille: 'Turdidae',
  group2_inpn: 'Oiseaux',
};

let server: Server;
let url: string;
const requests: string[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    const path = request.url!;
    requests.push(path);
    const send = (body: unknown) =>
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    if (path === '/api/taxref/4117') return send(blackbird);
    if (path.startsWith('/api/taxref/allnamebylist/')) {
      return send([{ ...blackbird, search_name: 'Merle noir = <i>Turdus merula</i>' }]);
    }
    if (path.startsWith('/api/taxref?id_liste=33')) {
      return send({
        items: [{ ...blackbird, medias: [{ media_url: 'https://taxhub.example.org/m/1.jpg' }] }],
      });
    }
    response.writeHead(404, { 'content-type': 'application/json' }).end('{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

describeOnEngines('taxonomy from a TaxHub server', (database) => {
  let app: App;
  let program: number;

  beforeAll(async () => {
    const db = database().db;
    // The local taxonomy differs on purpose: answers must come from TaxHub.
    await createTaxonomyService(db, { taxhub: null }).importTaxref(fixture('taxref-sample.tsv'));
    const list = await createSpeciesListsService(createSpeciesListsRepository(db)).create(
      { name: 'TaxHub birds', taxhubListId: 33, taxa: [{ cdNom: 2895 }] },
      'fr',
      unaudited,
    );
    program = await insertProgram(db, 'taxhub-birds', list.id);
    app = await testApp(database(), { TAXHUB_URL: url });
  });
  afterAll(() => app?.close());

  it("serves search, taxon and a programme's species from TaxHub", async () => {
    const search = await app.inject({
      method: 'GET',
      url: `/api/taxa/search?q=merle&lang=en&program=${program}`,
    });
    expect(search.statusCode).toBe(200);
    expect(search.json<{ items: TaxonHit[] }>().items).toEqual([
      expect.objectContaining({
        cdNom: 4117,
        vernacularName: 'Common Blackbird',
        pictureUrl: 'https://taxhub.example.org/m/1.jpg',
      }),
    ]);
    expect(requests).toContain('/api/taxref/allnamebylist/33?search_name=merle&limit=60');

    const taxa = await app.inject({ method: 'GET', url: `/api/programs/${program}/taxa` });
    expect(taxa.json<{ items: TaxonHit[] }>().items.map((t) => t.cdNom)).toEqual([4117]);

    const taxon = await app.inject({ method: 'GET', url: '/api/taxa/4117?lang=fr' });
    expect(taxon.json()).toMatchObject({
      cdNom: 4117,
      vernacularName: 'Merle noir',
      sensitivity: 0,
    });
    // Sensitivity rules are Citizen's own, whatever the taxonomy source.
    await database()
      .db.insertInto('sensitivity_rules')
      .values({ source: 'manual', cd_nom: 4117, level: 2 })
      .execute();
    const ruled = await app.inject({ method: 'GET', url: '/api/taxa/4117?lang=fr' });
    expect(ruled.json()).toMatchObject({ cdNom: 4117, sensitivity: 2 });
    expect((await app.inject({ method: 'GET', url: '/api/taxa/2895' })).statusCode).toBe(404);
  });
});
