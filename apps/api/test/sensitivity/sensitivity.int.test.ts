import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import type {
  AuditList,
  ImportRejection,
  SavedObservation,
  SensitivityImportResult,
  SensitivityRuleList,
  SensitivityTaxon,
  TaxonDetail,
} from '@citizen/shared';
import { seedDemo } from '../../src/demo/seed.js';
import type { App } from '../../src/http/types.js';
import { SENSITIVITY_COMMANDS } from '../../src/sensitivity/sensitivity.cli.js';
import { describeOnEngines } from '../engines.js';
import { multipart } from '../images.js';
import { addSynonym, asUser, cdNomOf, readingApp } from '../reading/helpers.js';
import { loginAs } from '../taxonomy/helpers.js';
import { seenAs, visitSpeciesIds } from './outputs.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'citizen-sensitivity-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Half the diagonal of a 1, 5 and 10 km cell: the least a blurred uncertainty grows by. */
const HALF_DIAGONAL = [0, 708, 3536, 7072];

describeOnEngines('sensitive species', (database) => {
  let app: App;
  let admin: Record<string, string>;
  let observer: Record<string, string>;
  const validator = asUser({ id: 999_998, username: 'val', role: 'validator' });
  const db = () => database().db;
  let chaffinch = 0;
  let synonym = 0;
  let target = { id: '', point: [0, 0] };

  beforeAll(async () => {
    await seedDemo(db(), { sites: true });
    app = await readingApp(database());
    admin = await loginAs(app, db(), 'admin', 'sensitive-admin');
    observer = await loginAs(app, db(), 'observer', 'shy-observer');
    chaffinch = await cdNomOf(db(), 'Fringilla coelebs');
    synonym = await addSynonym(db(), 'Fringilla coelebs');
    const { rows } = await sql<{ id: string; x: number; y: number }>`
      select id, round(ST_X(geom)::numeric, 6)::float8 as x, round(ST_Y(geom)::numeric, 6)::float8 as y
      from observations
      where program_id = 2 and cd_nom = ${chaffinch} and is_public and sensitivity = 0
        -- Its blurred point, at every level, outside the z16 tile of its exact point (the check
        -- below): about one demo chaffinch in thirty is blurred into its own tile.
        and not exists (
          select 1 from generate_series(1, 3) as level
          where floor(mercator_u(public_point(geom, level::smallint)) * 65536)
              = floor(mercator_u(geom) * 65536)
            and floor(mercator_v(public_point(geom, level::smallint)) * 65536)
              = floor(mercator_v(geom) * 65536))
      order by id limit 1`.execute(db());
    target = { id: rows[0]!.id, point: [rows[0]!.x, rows[0]!.y] };
  });
  afterAll(() => app?.close());

  const send = async (
    method: 'GET' | 'PUT' | 'PATCH' | 'DELETE' | 'POST',
    url: string,
    json?: object,
    headers = admin,
  ) => {
    const response = await app.inject({
      method,
      url,
      headers,
      ...(json !== undefined && { payload: json }),
    });
    return { status: response.statusCode, body: response.body ? response.json() : null };
  };
  const importCsv = async (text: string, source?: string) => {
    const form = multipart(source === undefined ? {} : { source }, [
      { field: 'file', filename: 'rules.csv', type: 'text/csv', bytes: Buffer.from(text) },
    ]);
    const response = await app.inject({
      method: 'POST',
      url: '/api/admin/sensitivity/import',
      headers: { ...admin, ...form.headers },
      payload: form.payload,
    });
    return { status: response.statusCode, body: response.json() };
  };
  const levelOf = async (id: string) =>
    (
      await db()
        .selectFrom('observations')
        .select('sensitivity')
        .where('id', '=', id)
        .executeTakeFirstOrThrow()
    ).sensitivity;
  const removeSources = (...sources: string[]) =>
    db().deleteFrom('sensitivity_rules').where('source', 'in', sources).execute();

  it("keeps the demo's sensitive taxa through the rules table", async () => {
    const { rows } = await sql<{ rules: number; eagles: number; blurred: number }>`
      select (select count(*)::int from sensitivity_rules where source = 'demo') as rules,
        (select count(*)::int from observations where cd_nom = 2645) as eagles,
        (select count(*)::int from observations
         where cd_nom = 2645 and sensitivity = 3 and not ST_Equals(public_geom, geom)) as blurred`.execute(
      db(),
    );
    expect(rows[0]!.rules).toBeGreaterThan(3);
    expect(rows[0]!.eagles).toBeGreaterThan(0);
    expect(rows[0]!.blurred).toBe(rows[0]!.eagles);
  });

  it('refuses a file with bad lines, naming each, and imports nothing', async () => {
    const bad = await importCsv(
      `cd_nom,sensitivity,area_code\nabc,1,\n${chaffinch},4,\n${chaffinch},x,\n${chaffinch},2,nowhere\n4117,1,\n`,
    );
    expect(bad.status).toBe(422);
    const report = bad.body as ImportRejection;
    expect(report.errorCount).toBe(4);
    expect(report.errors.map((e) => e.line)).toEqual([2, 3, 4, 5]);
    expect(report.errors[0]!.message).toMatch(/cd_nom "abc"/);
    expect(report.errors[1]!.message).toMatch(/4 \(not published\).*write 3/);
    expect(report.errors[3]!.message).toMatch(/no area has the code "nowhere"/);
    expect((await importCsv('cd_nom,level_of_doom\n1,1\n')).body.errors[0]).toMatchObject({
      line: 1,
    });
    expect((await importCsv(`cd_nom,sensitivity\n${chaffinch},1\n`, 'Bad Name')).status).toBe(400);
    expect((await importCsv(`cd_nom,sensitivity\n${chaffinch},1\n`, 'manual')).status).toBe(400);
    expect(
      await db()
        .selectFrom('sensitivity_rules')
        .select('id')
        .where('source', '<>', 'demo')
        .execute(),
    ).toEqual([]);
  });

  it('blurs an existing observation in every public output once a rule on a synonym of its taxon is imported', async () => {
    const before = await seenAs(app, 2, target.id, target.point);
    expect(before).toMatchObject({
      detail: { blurred: false, point: target.point },
      list: false,
      tileAtExactPoint: true,
      csv: { blurred: 'false' },
      geojson: false,
      dwc: { generalisation: '', withheld: '' },
    });

    const imported = await importCsv(`cd_nom,sensitivity\n${synonym},3\n`);
    expect(imported.status).toBe(200);
    expect(imported.body as SensitivityImportResult).toMatchObject({
      source: 'national',
      report: { inserted: 1, updated: 0, unchanged: 0, removed: 0 },
      unknownTaxa: 0,
    });

    const after = await seenAs(app, 2, target.id, target.point);
    expect(after.detail.blurred).toBe(true);
    expect(after.detail.point).not.toEqual(target.point);
    expect(after.list).toBe(true);
    expect(after.tileAtExactPoint).toBe(false);
    expect(after.dataVersion).not.toBe(before.dataVersion);
    expect(after.csv.blurred).toBe('true');
    expect(after.csv.uncertainty).toBeGreaterThanOrEqual(HALF_DIAGONAL[3]!);
    expect(after.geojson).toBe(true);
    expect(after.dwc.generalisation).toMatch(/10 km × 10 km/);
    expect(after.dwc.withheld).toMatch(/withheld/);
    expect(after.dwc.uncertainty).toBeGreaterThanOrEqual(HALF_DIAGONAL[3]!);

    // Validators still see the exact point.
    const expert = await seenAs(app, 2, target.id, target.point, validator);
    expect(expert.detail).toEqual({ blurred: false, point: target.point });
    expect(expert.tileAtExactPoint).toBe(true);
  });

  it("replaces its source's rules on a re-import; other sources stay and the strictest wins", async () => {
    const regional = await importCsv(`cd_nom;sensitivity\n${chaffinch};1\n`, 'regional');
    expect(regional.body.report).toMatchObject({ inserted: 1 });
    expect(await levelOf(target.id)).toBe(3);

    // The national file no longer has the chaffinch: its rule goes, the regional one stays.
    const again = await importCsv(`cd_nom,sensitivity\n4117,2\n4117,1\n`, 'national');
    expect(again.body.report).toMatchObject({ inserted: 1, updated: 0, unchanged: 0, removed: 1 });
    expect(await levelOf(target.id)).toBe(1);
    const same = await importCsv(`cd_nom,sensitivity\n4117,2\n`, 'national');
    expect(same.body.report).toMatchObject({ inserted: 0, updated: 0, unchanged: 1, removed: 0 });
    const changed = await importCsv(`cd_nom,sensitivity\n4117,1\n`, 'national');
    expect(changed.body.report).toMatchObject({
      inserted: 0,
      updated: 1,
      unchanged: 0,
      removed: 0,
    });

    await removeSources('national', 'regional');
    expect(await levelOf(target.id)).toBe(0);
  });

  it('applies an area rule inside its area only, and follows the area when it moves', async () => {
    const [x, y] = target.point as [number, number];
    const square = (cx: number, cy: number) =>
      sql`ST_Multi(ST_MakeEnvelope(${cx - 0.001}, ${cy - 0.001}, ${cx + 0.001}, ${cy + 0.001}, 4326))`;
    await sql`insert into areas (kind, code, name, geom) values
      ('departement', '38', 'Isère', ${square(x, y)}),
      ('zone', '38', 'Elsewhere', ${square(x + 1, y)})`.execute(db());
    const { rows } = await sql<{ id: string }>`
      select id from observations where cd_nom = ${chaffinch} and id <> ${target.id}::uuid
        and not ST_Intersects(geom, ${square(x, y)}) limit 1`.execute(db());
    const outside = rows[0]!.id;

    const ambiguous = await importCsv(`cd_nom,sensitivity,area_code\n${chaffinch},2,38\n`, 'areas');
    expect(ambiguous.status).toBe(422);
    expect(ambiguous.body.errors[0].message).toMatch(
      /several kinds \(departement, zone\).*kind:code/,
    );

    const imported = await importCsv(
      `cd_nom,sensitivity,area_code\n${chaffinch},2,departement:38\n`,
      'areas',
    );
    expect(imported.status).toBe(200);
    expect(await levelOf(target.id)).toBe(2);
    expect(await levelOf(outside)).toBe(0);
    expect((await seenAs(app, 2, target.id, target.point)).dwc.generalisation).toMatch(/5 km/);

    // The area kind cannot go while a rule uses it.
    expect((await send('DELETE', '/api/admin/areas/kinds/departement')).status).toBe(409);

    await sql`update areas set geom = ${square(x + 1, y)} where kind = 'departement'`.execute(db());
    expect(await levelOf(target.id)).toBe(0);
    await removeSources('areas');
  });

  it("blurs a whole programme at its floor, and the observer's obscured observation", async () => {
    const raised = await send('PATCH', '/api/admin/programs/2', { minSensitivity: 2 });
    expect(raised.status).toBe(200);
    expect(raised.body.minSensitivity).toBe(2);
    const floor = await seenAs(app, 2, target.id, target.point);
    expect(floor.detail.blurred).toBe(true);
    expect(floor.tileAtExactPoint).toBe(false);
    expect(floor.dwc.generalisation).toMatch(/5 km × 5 km/);
    expect(floor.csv.uncertainty).toBeGreaterThanOrEqual(HALF_DIAGONAL[2]!);
    expect((await send('PATCH', '/api/admin/programs/2', { minSensitivity: 0 })).status).toBe(200);
    expect((await seenAs(app, 2, target.id, target.point)).detail.blurred).toBe(false);

    const created = await send(
      'POST',
      '/api/observations',
      {
        programId: 2,
        cdNom: chaffinch,
        observedOn: '2026-06-01',
        location: { type: 'Point', coordinates: target.point },
        obscured: true,
      },
      observer,
    );
    expect(created.status).toBe(201);
    const saved = created.body as SavedObservation;
    expect(saved).toMatchObject({ obscured: true, sensitivity: 3 });
    expect(saved.location.coordinates).toEqual(target.point);
    const publicView = await seenAs(app, 2, saved.id, target.point);
    expect(publicView.detail.blurred).toBe(true);
    expect(publicView.tileAtExactPoint).toBe(false);
    expect(publicView.dwc.generalisation).toMatch(/10 km/);
    const ownerView = await seenAs(app, 2, saved.id, target.point, observer);
    expect(ownerView.detail).toEqual({ blurred: false, point: target.point });

    const unobscured = await send(
      'PATCH',
      `/api/observations/${saved.id}`,
      { obscured: false },
      observer,
    );
    expect(unobscured.body).toMatchObject({ obscured: false, sensitivity: 0 });
    expect((await seenAs(app, 2, saved.id, target.point)).detail.blurred).toBe(false);

    // Never less than the taxon's rule.
    const eagle = await send(
      'POST',
      '/api/observations',
      {
        programId: 2,
        cdNom: 2645,
        observedOn: '2026-06-01',
        location: { type: 'Point', coordinates: target.point },
        obscured: false,
      },
      observer,
    );
    expect(eagle.body).toMatchObject({ obscured: false, sensitivity: 3 });
  });

  it("sets, lists and clears a taxon's rules from the back office, every change audited", async () => {
    const set = await send('PUT', `/api/admin/sensitivity/taxa/${chaffinch}`, { level: 2 });
    expect(set.status).toBe(200);
    expect(set.body as SensitivityTaxon).toMatchObject({
      cdNom: chaffinch,
      level: 2,
      rules: [{ source: 'manual', cdNom: chaffinch, level: 2, area: null }],
    });
    expect(await levelOf(target.id)).toBe(2);
    const taxon = (await send('GET', `/api/taxa/${synonym}`, undefined, {})).body as TaxonDetail;
    expect(taxon.sensitivity).toBe(2);

    const byName = (await send('GET', '/api/admin/sensitivity/rules?q=fringilla'))
      .body as SensitivityRuleList;
    expect(byName.items.map((r) => [r.cdNom, r.source])).toEqual([[chaffinch, 'manual']]);
    const bySynonym = (await send('GET', `/api/admin/sensitivity/rules?q=${synonym}`))
      .body as SensitivityRuleList;
    expect(bySynonym.total).toBe(1);
    const demo = (await send('GET', '/api/admin/sensitivity/rules?source=demo&limit=2'))
      .body as SensitivityRuleList;
    expect(demo.items).toHaveLength(2);
    expect(demo.sources).toContainEqual({ source: 'manual', count: 1 });

    expect(
      (await send('PUT', `/api/admin/sensitivity/taxa/${chaffinch}`, { level: 4 })).status,
    ).toBe(400);
    const zero = await send('PUT', `/api/admin/sensitivity/taxa/${chaffinch}`, { level: 0 });
    expect(zero.body).toMatchObject({ level: 0, rules: [] });
    expect(await levelOf(target.id)).toBe(0);

    await importCsv(`cd_nom,sensitivity\n${synonym},1\n`, 'regional');
    expect((await send('DELETE', `/api/admin/sensitivity/taxa/${chaffinch}`)).status).toBe(204);
    expect(await levelOf(target.id)).toBe(0);
    expect((await send('DELETE', `/api/admin/sensitivity/taxa/${chaffinch}`)).status).toBe(404);

    const audit = (
      await send(
        'GET',
        '/api/admin/audit?event=sensitivity_set,sensitivity_cleared,sensitivity_imported&limit=50',
      )
    ).body as AuditList;
    const events = audit.items.map((e) => [e.event, e.actorName]);
    expect(events).toContainEqual(['sensitivity_set', 'sensitive-admin']);
    expect(events).toContainEqual(['sensitivity_cleared', 'sensitive-admin']);
    expect(events).toContainEqual(['sensitivity_imported', 'sensitive-admin']);
    expect(audit.items.find((e) => e.event === 'sensitivity_cleared')!.details).toMatchObject({
      cdNom: chaffinch,
      removed: 1,
    });
  });

  it("leaves a newly sensitive species out of a site programme's public species export", async () => {
    const programId = (
      await db()
        .selectFrom('programs')
        .select('id')
        .where('slug', '=', 'mares-tete-dor')
        .executeTakeFirstOrThrow()
    ).id;
    const { rows } = await sql<{ id: string; cd_nom: number }>`
      select o.id, o.cd_nom from observations o
      where o.program_id = ${programId} and o.visit_id is not null and o.sensitivity = 0
      order by o.id limit 1`.execute(db());
    const seen = rows[0]!;
    expect(await visitSpeciesIds(app, programId)).toContain(seen.id);
    await importCsv(`cd_nom,sensitivity\n${seen.cd_nom},1\n`, 'sites-test');
    expect(await visitSpeciesIds(app, programId)).not.toContain(seen.id);
    await removeSources('sites-test');
  });

  it('imports from the command line, with the line numbers of a refused file', async () => {
    const command = SENSITIVITY_COMMANDS['import-sensitivity']!;
    const good = path.join(dir, 'good.csv');
    const bad = path.join(dir, 'bad.csv');
    writeFileSync(good, `cd_nom,sensitivity\n${chaffinch},2\n99999999,1\n`);
    writeFileSync(bad, `cd_nom,sensitivity\n${chaffinch},9\n`);
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      expect(await command.run(database(), ['--source', 'cli', good])).toBe(0);
      expect(log.mock.calls.flat().join('\n')).toMatch(
        /cli: 2 added, 0 updated, 0 unchanged, 0 removed \(1 taxa not in the taxonomy yet\)/,
      );
      expect(await levelOf(target.id)).toBe(2);
      expect(await command.run(database(), ['--source', 'cli', bad])).toBe(1);
      expect(error.mock.calls.flat().join('\n')).toMatch(/line 2: sensitivity "9"/);
    } finally {
      log.mockRestore();
      error.mockRestore();
    }
    await removeSources('cli');
  });
});
