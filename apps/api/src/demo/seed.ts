import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema.js';
import type { MediaStore } from '../media/media-store.js';
import { parseTaxref } from '../taxonomy/taxref.js';
import { generatePassword, hashPassword } from '../users/passwords.js';
import {
  insertObservationPhotos,
  insertObservations,
  insertProgram,
  insertProject,
  insertSpeciesList,
  insertTaxonomy,
  insertUsers,
  randomPointsIn,
} from './demo.repository.js';
import { groupOf, type IllustrationGroup } from './illustrations.js';
import { createDemoAlbum, type DemoAlbum } from './photos.js';
import { seedDemoSites } from './sites.js';
import { seededRandom } from './random.js';

const DATA_DIR = path.resolve(import.meta.dirname, '../../src/demo/data');

type DemoProgram = {
  slug: string;
  title: string;
  shortDescription: string;
  longDescription: string;
  observations: number;
  /** Scientific names seen there, the most frequent first. */
  species: string[];
};

const PROGRAMS: DemoProgram[] = [
  {
    slug: 'tete-dor',
    title: "Oiseaux du parc de la Tête d'Or",
    shortDescription:
      'Comptez les oiseaux du grand parc lyonnais, autour du lac et dans les allées.',
    longDescription:
      "Le parc de la Tête d'Or accueille des oiseaux d'eau, des passereaux et quelques rapaces.\n\nNotez ce que vous voyez : l'espèce, le nombre et l'endroit. Chaque observation aide à suivre leur évolution au fil des saisons.",
    observations: 260,
    species: [
      'Columba palumbus',
      'Turdus merula',
      'Parus major',
      'Passer domesticus',
      'Anas platyrhynchos',
      'Fringilla coelebs',
      'Pica pica',
      'Sturnus vulgaris',
      'Cygnus olor',
      'Fulica atra',
      'Chroicocephalus ridibundus',
      'Ardea cinerea',
      'Streptopelia decaocto',
      'Apus apus',
      'Garrulus glandarius',
      'Sylvia atricapilla',
      'Gallinula chloropus',
      'Sitta europaea',
      'Certhia brachydactyla',
      'Dendrocopos major',
      'Aythya fuligula',
      'Aythya ferina',
      'Larus michahellis',
      'Columba livia',
      'Serinus serinus',
      'Carduelis chloris',
      'Regulus ignicapilla',
      'Turdus philomelos',
      'Prunella modularis',
      'Delichon urbicum',
      'Hirundo rustica',
      'Falco tinnunculus',
      'Accipiter nisus',
      'Strix aluco',
      'Ardea alba',
      'Egretta garzetta',
      'Anser anser',
      'Muscicapa striata',
      'Milvus migrans',
      'Corvus frugilegus',
    ],
  },
  {
    slug: 'chartreuse',
    title: 'Faune de Chartreuse',
    shortDescription:
      'Oiseaux et papillons des forêts, alpages et falaises du massif de la Chartreuse.',
    longDescription:
      'Des forêts de hêtres et de sapins aux crêtes calcaires, la Chartreuse abrite une faune de montagne remarquable.\n\nLes espèces sensibles (grands rapaces, Apollon) sont affichées au public sur une maille, jamais au point exact.',
    observations: 180,
    species: [
      'Fringilla coelebs',
      'Turdus merula',
      'Parus major',
      'Garrulus glandarius',
      'Buteo buteo',
      'Sylvia atricapilla',
      'Regulus regulus',
      'Certhia familiaris',
      'Loxia curvirostra',
      'Turdus viscivorus',
      'Corvus corax',
      'Dendrocopos major',
      'Cinclus cinclus',
      'Motacilla cinerea',
      'Alauda arvensis',
      'Oenanthe oenanthe',
      'Emberiza citrinella',
      'Lanius collurio',
      'Prunella modularis',
      'Turdus pilaris',
      'Falco tinnunculus',
      'Accipiter gentilis',
      'Aquila chrysaetos',
      'Gyps fulvus',
      'Falco peregrinus',
      'Circaetus gallicus',
      'Milvus milvus',
      'Lagopus muta',
      'Parnassius apollo',
      'Cuculus canorus',
      'Upupa epops',
      'Columba oenas',
      'Streptopelia turtur',
      'Emberiza cirlus',
      'Sylvia borin',
      'Sylvia communis',
      'Asio otus',
      'Tyto alba',
      'Carduelis cannabina',
      'Oriolus oriolus',
      'Merops apiaster',
      'Falco subbuteo',
    ],
  },
];

const OBSERVERS = ['camille', 'lukas', 'amelie', 'noah', 'sofia', 'jules', 'emma', 'hugo'];

export type DemoAdmin = { username: string; email: string; password: string };

/**
 * Loads the demo programmes, species, observers and admin, all in one transaction. With
 * `sites`, a third programme follows ponds and nest boxes through visits (demo/sites.ts): what
 * a new instance shows; the tests that count the demo's programmes leave it out. With `media`,
 * a third of the observations get photos (demo/photos.ts), published once the demo is committed;
 * without it none has any, so that no row names a file that is nowhere.
 */
export async function seedDemo(
  db: Kysely<DB>,
  { sites = false, media }: { sites?: boolean; media?: MediaStore } = {},
): Promise<DemoAdmin> {
  const admin: DemoAdmin = {
    username: 'admin',
    email: 'admin@example.org',
    password: generatePassword(),
  };
  const passwordHash = await hashPassword(admin.password);
  const album = media ? await createDemoAlbum(media) : null;
  try {
    await seedAll(db, admin, passwordHash, sites, album);
  } catch (error) {
    await album?.discard();
    throw error;
  }
  await album?.publish();
  return admin;
}

async function seedAll(
  db: Kysely<DB>,
  admin: DemoAdmin,
  passwordHash: string,
  sites: boolean,
  album: DemoAlbum | null,
) {
  await db.transaction().execute(async (trx) => {
    const { cdNomByName, groupOfTaxon } = await seedTaxonomy(trx);
    const listId = await insertSpeciesList(
      trx,
      'Demo species',
      'Common birds and butterflies of France',
      [...cdNomByName.values()],
    );

    await insertUsers(trx, [
      {
        username: admin.username,
        email: admin.email,
        display_name: 'Demo admin',
        password_hash: passwordHash,
        role: 'admin',
        is_active: true,
        email_confirmed_at: new Date(),
      },
    ]);
    const observers = await insertUsers(
      trx,
      OBSERVERS.map((name) => ({
        username: name,
        email: `${name}@example.org`,
        display_name: name[0]!.toUpperCase() + name.slice(1),
        is_active: true,
      })),
    );

    const projectId = await insertProject(trx, 'Citizen demo', 'Demonstration programmes');
    const areas = readAreas();
    const random = seededRandom(20261125);
    for (const program of PROGRAMS) {
      const area = areas.get(program.slug);
      if (!area) throw new Error(`demo area ${program.slug} is missing`);
      const id = await insertProgram(
        trx,
        {
          slug: program.slug,
          project_id: projectId,
          title: program.title,
          short_description: program.shortDescription,
          long_description: program.longDescription,
          species_list_id: listId,
        },
        { geoJson: area },
      );
      const species = program.species.map((name) => {
        const cdNom = cdNomByName.get(name);
        if (!cdNom) throw new Error(`demo species ${name} is not in taxref.tsv`);
        return cdNom;
      });
      const observations = await seedObservations(
        trx,
        id,
        program.observations,
        species,
        observers,
        random,
      );
      if (album) {
        // A sequence of its own: the demo's data is the same with photos or without.
        const photos = await album.photosFor(observations, groupOfTaxon, seededRandom(id));
        await insertObservationPhotos(trx, photos.media, photos.links);
      }
    }
    if (sites) {
      await seedDemoSites(trx, {
        projectId,
        speciesListId: listId,
        cdNomByName,
        observers,
      });
    }
  });
}

async function seedTaxonomy(trx: Transaction<DB>) {
  const { taxa, errors } = parseTaxref(readData('taxref.tsv'));
  if (errors.length > 0)
    throw new Error(`taxref.tsv line ${errors[0]!.line}: ${errors[0]!.message}`);
  const german = new Map(
    readTsv('vernacular-de.tsv').map(([cdNom, name]) => [Number(cdNom), name!]),
  );
  const sensitivity = new Map(
    readTsv('sensitivity.tsv').map(([cdNom, level]) => [Number(cdNom), Number(level)]),
  );

  const names = taxa.flatMap((t) => {
    const byLang: [string, string[]][] = [
      ['fr', t.vernacular.fr],
      ['en', t.vernacular.en],
      ['de', german.has(t.cdNom) ? [german.get(t.cdNom)!] : []],
    ];
    return byLang.flatMap(([lang, list]) =>
      list.map((name, i) => ({ cd_nom: t.cdNom, lang, name, is_preferred: i === 0 })),
    );
  });
  await insertTaxonomy(
    trx,
    taxa.map((t) => ({
      cd_nom: t.cdNom,
      cd_ref: t.cdRef,
      rank: t.rank,
      scientific_name: t.scientificName,
      authority: t.authority,
      kingdom: t.kingdom,
      phylum: t.phylum,
      class: t.class,
      order: t.order,
      family: t.family,
      observer_group: t.observerGroup,
      taxref_version: t.taxrefVersion,
    })),
    // The demo's sensitive taxa, as rules an operator would import.
    [...sensitivity].map(([cdNom, level]) => ({ cd_nom: cdNom, level })),
    names,
  );
  return {
    cdNomByName: new Map(taxa.map((t) => [t.scientificName, t.cdNom])),
    groupOfTaxon: new Map<number, IllustrationGroup>(
      taxa.map((t) => [t.cdNom, groupOf(t.class, t.order)]),
    ),
  };
}

async function seedObservations(
  trx: Transaction<DB>,
  programId: number,
  count: number,
  species: number[],
  observers: { id: number; display_name: string | null }[],
  random: () => number,
) {
  const points = await randomPointsIn(trx, programId, count, programId);
  const today = Date.now();
  const statuses = ['pending', 'pending', 'certain', 'certain', 'certain', 'probable'] as const;
  const rows = points.map((at) => {
    // Zipf-like: the first species of the list are seen far more often than the last.
    const cdNom = species[Math.floor(species.length * random() ** 2.2)]!;
    const observer = observers[Math.floor(random() * observers.length)]!;
    const daysAgo = Math.floor(random() * 730);
    return {
      program_id: programId,
      cd_nom: cdNom,
      observed_on: new Date(today - daysAgo * 86_400_000).toISOString().slice(0, 10),
      count: 1 + Math.floor(random() ** 3 * 12),
      at,
      coordinate_uncertainty_m: 10 + Math.floor(random() * 40),
      observer_id: observer.id,
      observer_name: observer.display_name,
      validation_status: statuses[Math.floor(random() * statuses.length)]!,
    };
  });
  const saved = await insertObservations(trx, rows);
  return saved.map((row) => ({
    id: row.id,
    cdNom: row.cd_nom,
    observerId: row.observer_id,
    observerName: row.observer_name,
  }));
}

function readData(file: string): string {
  return readFileSync(path.join(DATA_DIR, file), 'utf8');
}

function readTsv(file: string): string[][] {
  return readData(file)
    .split(/\r?\n/)
    .slice(1)
    .filter((line) => line.trim() !== '')
    .map((line) => line.split('\t'));
}

function readAreas(): Map<string, unknown> {
  const collection = JSON.parse(readData('areas.geojson')) as {
    features: { properties: { slug: string }; geometry: unknown }[];
  };
  return new Map(collection.features.map((f) => [f.properties.slug, f.geometry]));
}
