import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ImportReport } from '@citizen/shared';
import { ImportRejected } from '../../src/taxonomy/taxonomy-import.js';
import {
  createTaxonomyService,
  type TaxonomyService,
} from '../../src/taxonomy/taxonomy.service.js';
import { describeOnEngines } from '../engines.js';
import { dwcArchive, editedTaxref, fixture, fixtureText } from './helpers.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'citizen-taxonomy-import-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const write = (name: string, text: string) => {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
};

async function rejected(work: Promise<unknown>): Promise<ImportReport> {
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof ImportRejected))
    throw new Error(`expected a rejected import, got ${error}`);
  return error.report;
}

describeOnEngines('taxonomy import', (database) => {
  let taxonomy: TaxonomyService;
  const db = () => database().db;
  const count = async (table: 'taxa' | 'vernacular_names') =>
    Number(
      (
        await db()
          .selectFrom(table)
          .select(sql<number>`count(*)`.as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(() => {
    taxonomy = createTaxonomyService(db(), { taxhub: null });
  });

  it('imports real TAXREF rows, with their vernacular names, version and synonyms', async () => {
    const report = await taxonomy.importTaxref(fixture('taxref-sample.tsv'));
    expect(report).toEqual({
      inserted: 231,
      updated: 0,
      unchanged: 0,
      removed: 0,
      errors: [],
      errorCount: 0,
    });
    expect(await count('taxa')).toBe(231);
    const sparrowhawk = await db()
      .selectFrom('taxa')
      .selectAll()
      .where('cd_nom', '=', 2895)
      .executeTakeFirstOrThrow();
    expect(sparrowhawk).toMatchObject({
      cd_ref: 2895,
      rank: 'ES',
      scientific_name: 'Accipiter nisus',
      authority: '(Linnaeus, 1758)',
      kingdom: 'Animalia',
      phylum: 'Chordata',
      class: 'Aves',
      order: 'Accipitriformes',
      family: 'Accipitridae',
      taxref_version: '10.0',
      search_key: 'accipiter nisus',
    });
    const names = await db()
      .selectFrom('vernacular_names')
      .select(['lang', 'name', 'is_preferred', 'search_key'])
      .where('cd_nom', '=', 2895)
      .orderBy('lang')
      .execute();
    expect(names).toEqual([
      {
        lang: 'en',
        name: 'Eurasian Sparrowhawk',
        is_preferred: true,
        search_key: 'eurasian sparrowhawk',
      },
      {
        lang: 'fr',
        name: "Épervier d'Europe",
        is_preferred: true,
        search_key: 'epervier d europe',
      },
    ]);
    // A TAXREF row with two French names: the first is the preferred one.
    const owl = await db()
      .selectFrom('vernacular_names')
      .select(['name', 'is_preferred'])
      .where('cd_nom', '=', 3489)
      .where('lang', '=', 'fr')
      .orderBy('name')
      .execute();
    expect(owl).toEqual([
      { name: 'Hibou petit-duc', is_preferred: true },
      { name: 'Petit-duc scops', is_preferred: false },
    ]);
    const synonym = await db()
      .selectFrom('taxa')
      .select(['cd_ref', 'scientific_name'])
      .where('cd_nom', '=', 4582)
      .executeTakeFirstOrThrow();
    expect(synonym).toEqual({ cd_ref: 4580, scientific_name: 'Chloris chloris' });
  });

  it('changes nothing when the same file is imported again', async () => {
    const before = await db().selectFrom('taxa').select(['cd_nom', 'updated_at']).execute();
    const names = await count('vernacular_names');
    const report = await taxonomy.importTaxref(fixture('taxref-sample.tsv'));
    expect(report).toMatchObject({ inserted: 0, updated: 0, unchanged: 231, errorCount: 0 });
    const after = await db().selectFrom('taxa').select(['cd_nom', 'updated_at']).execute();
    expect(after).toEqual(before);
    expect(await count('vernacular_names')).toBe(names);
  });

  it('updates changed rows in place from a newer version, and only the columns the file has', async () => {
    await db()
      .insertInto('sensitivity_rules')
      .values({ source: 'manual', cd_nom: 2645, level: 2 })
      .execute();
    const text = editedTaxref({
      // A newer TAXREF: a family moved, a French name added, a taxon renamed.
      4117: { FAMILLE: 'Turdidae (new)', TAXREF_VERSION: '18.0' },
      2895: { NOM_VERN: "Épervier d'Europe, Épervier", TAXREF_VERSION: '18.0' },
      2645: { LB_NOM: 'Aquila chrysaetos chrysaetos', TAXREF_VERSION: '18.0' },
    });
    const report = await taxonomy.importTaxref(write('taxref-update.txt', text));
    expect(report).toMatchObject({ inserted: 0, updated: 3, unchanged: 228, errorCount: 0 });
    const rows = await db()
      .selectFrom('taxa')
      .select(['cd_nom', 'family', 'scientific_name', 'search_key', 'taxref_version'])
      .where('cd_nom', 'in', [4117, 2645])
      .orderBy('cd_nom')
      .execute();
    expect(rows).toEqual([
      {
        cd_nom: 2645,
        family: 'Accipitridae',
        scientific_name: 'Aquila chrysaetos chrysaetos',
        search_key: 'aquila chrysaetos chrysaetos',
        taxref_version: '18.0',
      },
      {
        cd_nom: 4117,
        family: 'Turdidae (new)',
        scientific_name: 'Turdus merula',
        search_key: 'turdus merula',
        taxref_version: '18.0',
      },
    ]);
    // The import never touches the platform's sensitivity rules.
    expect(
      await db().selectFrom('sensitivity_rules').select(['cd_nom', 'level']).execute(),
    ).toEqual([{ cd_nom: 2645, level: 2 }]);
    const french = await db()
      .selectFrom('vernacular_names')
      .select(['name', 'is_preferred'])
      .where('cd_nom', '=', 2895)
      .where('lang', '=', 'fr')
      .orderBy('name')
      .execute();
    expect(french).toEqual([
      { name: 'Épervier', is_preferred: false },
      { name: "Épervier d'Europe", is_preferred: true },
    ]);
    // Back to the fixture: the three rows are updated again.
    const back = await taxonomy.importTaxref(fixture('taxref-sample.tsv'));
    expect(back).toMatchObject({ updated: 3, unchanged: 228 });
  });

  it('rejects a file with a bad row, listing its line, and imports nothing of it', async () => {
    const bad = fixtureText('taxref-incomplete-rows.tsv').trimEnd().split('\n').slice(1);
    const text = [editedTaxref({ 4117: { FAMILLE: 'Changed' } }), ...bad].join('\n');
    const before = await count('taxa');
    const report = await rejected(taxonomy.importTaxref(write('bad.tsv', text)));
    expect(report).toEqual({
      inserted: 0,
      updated: 0,
      unchanged: 0,
      removed: 0,
      errors: [
        { line: 233, message: 'CD_REF "" is not a positive integer' },
        { line: 234, message: 'CD_REF "" is not a positive integer' },
        { line: 235, message: 'CD_REF "" is not a positive integer' },
      ],
      errorCount: 3,
    });
    expect(await count('taxa')).toBe(before);
    const blackbird = await db()
      .selectFrom('taxa')
      .select('family')
      .where('cd_nom', '=', 4117)
      .executeTakeFirstOrThrow();
    expect(blackbird.family).toBe('Turdidae');
  });

  it('rejects duplicate ids and accepted names that exist nowhere', async () => {
    const header = fixtureText('taxref-sample.tsv').split('\n')[0];
    const rows = fixtureText('taxref-sample.tsv').split('\n').slice(1, 3);
    const text = [
      header,
      ...rows,
      rows[0],
      '999001\t999002\t\t\tES\tNomen nudum\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t',
    ].join('\n');
    const report = await rejected(taxonomy.importTaxref(write('dup.tsv', text)));
    expect(report.errors).toEqual([
      { line: 4, message: 'taxon 2891 is already on line 2' },
      {
        line: 5,
        message:
          'the accepted name 999002 of taxon 999001 is neither in the file nor in the taxonomy',
      },
    ]);
    expect(
      await rejected(taxonomy.importTaxref(write('notaxref.csv', 'name,id\nfoo,1\n'))),
    ).toMatchObject({ errorCount: 1, errors: [{ line: 1 }] });
  });

  it('imports a Darwin Core checklist with vernacular names in French, English and German', async () => {
    const report = await taxonomy.importDwc({
      kind: 'files',
      taxon: { path: fixture('dwc/Taxon.tsv'), name: 'Taxon.tsv' },
      vernacular: { path: fixture('dwc/VernacularName.tsv'), name: 'VernacularName.tsv' },
    });
    // Taxa already imported from TAXREF: the German names are new; the two synonyms have no
    // names in the checklist, so their TAXREF names go (the file's languages become the file's).
    expect(report).toMatchObject({ inserted: 0, updated: 11, unchanged: 0, errorCount: 0 });
    const blackbird = await db()
      .selectFrom('vernacular_names')
      .select(['lang', 'name', 'is_preferred'])
      .where('cd_nom', '=', 4117)
      .orderBy('lang')
      .execute();
    expect(blackbird).toEqual([
      { lang: 'de', name: 'Amsel', is_preferred: true },
      { lang: 'en', name: 'Common Blackbird', is_preferred: true },
      { lang: 'fr', name: 'Merle noir', is_preferred: true },
    ]);
    // TAXREF's version and observer group stay: the checklist has neither.
    const row = await db()
      .selectFrom('taxa')
      .select(['taxref_version', 'authority'])
      .where('cd_nom', '=', 4540)
      .executeTakeFirstOrThrow();
    expect(row.taxref_version).toBe('15.0');

    const archive = await dwcArchive(path.join(dir, 'checklist.zip'));
    expect(await taxonomy.importDwc({ kind: 'archive', path: archive })).toMatchObject({
      inserted: 0,
      updated: 0,
      unchanged: 11,
    });
    // Re-importing TAXREF gives the synonyms their names back and keeps the German ones.
    expect(await taxonomy.importTaxref(fixture('taxref-sample.tsv'))).toMatchObject({
      updated: 2,
      unchanged: 229,
    });
    const german = await db()
      .selectFrom('vernacular_names')
      .select('name')
      .where('lang', '=', 'de')
      .execute();
    expect(german).toHaveLength(9);
  });

  it('rejects a checklist naming taxa it does not have', async () => {
    const vernacular = write(
      'Vern.tsv',
      'taxonID\tvernacularName\tlanguage\n4117\tMerle\tfr\n123456789\tInconnu\tfr\n',
    );
    const report = await rejected(
      taxonomy.importDwc({
        kind: 'files',
        taxon: { path: fixture('dwc/Taxon.tsv'), name: 'Taxon.tsv' },
        vernacular: { path: vernacular, name: 'Vern.tsv' },
      }),
    );
    expect(report.errors).toEqual([
      {
        line: 3,
        file: 'Vern.tsv',
        message: 'taxon 123456789 is neither in the taxon file nor in the taxonomy',
      },
    ]);
  });
});
