import { afterAll, beforeAll, expect, it } from 'vitest';
import type { TaxonDetail, TaxonHit } from '@citizen/shared';
import type { App } from '../../src/http/types.js';
import { createSpeciesListsRepository } from '../../src/species-lists/species-lists.repository.js';
import { createSpeciesListsService } from '../../src/species-lists/species-lists.service.js';
import { createTaxonomyService } from '../../src/taxonomy/taxonomy.service.js';
import { testApp } from '../app.js';
import { describeOnEngines } from '../engines.js';
import { fixture, insertProgram, unaudited } from './helpers.js';

const PICTURE = 'https://pictures.example.org/turdus-merula.jpg';

describeOnEngines('taxon search and reading', { pglite: true }, (database) => {
  let app: App;
  let listProgram: number;
  let wholeProgram: number;

  beforeAll(async () => {
    const db = database().db;
    const taxonomy = createTaxonomyService(db, { taxhub: null });
    await taxonomy.importTaxref(fixture('taxref-sample.tsv'));
    await taxonomy.importDwc({
      kind: 'files',
      taxon: { path: fixture('dwc/Taxon.tsv'), name: 'Taxon.tsv' },
      vernacular: { path: fixture('dwc/VernacularName.tsv'), name: 'VernacularName.tsv' },
    });
    // A list holding the blackbird (with a picture), the sparrowhawk and a synonym of the greenfinch.
    const list = await createSpeciesListsService(createSpeciesListsRepository(db)).create(
      {
        name: 'Garden birds',
        taxa: [{ cdNom: 4117, pictureUrl: PICTURE }, { cdNom: 2895 }, { cdNom: 4582 }],
      },
      'fr',
      unaudited,
    );
    listProgram = await insertProgram(db, 'garden-birds', list.id);
    wholeProgram = await insertProgram(db, 'everything', null);
    app = await testApp(database());
  });
  afterAll(() => app?.close());

  const search = async (query: string) => {
    const response = await app.inject({ method: 'GET', url: `/api/taxa/search?${query}` });
    expect(response.statusCode, response.body).toBe(200);
    return response.json<{ items: TaxonHit[] }>().items;
  };
  const ids = (hits: TaxonHit[]) => hits.map((h) => h.cdNom);

  it('finds "Épervier d\'Europe" from "epervier": accents and case do not matter', async () => {
    const [first] = await search('q=epervier&lang=fr');
    expect(first).toEqual({
      cdNom: 2895,
      cdRef: 2895,
      scientificName: 'Accipiter nisus',
      authority: '(Linnaeus, 1758)',
      rank: 'ES',
      vernacularName: "Épervier d'Europe",
      family: 'Accipitridae',
      observerGroup: null,
      pictureUrl: null,
      thumbnailUrl: null,
      matchedName: null,
    });
    expect(ids(await search('q=%C3%89PERVIER%20D%27EU'))[0]).toBe(2895);
    expect(ids(await search('q=MERLE%20NOIR&lang=fr'))[0]).toBe(4117);
  });

  it('ranks preferred vernacular names starting with the query first, then other prefixes', async () => {
    const hits = await search('q=mesange&lang=fr&limit=50');
    const names = hits.map((h) => h.vernacularName ?? '');
    const prefixed = names.filter((n) => n.startsWith('Mésange'));
    expect(prefixed.length).toBeGreaterThanOrEqual(4);
    expect(names.slice(0, prefixed.length)).toEqual(prefixed);
    expect(prefixed).toContain('Mésange charbonnière');
    // Word prefixes come after: "europe" is the second word of these names.
    const europe = await search('q=europe&lang=fr&limit=50');
    expect(europe.map((h) => h.vernacularName)).toEqual(
      expect.arrayContaining(["Épervier d'Europe", "Verdier d'Europe"]),
    );
  });

  it('finds names by their words in any order, the last one as a prefix', async () => {
    expect(ids(await search('q=noir%20merl&lang=fr'))[0]).toBe(4117);
    expect(ids(await search('q=merula%20tur&lang=fr'))[0]).toBe(4117);
  });

  it('forgives typos, word by word', async () => {
    expect(ids(await search('q=merl%20noir&lang=fr'))[0]).toBe(4117);
    expect(ids(await search('q=turdus%20merla&lang=fr'))[0]).toBe(4117);
    expect(ids(await search('q=eprevier%20d%20europe&lang=fr'))[0]).toBe(2895);
    // A wrong first letter, and a word left half typed.
    expect(ids(await search('q=verle%20noir&lang=fr'))[0]).toBe(4117);
    expect(ids(await search('q=mesage%20charb&lang=fr'))[0]).toBe(3764);
  });

  it('matches scientific names, whole or by a word', async () => {
    expect(ids(await search('q=accipiter%20ni'))[0]).toBe(2895);
    expect(ids(await search('q=nisus'))).toContain(2895);
  });

  it('gives the vernacular name in the asked language', async () => {
    const name = async (lang: string) =>
      (await search(`q=turdus%20merula&lang=${lang}`))[0]!.vernacularName;
    expect(await name('fr')).toBe('Merle noir');
    expect(await name('en')).toBe('Common Blackbird');
    expect(await name('de')).toBe('Amsel');
    expect(ids(await search('q=amsel&lang=de'))[0]).toBe(4117);
    expect(ids(await search('q=blackbird&lang=en'))[0]).toBe(4117);
    // A name is searched in the asked language only.
    expect(ids(await search('q=amsel&lang=fr'))).not.toContain(4117);
  });

  it('returns the accepted taxon, once, for a synonym', async () => {
    const hits = await search('q=chloris%20chloris&lang=fr');
    expect(hits[0]).toMatchObject({
      cdNom: 4580,
      cdRef: 4580,
      scientificName: 'Carduelis chloris',
      matchedName: 'Chloris chloris',
    });
    expect(ids(hits)).not.toContain(4582);
    // The synonym carries the same French name as its accepted taxon: still one result.
    expect(ids(await search('q=verdier&lang=fr')).filter((id) => id === 4580)).toHaveLength(1);
  });

  it("searches only the programme's species list (synonyms included), with its pictures", async () => {
    const hits = await search(`q=m&lang=fr&program=${listProgram}`);
    expect(hits.length).toBeGreaterThan(0);
    for (const id of ids(hits)) expect([4117, 2895, 4580]).toContain(id);
    expect(hits.find((h) => h.cdNom === 4117)?.pictureUrl).toBe(PICTURE);
    expect(ids(await search(`q=verdier&program=${listProgram}`))).toEqual([4580]);
    expect(ids(await search(`q=merl%20noi&program=${listProgram}`))).toEqual([4117]);
    expect(await search(`q=pic%20vert&program=${listProgram}`)).toEqual([]);
    // A programme without a list searches the whole taxonomy.
    expect(ids(await search(`q=pic%20noir&program=${wholeProgram}`))[0]).toBe(3608);
  });

  it('checks its parameters', async () => {
    const status = async (query: string) =>
      (await app.inject({ method: 'GET', url: `/api/taxa/search?${query}` })).statusCode;
    expect(await status('q=')).toBe(400);
    expect(await status('q=merle&limit=51')).toBe(400);
    expect(await status('q=merle&lang=es')).toBe(400);
    expect(await status('q=merle&program=99999')).toBe(404);
    expect(await search('q=%27%27%20-')).toEqual([]);
    expect(await search('q=m&limit=3')).toHaveLength(3);
  });

  it('reads one taxon with all its vernacular names, classification and synonyms', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/taxa/4580?lang=de' });
    expect(response.statusCode).toBe(200);
    expect(response.json<TaxonDetail>()).toEqual({
      cdNom: 4580,
      cdRef: 4580,
      scientificName: 'Carduelis chloris',
      authority: '(Linnaeus, 1758)',
      rank: 'ES',
      vernacularName: 'Grünfink',
      vernacularNames: [
        { lang: 'de', name: 'Grünfink', preferred: true },
        { lang: 'en', name: 'European Greenfinch', preferred: true },
        { lang: 'fr', name: "Verdier d'Europe", preferred: true },
      ],
      classification: {
        kingdom: 'Animalia',
        phylum: 'Chordata',
        class: 'Aves',
        order: 'Passeriformes',
        family: 'Fringillidae',
      },
      observerGroup: null,
      sensitivity: 0,
      taxrefVersion: '10.0',
      accepted: null,
      synonyms: [
        {
          cdNom: 4582,
          scientificName: 'Chloris chloris',
          authority: '(Linnaeus, 1758)',
          rank: 'ES',
        },
      ],
    });
    const synonym = await app.inject({ method: 'GET', url: '/api/taxa/4582?lang=fr' });
    expect(synonym.json<TaxonDetail>()).toMatchObject({
      cdNom: 4582,
      cdRef: 4580,
      vernacularName: "Verdier d'Europe",
      accepted: { cdNom: 4580, scientificName: 'Carduelis chloris' },
      synonyms: [],
    });
    expect((await app.inject({ method: 'GET', url: '/api/taxa/1' })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: '/api/taxa/abc' })).statusCode).toBe(400);
  });

  it("lists a programme's species for a picker, in list order; 400 for the whole taxonomy", async () => {
    const response = await app.inject({
      method: 'GET',
      url: `/api/programs/${listProgram}/taxa?lang=en`,
    });
    expect(response.statusCode).toBe(200);
    const items = response.json<{ items: TaxonHit[] }>().items;
    expect(items.map((i) => [i.cdNom, i.vernacularName, i.pictureUrl, i.matchedName])).toEqual([
      [4117, 'Common Blackbird', PICTURE, null],
      [2895, 'Eurasian Sparrowhawk', null, null],
      [4580, 'European Greenfinch', null, 'Chloris chloris'],
    ]);
    const whole = await app.inject({ method: 'GET', url: `/api/programs/${wholeProgram}/taxa` });
    expect(whole.statusCode).toBe(400);
    expect(whole.json()).toMatchObject({
      code: 'program.noSpeciesList',
      params: { id: wholeProgram },
      message: expect.stringMatching(/\/api\/taxa\/search\?program=/),
    });
    const missing = await app.inject({ method: 'GET', url: '/api/programs/99999/taxa' });
    expect(missing.statusCode).toBe(404);
  });
});
