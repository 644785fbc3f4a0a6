import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll } from 'vitest';
import type { Config } from '../../src/config/config.js';
import type { Database } from '../../src/db/database.js';
import { importGnc } from '../../src/gnc-import/gnc-import.cli.js';
import type { ImportReport } from '../../src/gnc-import/import-report.js';
import type { App } from '../../src/http/types.js';
import { testApp, testConfig } from '../app.js';
import { cdNomOf } from '../reading/helpers.js';
import {
  createGncDatabase,
  fillGncDatabase,
  type GncDatabase,
  type Scenario,
} from './gnc-database.js';

/*
 * The set-up the import's test files share: a stand-in for TaxHub, and on each engine a filled
 * GeoNature-citizen database to import from, with helpers to run the command and read what it
 * wrote. Each registers its hooks in the suite it is called in.
 */

/**
 * TaxHub (a Flask application with its own schema) cannot run here: a real HTTP server answers its
 * list route with TaxHub-shaped rows, a taxon Citizen has and one it has not. Returns its API's
 * URL, known once the file's beforeAll has run.
 */
export function fakeTaxhub(): () => string {
  let taxhub: Server;
  let taxhubUrl = '';
  const kite = {
    cd_nom: 2844,
    cd_ref: 2844,
    lb_nom: 'Milvus milvus',
    id_rang: 'ES',
    regne: 'Animalia',
  };
  beforeAll(async () => {
    taxhub = createServer((request, response) => {
      const send = (status: number, body: unknown) =>
        response
          .writeHead(status, { 'content-type': 'application/json' })
          .end(JSON.stringify(body));
      if (request.url!.startsWith('/api/taxref?id_liste=100&')) {
        return send(200, { items: [kite, { ...kite, cd_nom: 88_888_888, cd_ref: 88_888_888 }] });
      }
      send(404, {});
    });
    await new Promise<void>((resolve) => taxhub.listen(0, '127.0.0.1', resolve));
    taxhubUrl = `http://127.0.0.1:${(taxhub.address() as AddressInfo).port}/api`;
  });
  afterAll(() => new Promise((resolve) => taxhub.close(resolve)));
  return () => taxhubUrl;
}

/** The tables an import writes to: their counts tell whether a run wrote anything. */
const TABLES = [
  'users',
  'programs',
  'observations',
  'media',
  'sites',
  'visits',
  'site_types',
  'custom_forms',
  'species_lists',
  'observation_media',
  'visit_media',
  'observation_events',
  'gnc_import_map',
];

/**
 * One engine's import set-up (call it inside its suite): a GeoNature-citizen database filled with
 * the scenario and its media folder, Carol's Citizen account, the config and the app; the suite's
 * tests share them, in order.
 */
export function gncImport(database: () => Database, taxhubUrl: () => string) {
  const work = mkdtempSync(path.join(os.tmpdir(), 'citizen-gnc-'));
  const gncMedia = path.join(work, 'gnc-media');
  const citizenMedia = path.join(work, 'citizen-media');
  const db = () => database().db;
  let gnc: GncDatabase;
  let scenario: Scenario;
  let config: Config;
  let app: App;

  beforeAll(async () => {
    rmSync(gncMedia, { recursive: true, force: true });
    mkdirSync(gncMedia, { recursive: true });
    config = testConfig({
      MEDIA_DIR: citizenMedia,
      REQUIRE_EMAIL_CONFIRMATION: 'true',
      TAXHUB_URL: taxhubUrl(),
    });
    app = await testApp(database(), { MEDIA_DIR: citizenMedia });
    const taken = await db()
      .selectFrom('observations')
      .select('id')
      .limit(1)
      .executeTakeFirstOrThrow();
    // Carol already has a Citizen account, under the same address written otherwise.
    await db()
      .insertInto('users')
      .values({ username: 'carol-citizen', email: 'carol@example.org', is_active: true })
      .execute();
    gnc = await createGncDatabase();
    scenario = await fillGncDatabase(
      gnc,
      gncMedia,
      {
        goshawk: await cdNomOf(db(), 'Accipiter gentilis'),
        sparrowhawk: await cdNomOf(db(), 'Accipiter nisus'),
        buzzard: await cdNomOf(db(), 'Buteo buteo'),
        eagle: await cdNomOf(db(), 'Aquila chrysaetos'),
      },
      taken.id,
    );
  });
  afterAll(async () => {
    await app?.close();
    await gnc?.drop();
    rmSync(work, { recursive: true, force: true });
  });

  /** Runs the command; returns its exit code, printed text and saved report. */
  const run = async (...extra: string[]) => {
    const file = path.join(work, `report-${Date.now()}-${Math.random()}.json`);
    const lines: string[] = [];
    const out = { log: (l: string) => lines.push(l), error: (l: string) => lines.push(l) };
    const args = ['--database', gnc.url, '--media', gncMedia, '--report', file, ...extra];
    const code = await importGnc(config, database(), args, out);
    const report = existsSync(file)
      ? (JSON.parse(readFileSync(file, 'utf8')) as ImportReport)
      : null;
    return { code, text: lines.join('\n'), report: report! };
  };
  const count = async (table: string) =>
    Number(
      (await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(db()))
        .rows[0]!.n,
    );

  return {
    work,
    gncMedia,
    citizenMedia,
    db,
    get gnc() {
      return gnc;
    },
    get scenario() {
      return scenario;
    },
    get config() {
      return config;
    },
    get app() {
      return app;
    },
    run,
    count,
    /** The Citizen id of a GeoNature-citizen row the import brought across, if it did. */
    mapped: async (table: string, id: number | string) =>
      (
        await db()
          .selectFrom('gnc_import_map')
          .select('citizen_id')
          .where('gnc_table', '=', table)
          .where('gnc_id', '=', String(id))
          .executeTakeFirst()
      )?.citizen_id,
    observation: (uuid: string) =>
      db().selectFrom('observations').selectAll().where('id', '=', uuid).executeTakeFirst(),
    /** The media folders published under Citizen's media folder. */
    publishedFolders: () =>
      existsSync(citizenMedia)
        ? readdirSync(citizenMedia)
            .filter((d) => /^[0-9a-f]{2}$/.test(d))
            .flatMap((d) => readdirSync(path.join(citizenMedia, d)))
        : [],
    tableCounts: () => Promise.all(TABLES.map(count)),
  };
}
