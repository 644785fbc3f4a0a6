import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTaxHubSource } from './taxhub-source.js';

/**
 * No TaxHub can run on the test machine (it is a Python/Flask application with its own
 * PostgreSQL schema), so the adapter is tested against a real HTTP server started here that
 * answers TaxHub v2's routes with TaxHub-shaped JSON (fields of taxonomie.taxref, real TAXREF rows).
 */
const taxref = {
  4117: {
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
    phylum: 'Chordata',
    classe: 'Aves',
    ordre: 'Passeriformes',
    famille: 'Turdidae',
    group2_inpn: 'Oiseaux',
    synonymes: [{ cd_nom: 4117, nom_complet: 'Turdus merula Linnaeus, 1758' }],
  },
  4580: {
    cd_nom: 4580,
    cd_ref: 4580,
    lb_nom: 'Carduelis chloris',
    lb_auteur: '(Linnaeus, 1758)',
    nom_complet: 'Carduelis chloris (Linnaeus, 1758)',
    nom_valide: 'Carduelis chloris (Linnaeus, 1758)',
    nom_vern: "Verdier d'Europe",
    nom_vern_eng: 'European Greenfinch',
    id_rang: 'ES',
    regne: 'Animalia',
    classe: 'Aves',
    famille: 'Fringillidae',
    group2_inpn: 'Oiseaux',
    synonymes: [{ cd_nom: 4582, nom_complet: 'Chloris chloris (Linnaeus, 1758)' }],
  },
  4582: {
    cd_nom: 4582,
    cd_ref: 4580,
    lb_nom: 'Chloris chloris',
    lb_auteur: '(Linnaeus, 1758)',
    nom_complet: 'Chloris chloris (Linnaeus, 1758)',
    nom_valide: 'Carduelis chloris (Linnaeus, 1758)',
    nom_vern: "Verdier d'Europe",
    id_rang: 'ES',
    famille: 'Fringillidae',
  },
} as const;

const autocomplete = (row: (typeof taxref)[keyof typeof taxref]) => ({
  cd_nom: row.cd_nom,
  cd_ref: row.cd_ref,
  search_name: `${row.lb_nom} =  <i> ${row.nom_valide}</i>`,
  nom_valide: row.nom_valide,
  lb_nom: row.lb_nom,
  nom_vern: row.nom_vern,
  regne: 'Animalia',
  group2_inpn: 'Oiseaux',
});

let server: Server;
let base: string;
const requests: string[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    const url = new URL(request.url!, 'http://taxhub');
    requests.push(`${url.pathname}${url.search}`);
    const send = (status: number, body: unknown) =>
      response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    if (url.pathname === '/api/taxref/999') return send(500, { message: 'broken' });
    const detail = /^\/api\/taxref\/(\d+)$/.exec(url.pathname);
    if (detail) {
      const row = taxref[Number(detail[1]) as keyof typeof taxref];
      return row ? send(200, row) : send(404, { message: 'not found' });
    }
    const search = /^\/api\/taxref\/allnamebylist\/(-?\d+)$/.exec(url.pathname);
    if (search) {
      const q = (url.searchParams.get('search_name') ?? '').toLowerCase();
      const inList = search[1] === '-1' ? Object.values(taxref) : [taxref[4580], taxref[4582]];
      return send(
        200,
        inList
          .filter((r) => `${r.lb_nom} ${r.nom_vern}`.toLowerCase().includes(q))
          .slice(0, Number(url.searchParams.get('limit') ?? 20))
          .map(autocomplete),
      );
    }
    if (url.pathname === '/api/taxref' && url.searchParams.get('id_liste') === '7') {
      return send(200, {
        items: [
          {
            ...taxref[4582],
            medias: [{ id_media: 3, media_url: 'https://th.example.org/m/3.jpg' }],
          },
          { ...taxref[4117], medias: [] },
        ],
        total: 2,
      });
    }
    send(404, { message: 'no route' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

const source = (cacheSeconds = 60) =>
  createTaxHubSource({
    url: base,
    cacheSeconds,
    taxhubListOf: async (listId) => (listId === 1 ? 7 : null),
  });

describe('TaxHub source', () => {
  it('searches every name and returns accepted taxa once, in the asked language', async () => {
    const taxhub = source();
    const hits = await taxhub.search('chloris', 'fr', null, 10);
    expect(hits).toEqual([
      {
        cdNom: 4580,
        cdRef: 4580,
        scientificName: 'Carduelis chloris',
        authority: '(Linnaeus, 1758)',
        rank: 'ES',
        vernacularName: "Verdier d'Europe",
        family: 'Fringillidae',
        observerGroup: 'Oiseaux',
        pictureUrl: null,
        thumbnailUrl: null,
        matchedName: null,
      },
    ]);
    expect(requests).toContain('/api/taxref/allnamebylist/-1?search_name=chloris&limit=30');
    const english = await taxhub.search('merle', 'en', null, 10);
    expect(english.map((h) => h.vernacularName)).toEqual(['Common Blackbird']);
  });

  it("restricts to the linked TaxHub list, with the list's pictures", async () => {
    const hits = await source().search('chloris', 'fr', 1, 10);
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({ cdNom: 4580, pictureUrl: 'https://th.example.org/m/3.jpg' });
    await expect(source().search('x', 'fr', 3, 10)).rejects.toMatchObject({
      code: 'taxhub.listNotLinked',
    });
  });

  it('lists the taxa of a list, synonyms as their accepted taxon', async () => {
    const taxa = await source().listTaxa(1, 'fr');
    expect(taxa.map((t) => [t.cdNom, t.scientificName, t.matchedName, t.pictureUrl])).toEqual([
      [4580, 'Carduelis chloris', 'Chloris chloris', 'https://th.example.org/m/3.jpg'],
      [4117, 'Turdus merula', null, null],
    ]);
  });

  it('gets one name with its accepted name, synonyms and classification; null when unknown', async () => {
    const taxhub = source();
    const synonym = await taxhub.get(4582, 'fr');
    expect(synonym).toMatchObject({
      cdNom: 4582,
      cdRef: 4580,
      scientificName: 'Chloris chloris',
      accepted: { cdNom: 4580, scientificName: 'Carduelis chloris' },
      vernacularNames: [
        { lang: 'fr', name: "Verdier d'Europe", preferred: true },
        { lang: 'en', name: 'European Greenfinch', preferred: true },
      ],
    });
    const accepted = await taxhub.get(4580, 'de');
    expect(accepted?.vernacularName).toBeNull();
    expect(accepted?.synonyms).toEqual([
      {
        cdNom: 4582,
        scientificName: 'Chloris chloris (Linnaeus, 1758)',
        authority: null,
        rank: 'ES',
      },
    ]);
    expect(accepted?.classification.class).toBe('Aves');
    expect(await taxhub.get(1, 'fr')).toBeNull();
  });

  it('caches answers, and forgets failures', async () => {
    const taxhub = source();
    requests.length = 0;
    await taxhub.get(4117, 'fr');
    await taxhub.get(4117, 'en');
    expect(requests.filter((r) => r === '/api/taxref/4117')).toHaveLength(1);
    const uncached = source(0);
    await uncached.get(4117, 'fr');
    await uncached.get(4117, 'fr');
    expect(requests.filter((r) => r === '/api/taxref/4117')).toHaveLength(3);
    await expect(taxhub.get(999, 'fr')).rejects.toMatchObject({ code: 'taxhub.badAnswer' });
    await expect(taxhub.get(999, 'fr')).rejects.toMatchObject({ code: 'taxhub.badAnswer' });
    expect(requests.filter((r) => r === '/api/taxref/999')).toHaveLength(2);
  });

  it('answers 502 when TaxHub is unreachable', async () => {
    const down = createTaxHubSource({
      url: 'http://127.0.0.1:9/api',
      cacheSeconds: 60,
      taxhubListOf: async () => null,
      timeoutMs: 2000,
    });
    await expect(down.get(4117, 'fr')).rejects.toMatchObject({ code: 'taxhub.unreachable' });
  });
});
