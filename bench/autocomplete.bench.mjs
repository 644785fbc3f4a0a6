// Taxon autocomplete (GET /api/taxa/search) on a taxonomy of realistic size: about 100,000
// synthetic names (species, subspecies and synonyms, with French, English and German vernacular
// names, as in TAXREF) plus the real TAXREF fixture rows, loaded with the real importer into a
// scratch PostgreSQL database created and dropped here (on BENCH_DATABASE_URL or
// TEST_DATABASE_URL's server), then into the embedded PGlite (BENCH_ENGINES=postgres,pglite).
// About 1000 queries as people type them: prefixes of 1 to 10 letters, typos, scientific names,
// three languages, some restricted to a programme's species list.
// Target (issue "Observation core"): p95 under 20 ms. Needs `npm run build` first.
import { randomBytes } from 'node:crypto';
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';

const root = path.resolve(import.meta.dirname, '..');
const dist = (file) => path.join(root, 'apps/api/dist', file);
const { openDatabase } = await import(dist('db/database.js'));
const { migrate } = await import(dist('db/migrate.js'));
const { loadConfig } = await import(dist('config/config.js'));
const { buildApp } = await import(dist('app.js'));
const { createTaxonomyService } = await import(dist('taxonomy/taxonomy.service.js'));
const { createSpeciesListsService } = await import(dist('species-lists/species-lists.service.js'));
const { createSpeciesListsRepository } = await import(
  dist('species-lists/species-lists.repository.js')
);

/** BENCH_TAXA=600000 tries a full TAXREF's size. */
const TAXA = Number(process.env.BENCH_TAXA ?? 100_000);
const QUERIES = 1000;
const WARM_UP = 100;
const LIST_SIZE = 300;
const TARGET_P95_MS = 20;

const serverUrl =
  process.env.BENCH_DATABASE_URL ??
  process.env.TEST_DATABASE_URL ??
  'postgres://postgres@127.0.0.1:5432/postgres';

// ---- A deterministic synthetic taxonomy --------------------------------------------------------

function mulberry32(seed) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = mulberry32(20261125);
const pick = (list) => list[Math.floor(random() * list.length)];
const words = (text) => text.split(' ');

const GENUS_START = words(
  'Acan Phyl Sylv Tur Par Emb Lan Mot Anth Prun Erith Phoen Sax Oen Cic Loc Acro Hipp Reg Mus Fic Aeg Sitt Cert Orio Gar Pic Corv Stur Pass Fring Ser Card Lox Pyrr Cocc Ly Ran Buf Tri Sal Vip Cor Nat Zoo Lac Pod Eu Chor Mel Pier Van Arg Zyg Car Bomb Ap Ves Lib Aesh Orch Oph Gent Ran Viol Camp Sax Quer Acer Frax Sal Pop Bet Aln Til Ulm Fag Ab Pin Lar',
);
const GENUS_MIDDLE = words('o i a u e y');
const GENUS_END = words(
  'phila pus cola rus lus nus ia ella ina ops thes cus dia ris ra doma gaster ptera',
);
const EPITHETS = words(
  'alba nigra major minor europaea vulgaris communis montana sylvestris palustris arvensis campestris alpina borealis australis orientalis occidentalis rubra viridis caerulea flava cinerea fusca maculata striata punctata elegans gracilis robusta pygmaea gigantea hirsuta glabra lutea aurea argentea obscura varia dubia affinis similis meridionalis septentrionalis insularis littoralis riparia aquatica terrestris saxatilis nemoralis hortensis pratensis',
);
const AUTHORS = [
  'Linnaeus, 1758',
  '(Linnaeus, 1758)',
  'Temminck, 1820',
  '(Pallas, 1764)',
  'Vieillot, 1817',
  '(Scopoli, 1769)',
  'Lamarck, 1778',
  'DC., 1805',
  '(Fabricius, 1787)',
  'Boulenger, 1882',
];
const KINGDOMS = [
  ['Animalia', 'Chordata', 'Aves', 'Passeriformes', 'Oiseaux'],
  ['Animalia', 'Chordata', 'Amphibia', 'Anura', 'Amphibiens'],
  ['Animalia', 'Arthropoda', 'Insecta', 'Lepidoptera', 'Insectes'],
  ['Animalia', 'Arthropoda', 'Insecta', 'Coleoptera', 'Insectes'],
  ['Plantae', 'Tracheophyta', 'Magnoliopsida', 'Asterales', 'Angiospermes'],
  ['Fungi', 'Basidiomycota', 'Agaricomycetes', 'Agaricales', 'Champignons'],
];
const FR_NOUNS = words(
  'Mésange Fauvette Pouillot Bruant Grive Merle Pic Héron Aigrette Canard Sarcelle Fuligule Chouette Hibou Faucon Busard Milan Buse Aigle Vautour Pipit Alouette Bergeronnette Rougequeue Traquet Tarier Rossignol Gobemouche Roitelet Troglodyte Sittelle Grimpereau Loriot Pie-grièche Corneille Geai Étourneau Moineau Pinson Verdier Chardonneret Linotte Bouvreuil Grosbec Hirondelle Martinet Engoulevent Coucou Tourterelle Pigeon Perdrix Caille Faisan Râle Marouette Foulque Gallinule Grue Outarde Œdicnème Gravelot Pluvier Vanneau Bécasseau Chevalier Courlis Barge Bécassine Goéland Mouette Sterne Guifette Azuré Piéride Vanesse Mélitée Nacré Argus Hespérie Zygène Sphinx Noctuelle Carabe Cétoine Coccinelle Bourdon Abeille Guêpe Frelon Libellule Agrion Aeschne Criquet Sauterelle Grillon Orchis Ophrys Gentiane Renoncule Anémone Violette Campanule Saxifrage Fougère Prêle Lycopode Bolet Amanite Russule Lactaire Chêne Érable Frêne Saule Peuplier Bouleau Aulne Tilleul Orme Hêtre Sapin Épicéa Pin Mélèze Genévrier Grenouille Crapaud Triton Salamandre Lézard Couleuvre Vipère Orvet Musaraigne Campagnol Mulot Pipistrelle Murin Oreillard Noctule Hérisson Écureuil',
);
const FR_ADJECTIVES = [
  ...words(
    'noir blanc gris rouge jaune vert bleu cendré huppé commun élégant royal pygmée méridional septentrional ibérique alpin nain tacheté rayé doré pourpré ocellé écarlate argenté soufré lapon boréal hivernal printanier',
  ),
  'à tête noire',
  'à collier',
  'à ventre roux',
  'des bois',
  'des champs',
  'des marais',
  'des jardins',
  'des roseaux',
  'des rochers',
  "d'Europe",
  'à longue queue',
  'à bec court',
  'à lunettes',
  'de Bonelli',
  'de Cetti',
  'des Alpes',
  'de Corse',
  'des sables',
  'des prés',
  'des pins',
];
const FR_EXTRA = [
  '',
  '',
  '',
  'de Provence',
  'du Nord',
  'des Pyrénées',
  'de Linné',
  'de Temminck',
  'oriental',
  'occidental',
  'des îles',
];
const EN_NOUNS = words(
  'Warbler Thrush Finch Tit Woodpecker Heron Egret Duck Teal Owl Falcon Harrier Kite Buzzard Eagle Vulture Pipit Lark Wagtail Redstart Chat Nightingale Flycatcher Kinglet Wren Nuthatch Treecreeper Oriole Shrike Crow Jay Starling Sparrow Chaffinch Greenfinch Goldfinch Linnet Bullfinch Swallow Swift Cuckoo Dove Pigeon Partridge Quail Pheasant Rail Crake Coot Moorhen Crane Plover Lapwing Sandpiper Curlew Godwit Snipe Gull Tern Blue Copper Fritillary Skipper Burnet Hawkmoth Beetle Ladybird Bumblebee Bee Wasp Hornet Dragonfly Damselfly Grasshopper Cricket Orchid Gentian Buttercup Anemone Violet Bellflower Fern Horsetail Clubmoss Oak Maple Ash Willow Poplar Birch Alder Lime Elm Beech Fir Spruce Pine Larch Frog Toad Newt Salamander Lizard Snake Viper Shrew Vole Mouse Pipistrelle Bat Hedgehog Squirrel',
);
const EN_ADJECTIVES = words(
  'Common Great Lesser Eurasian Northern Southern Western Eastern Black White Grey Red Yellow Green Blue Little Greater Alpine Marsh Wood Reed Rock Garden Meadow Sand Pine Mountain Spotted Striped Crested Golden Silver Scarlet Dusky Pale Dwarf Giant Iberian Balearic Corsican Cretan Arctic Steppe Desert River Sea',
);
const DE_PREFIXES = words(
  'Wald Berg Feld Garten Sumpf Schwarz Rot Grün Gelb Blau Grau Weiß Zwerg Riesen Alpen Kiefern Eichen Moor Heide Fluss Wiesen Fels Sand Busch Schilf Bunt Gold Silber Strauß Weißstirn',
);
const DE_BASES = words(
  'meise specht fink drossel ammer sänger falke eule käfer falter libelle schnecke frosch kröte maus fledermaus orchidee enzian farn moos taube lerche schwalbe reiher ente möwe läufer bock spinner eidechse natter',
);
const DE_ADJECTIVES = [
  '',
  '',
  'Gemeiner',
  'Großer',
  'Kleiner',
  'Östlicher',
  'Westlicher',
  'Südlicher',
  'Nördlicher',
  'Echter',
];

const GENUS_JOIN = words('n r l st ph th c m ch');
const EPITHET_STEMS = words(
  'acu albi angusti brevi crassi grandi longi macro micro multi nigri parvi rubri tenui ungui virgi flavi glauci hirti lati magni pauci pilosi quadri rotundi semi sinu spini tri uni ventri vermi arbori aqui monti silvi sabuli palu rupi luci',
);
const EPITHET_ENDS = words(
  'folia cornis pennis ventris rostris caudata formis cola pes color ceps dens',
);

/** Genus names: about 15,000 distinct ones, as a taxonomy of 100,000 names has. */
function genera(count) {
  const names = new Set();
  while (names.size < count) {
    const join = random() < 0.6 ? pick(GENUS_JOIN) + pick(GENUS_MIDDLE) : '';
    names.add(pick(GENUS_START) + pick(GENUS_MIDDLE) + join + pick(GENUS_END));
  }
  return [...names];
}
const epithet = () => (random() < 0.5 ? pick(EPITHETS) : pick(EPITHET_STEMS) + pick(EPITHET_ENDS));
const frName = () =>
  [pick(FR_NOUNS), pick(FR_ADJECTIVES), pick(FR_EXTRA)].filter(Boolean).join(' ');
const enName = () => `${pick(EN_ADJECTIVES)} ${pick(EN_ADJECTIVES)} ${pick(EN_NOUNS)}`;
const deName = () =>
  [pick(DE_ADJECTIVES), pick(DE_PREFIXES) + pick(DE_BASES)].filter(Boolean).join(' ');

const HEADER = [
  'CD_NOM',
  'CD_REF',
  'RANG',
  'LB_NOM',
  'LB_AUTEUR',
  'NOM_VERN',
  'NOM_VERN_ENG',
  'REGNE',
  'PHYLUM',
  'CLASSE',
  'ORDRE',
  'FAMILLE',
  'GROUP2_INPN',
];

/** Writes the synthetic TAXREF file; returns what the queries are drawn from. */
function writeSyntheticTaxref(file) {
  writeFileSync(file, '');
  let lines = [HEADER.join('\t')];
  let rows = 0;
  const flush = () => {
    appendFileSync(file, `${lines.join('\n')}\n`);
    rows += lines.length;
    lines = [];
  };
  const accepted = [];
  const picked = { fr: [], en: [], de: [], scientific: [], list: [] };
  let cdNom = 10_000_000;
  const genusNames = genera(15_000);
  while (rows + lines.length <= TAXA) {
    if (lines.length >= 10_000) flush();
    const g = pick(genusNames);
    const [kingdom, phylum, klass, order, group] = pick(KINGDOMS);
    const family = `${g}idae`;
    const species = `${g} ${epithet()}`;
    const subspecies = random() < 0.12;
    const name = subspecies ? `${species} ${epithet()}` : species;
    const fr = random() < 0.4 ? [frName(), ...(random() < 0.2 ? [frName()] : [])] : [];
    const en = random() < 0.3 ? [enName()] : [];
    const id = ++cdNom;
    const row = (cd, ref, lbNom) =>
      [
        cd,
        ref,
        subspecies ? 'SSES' : 'ES',
        lbNom,
        pick(AUTHORS),
        fr.join(', '),
        en.join(', '),
        kingdom,
        phylum,
        klass,
        order,
        family,
        group,
      ].join('\t');
    lines.push(row(id, id, name));
    accepted.push(id);
    picked.scientific.push(name);
    if (fr.length) picked.fr.push(fr[0]);
    // The programme's list holds the first 300 taxa: its users type their names.
    if (accepted.length <= LIST_SIZE) picked.list.push(fr[0] ?? name);
    if (en.length) picked.en.push(en[0]);
    // About one name in four is a synonym, carrying its accepted taxon's vernacular names.
    if (random() < 0.33)
      lines.push(row(++cdNom, id, `${pick(genusNames)} ${name.split(' ').slice(1).join(' ')}`));
  }
  flush();
  return { accepted, picked, rows: rows - 1 };
}

// ---- Queries as people type them ---------------------------------------------------------------

function typo(text) {
  const i = 1 + Math.floor(random() * Math.max(1, text.length - 2));
  const kind = random();
  if (kind < 0.34) return text.slice(0, i) + text.slice(i + 1); // a letter left out
  if (kind < 0.67) return text.slice(0, i) + text[i + 1] + text[i] + text.slice(i + 2); // swapped
  return text.slice(0, i) + pick(words('a e i o u r s t')) + text.slice(i + 1); // wrong letter
}
const plain = (text) => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
const prefix = (text) => text.slice(0, 1 + Math.floor(random() ** 1.3 * Math.min(10, text.length)));

function makeQueries(picked, count) {
  const kinds = [
    [0.3, 'fr prefix', () => ({ q: prefix(pick(picked.fr)), lang: 'fr' })],
    [0.1, 'fr prefix, no accents', () => ({ q: plain(prefix(pick(picked.fr))), lang: 'fr' })],
    [0.12, 'fr typo', () => ({ q: typo(plain(pick(picked.fr))), lang: 'fr' })],
    [
      0.18,
      'scientific prefix',
      () => ({ q: prefix(pick(picked.scientific).toLowerCase()), lang: 'fr' }),
    ],
    [
      0.08,
      'scientific typo',
      () => ({ q: typo(pick(picked.scientific).toLowerCase()), lang: 'fr' }),
    ],
    [0.08, 'en prefix', () => ({ q: prefix(pick(picked.en)), lang: 'en' })],
    [0.06, 'de prefix', () => ({ q: prefix(pick(picked.de)), lang: 'de' })],
    [0.08, 'programme list', () => ({ q: prefix(pick(picked.list)), lang: 'fr', listed: true })],
  ];
  return Array.from({ length: count }, () => {
    let r = random();
    const [, kind, make] = kinds.find(([share]) => (r -= share) < 0) ?? kinds[0];
    return { kind, ...make() };
  });
}

// ---- Run ---------------------------------------------------------------------------------------

const percentile = (sorted, p) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
const ms = (v) => `${v.toFixed(1)} ms`;

const stats = (list) => {
  const sorted = list.map((t) => t.elapsed).sort((a, b) => a - b);
  return {
    n: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.at(-1),
  };
};

/** Loads the taxonomy into a fresh database of `engine`, then times the queries on it. */
async function measure(engine, dir, synthetic, queries) {
  const server = new pg.Client({ connectionString: serverUrl });
  const name = `citizen_bench_autocomplete_${randomBytes(4).toString('hex')}`;
  const env = { DATA_DIR: dir, SERVE_WEB: 'false', LOG_LEVEL: 'silent', DEMO_DATA: 'false' };
  if (engine === 'postgres') {
    await server.connect();
    await server.query(`create database ${name}`);
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    env.DATABASE_URL = url.toString();
  }
  const config = loadConfig(env);
  let database;
  let app;
  try {
    database = await openDatabase(config.database);
    await migrate(database.db);
    const taxonomy = createTaxonomyService(database.db, { taxhub: null });
    const started = performance.now();
    await taxonomy.importTaxref(
      path.join(root, 'apps/api/test/fixtures/taxonomy/taxref-sample.tsv'),
    );
    const imported = await taxonomy.importTaxref(synthetic.file);
    const importSeconds = (performance.now() - started) / 1000;
    const again = performance.now();
    const second = await taxonomy.importTaxref(synthetic.file);
    const reimportSeconds = (performance.now() - again) / 1000;
    // German names, as a Darwin Core checklist would add them.
    for (let i = 0; i < synthetic.german.length; i += 5000) {
      await database.db
        .insertInto('vernacular_names')
        .values(
          synthetic.german
            .slice(i, i + 5000)
            .map(([cd_nom, n]) => ({ cd_nom, lang: 'de', name: n, is_preferred: true })),
        )
        .onConflict((oc) => oc.doNothing())
        .execute();
    }
    await sql`analyze`.execute(database.db);
    const {
      rows: [counts],
    } = await sql`
      select (select count(*) from taxa) as taxa, (select count(*) from vernacular_names) as names,
        current_setting('server_version') as version`.execute(database.db);

    // A programme whose species list holds 300 taxa.
    const list = await createSpeciesListsService(createSpeciesListsRepository(database.db)).create(
      {
        name: 'Bench list',
        taxa: synthetic.accepted.slice(0, LIST_SIZE).map((cdNom) => ({ cdNom })),
      },
      'fr',
    );
    const program = await database.db
      .insertInto('programs')
      .values({
        slug: 'bench',
        title: 'Bench',
        species_list_id: list.id,
        area: sql`ST_Multi(ST_MakeEnvelope(4.8, 45.7, 4.9, 45.8, 4326))`,
      })
      .returning('id')
      .executeTakeFirstOrThrow();

    app = await buildApp({ config, database });
    const timings = [];
    const load = [os.loadavg()[0]];
    let empty = 0;
    for (const [i, query] of queries.entries()) {
      const params = new URLSearchParams({ q: query.q, lang: query.lang, limit: '20' });
      if (query.listed) params.set('program', String(program.id));
      const t0 = performance.now();
      const response = await app.inject({ method: 'GET', url: `/api/taxa/search?${params}` });
      const elapsed = performance.now() - t0;
      if (response.statusCode !== 200) {
        throw new Error(`${params}: ${response.statusCode} ${response.body}`);
      }
      if (i < WARM_UP) continue;
      if (response.json().items.length === 0) empty += 1;
      timings.push({ ...query, elapsed });
    }
    load.push(os.loadavg()[0]);

    const all = stats(timings);
    const kinds = [...new Set(timings.map((t) => t.kind))];
    const slowest = [...timings].sort((a, b) => b.elapsed - a.elapsed).slice(0, 5);
    const title =
      engine === 'postgres'
        ? `PostgreSQL ${counts.version}`
        : `PGlite (embedded mode, ${counts.version})`;
    return {
      all,
      lines: [
        `## ${title}`,
        '',
        `${Number(counts.taxa).toLocaleString('en')} names, ${Number(counts.names).toLocaleString('en')} vernacular names. Import of the synthetic TAXREF file: ${importSeconds.toFixed(1)} s (${imported.inserted.toLocaleString('en')} inserted); importing it again: ${reimportSeconds.toFixed(1)} s (${second.unchanged.toLocaleString('en')} unchanged). Load average (1 min) during the queries: ${load.map((l) => l.toFixed(1)).join(' → ')}.`,
        '',
        `| queries | count | p50 | p95 | p99 | max |`,
        '| --- | --- | --- | --- | --- | --- |',
        `| **all** | ${all.n} | ${ms(all.p50)} | **${ms(all.p95)}** | ${ms(all.p99)} | ${ms(all.max)} |`,
        ...kinds.map((k) => {
          const s = stats(timings.filter((t) => t.kind === k));
          return `| ${k} | ${s.n} | ${ms(s.p50)} | ${ms(s.p95)} | ${ms(s.p99)} | ${ms(s.max)} |`;
        }),
        '',
        `Target: p95 < ${TARGET_P95_MS} ms — ${all.p95 < TARGET_P95_MS ? 'met' : '**missed**'}. ${empty} of ${all.n} queries found nothing (typos too far from any name). Slowest: ${slowest.map((t) => `"${t.q}" (${t.kind}, ${ms(t.elapsed)})`).join(', ')}.`,
        '',
      ],
    };
  } finally {
    await app?.close();
    await database?.close();
    if (engine === 'postgres') {
      // BENCH_KEEP_DATABASE=1 keeps it, e.g. to EXPLAIN the queries.
      if (process.env.BENCH_KEEP_DATABASE) console.log(`Kept database ${name}`);
      else await server.query(`drop database if exists ${name} with (force)`);
      await server.end();
    }
  }
}

const dir = mkdtempSync(path.join(os.tmpdir(), 'citizen-bench-autocomplete-'));
try {
  const file = path.join(dir, 'TAXREFv99.txt');
  const synthetic = { file, ...writeSyntheticTaxref(file) };
  synthetic.german = synthetic.accepted.filter(() => random() < 0.2).map((id) => [id, deName()]);
  synthetic.picked.de.push(...synthetic.german.map(([, n]) => n));
  const queries = makeQueries(synthetic.picked, WARM_UP + QUERIES);
  const engines = (process.env.BENCH_ENGINES ?? 'postgres,pglite').split(',');
  const sections = [];
  for (const engine of engines) {
    const result = await measure(engine, path.join(dir, engine), synthetic, queries);
    sections.push(result);
    console.log(result.lines.join('\n'));
  }
  const report = [
    '# Taxon autocomplete (GET /api/taxa/search)',
    '',
    `Measured ${new Date().toISOString().slice(0, 10)} on ${os.cpus().length} cores (shared with other work), Node ${process.version}. In-process HTTP (Fastify inject), one query at a time, after ${WARM_UP} warm-up queries.`,
    '',
    `Taxonomy: ${synthetic.rows.toLocaleString('en')} synthetic TAXREF rows (species and subspecies, a quarter of them synonyms, 15,000 genera) plus the 231 real fixture rows; French names on 40 % of the taxa, English on 30 %, German on 20 %. Queries: ${QUERIES}, drawn from those names as people type them (see the table).`,
    '',
    ...sections.flatMap((s) => s.lines),
  ].join('\n');
  writeFileSync(
    path.join(import.meta.dirname, `results/autocomplete${TAXA === 100_000 ? '' : `-${TAXA}`}.md`),
    report,
  );
  if (sections.some((s) => s.all.p95 >= TARGET_P95_MS)) console.log('Target missed.');
} finally {
  rmSync(dir, { recursive: true, force: true });
}
