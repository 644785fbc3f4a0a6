import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../db/schema.js';
import { parseTaxref } from '../taxonomy/taxref.js';
import { generatePassword, hashPassword } from '../users/passwords.js';
import { seedDemoSites } from './sites.js';

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

/** True when the database holds no programme and no account: the first start of an instance. */
export async function isEmpty(db: Kysely<DB>): Promise<boolean> {
  const row = await db
    .selectNoFrom((eb) => [
      eb.exists(eb.selectFrom('programs').select('id')).as('programs'),
      eb.exists(eb.selectFrom('users').select('id')).as('users'),
    ])
    .executeTakeFirstOrThrow();
  return !row.programs && !row.users;
}

/**
 * Loads the demo programmes, species, observers and admin, all in one transaction. With
 * `sites`, a third programme follows ponds and nest boxes through visits (demo/sites.ts): what
 * a new instance shows; the tests that count the demo's programmes leave it out.
 */
export async function seedDemo(
  db: Kysely<DB>,
  { sites = false }: { sites?: boolean } = {},
): Promise<DemoAdmin> {
  const admin: DemoAdmin = {
    username: 'admin',
    email: 'admin@example.org',
    password: generatePassword(),
  };
  const passwordHash = await hashPassword(admin.password);
  await db.transaction().execute(async (trx) => {
    const cdNomByName = await seedTaxonomy(trx);
    const list = await trx
      .insertInto('species_lists')
      .values({ name: 'Demo species', description: 'Common birds and butterflies of France' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('species_list_taxa')
      .values(
        [...cdNomByName.values()].map((cdNom, position) => ({
          list_id: list.id,
          cd_nom: cdNom,
          position,
        })),
      )
      .execute();

    await trx
      .insertInto('users')
      .values({
        username: admin.username,
        email: admin.email,
        display_name: 'Demo admin',
        password_hash: passwordHash,
        role: 'admin',
        is_active: true,
        email_confirmed_at: new Date(),
      })
      .execute();
    const observers = await trx
      .insertInto('users')
      .values(
        OBSERVERS.map((name) => ({
          username: name,
          email: `${name}@example.org`,
          display_name: name[0]!.toUpperCase() + name.slice(1),
          is_active: true,
        })),
      )
      .returning(['id', 'username', 'display_name'])
      .execute();

    const project = await trx
      .insertInto('projects')
      .values({ title: 'Citizen demo', short_description: 'Demonstration programmes' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const areas = readAreas();
    const random = mulberry32(20261125);
    for (const program of PROGRAMS) {
      const area = areas.get(program.slug);
      if (!area) throw new Error(`demo area ${program.slug} is missing`);
      const { id } = await trx
        .insertInto('programs')
        .values({
          slug: program.slug,
          project_id: project.id,
          title: program.title,
          short_description: program.shortDescription,
          long_description: program.longDescription,
          species_list_id: list.id,
          area: sql<string>`ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(area)}), 4326))`,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const species = program.species.map((name) => {
        const cdNom = cdNomByName.get(name);
        if (!cdNom) throw new Error(`demo species ${name} is not in taxref.tsv`);
        return cdNom;
      });
      await seedObservations(trx, id, program.observations, species, observers, random);
    }
    if (sites) {
      await seedDemoSites(trx, {
        projectId: project.id,
        speciesListId: list.id,
        cdNomByName,
        observers,
      });
    }
  });
  return admin;
}

async function seedTaxonomy(trx: Transaction<DB>): Promise<Map<string, number>> {
  const { taxa, errors } = parseTaxref(readData('taxref.tsv'));
  if (errors.length > 0)
    throw new Error(`taxref.tsv line ${errors[0]!.line}: ${errors[0]!.message}`);
  const german = new Map(
    readTsv('vernacular-de.tsv').map(([cdNom, name]) => [Number(cdNom), name!]),
  );
  const sensitivity = new Map(
    readTsv('sensitivity.tsv').map(([cdNom, level]) => [Number(cdNom), Number(level)]),
  );

  await trx
    .insertInto('taxa')
    .values(
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
    )
    .execute();
  // The demo's sensitive taxa, as rules an operator would import.
  if (sensitivity.size > 0) {
    await trx
      .insertInto('sensitivity_rules')
      .values([...sensitivity].map(([cdNom, level]) => ({ source: 'demo', cd_nom: cdNom, level })))
      .execute();
  }
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
  await trx.insertInto('vernacular_names').values(names).execute();
  return new Map(taxa.map((t) => [t.scientificName, t.cdNom]));
}

async function seedObservations(
  trx: Transaction<DB>,
  programId: number,
  count: number,
  species: number[],
  observers: { id: number; display_name: string | null }[],
  random: () => number,
) {
  const { rows: points } = await sql<{ x: number; y: number }>`
    select ST_X(geom) as x, ST_Y(geom) as y
    from (select (ST_Dump(ST_GeneratePoints(area, ${count}, ${programId}))).geom from programs where id = ${programId}) p
  `.execute(trx);
  const today = Date.now();
  const statuses = ['pending', 'pending', 'certain', 'certain', 'certain', 'probable'] as const;
  const rows = points.map((p) => {
    // Zipf-like: the first species of the list are seen far more often than the last.
    const cdNom = species[Math.floor(species.length * random() ** 2.2)]!;
    const observer = observers[Math.floor(random() * observers.length)]!;
    const daysAgo = Math.floor(random() * 730);
    return {
      program_id: programId,
      cd_nom: cdNom,
      observed_on: new Date(today - daysAgo * 86_400_000).toISOString().slice(0, 10),
      count: 1 + Math.floor(random() ** 3 * 12),
      geom: sql<string>`ST_SetSRID(ST_MakePoint(${p.x}, ${p.y}), 4326)`,
      coordinate_uncertainty_m: 10 + Math.floor(random() * 40),
      observer_id: observer.id,
      observer_name: observer.display_name,
      validation_status: statuses[Math.floor(random() * statuses.length)]!,
    };
  });
  await trx.insertInto('observations').values(rows).execute();
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

/** A small seeded PRNG, so every demo instance has the same data. */
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
