import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { isEmpty } from '../src/demo/demo.repository.js';
import { seedDemo } from '../src/demo/seed.js';
import { DEMO_SITE_PROGRAM, DEMO_SITE_TYPES, DEMO_SITES } from '../src/demo/sites.js';
import { checkProtocolForm, validateAnswers } from '../src/sites/forms.js';
import { verifyPassword } from '../src/users/passwords.js';
import { describeOnEngines } from './engines.js';

describeOnEngines('demo data', { pglite: true }, (database) => {
  let password = '';
  beforeAll(async () => {
    expect(await isEmpty(database().db)).toBe(true);
    // As a first start loads it: with the site programme.
    password = (await seedDemo(database().db, { sites: true })).password;
  });

  it('is no longer empty after the seed', async () => {
    expect(await isEmpty(database().db)).toBe(false);
  });

  it('has at least 60 species, each with a name in French, English and German and a classification', async () => {
    const { rows } = await sql<{ cd_nom: number; langs: string[]; complete: boolean }>`
      select t.cd_nom, array_agg(distinct v.lang order by v.lang) as langs,
        (t.kingdom is not null and t.class is not null and t."order" is not null and t.family is not null) as complete
      from taxa t join vernacular_names v on v.cd_nom = t.cd_nom
      where v.is_preferred group by t.cd_nom`.execute(database().db);
    expect(rows.length).toBeGreaterThanOrEqual(60);
    for (const row of rows) {
      expect(row.langs, `taxon ${row.cd_nom}`).toEqual(['de', 'en', 'fr']);
      expect(row.complete, `taxon ${row.cd_nom}`).toBe(true);
    }
  });

  it('has programmes whose observations all lie inside their area', async () => {
    const { rows } = await sql<{ slug: string; total: number; outside: number }>`
      select p.slug, count(o.id)::int as total,
        count(o.id) filter (where not ST_Within(o.geom, p.area))::int as outside
      from programs p join observations o on o.program_id = p.id
      group by p.slug order by p.slug`.execute(database().db);
    expect(rows.map((r) => r.slug)).toEqual(['chartreuse', DEMO_SITE_PROGRAM.slug, 'tete-dor']);
    expect(rows.reduce((sum, r) => sum + r.total, 0)).toBeGreaterThanOrEqual(300);
    expect(rows.every((r) => r.outside === 0)).toBe(true);
  });

  it('has a site programme whose sites lie in its area and whose answers fit their forms', async () => {
    const db = database().db;
    const program = await db
      .selectFrom('programs')
      .select(['id', 'kind', 'visits_by'])
      .where('slug', '=', DEMO_SITE_PROGRAM.slug)
      .executeTakeFirstOrThrow();
    expect(program).toMatchObject({ kind: 'sites', visits_by: 'anyone' });
    for (const type of Object.values(DEMO_SITE_TYPES)) {
      checkProtocolForm(type.siteForm, 'siteForm');
      checkProtocolForm(type.visitForm, 'visitForm');
    }

    const { rows: sites } = await sql<{
      name: string;
      inside: boolean;
      custom_data: Record<string, unknown>;
      site_form: number;
      site_schema: unknown;
      visits: number;
    }>`
      select s.name, ST_Within(s.geom, p.area) as inside, s.custom_data,
        f.id as site_form, f.json_schema as site_schema,
        (select count(*) from visits v where v.site_id = s.id)::int as visits
      from sites s join programs p on p.id = s.program_id
      join site_types t on t.id = s.site_type_id
      join custom_forms f on f.id = t.site_form_id
      where p.id = ${program.id} order by s.id`.execute(db);
    expect(sites.map((s) => s.name)).toEqual(DEMO_SITES.map((s) => s.name));
    for (const site of sites) {
      expect(site.inside, site.name).toBe(true);
      validateAnswers(
        { id: site.site_form, jsonSchema: site.site_schema, updatedAt: new Date(0) },
        site.custom_data,
        'site',
      );
    }
    expect(sites.reduce((sum, s) => sum + s.visits, 0)).toBeGreaterThanOrEqual(5);

    const { rows: visits } = await sql<{
      id: number;
      visited_on: string;
      custom_data: Record<string, unknown>;
      visit_form: number;
      visit_schema: unknown;
    }>`
      select v.id, v.visited_on::text, v.custom_data, f.id as visit_form,
        f.json_schema as visit_schema
      from visits v join sites s on s.id = v.site_id
      join site_types t on t.id = s.site_type_id
      join custom_forms f on f.id = t.visit_form_id
      where s.program_id = ${program.id}`.execute(db);
    for (const visit of visits) {
      validateAnswers(
        { id: visit.visit_form, jsonSchema: visit.visit_schema, updatedAt: new Date(0) },
        visit.custom_data,
        'visit',
      );
    }

    // The birds seen during visits are observations of the programme, on the visit's day, at
    // the site's place.
    const { rows: species } = await sql<{ total: number; mismatched: number }>`
      select count(*)::int as total,
        count(*) filter (where o.program_id <> s.program_id or o.observed_on <> v.visited_on
          or not ST_Equals(o.geom, s.geom) or o.observer_id is distinct from v.observer_id)::int
          as mismatched
      from observations o join visits v on v.id = o.visit_id join sites s on s.id = v.site_id
      where s.program_id = ${program.id}`.execute(db);
    expect(species[0]!.total).toBeGreaterThan(0);
    expect(species[0]!.mismatched).toBe(0);
  });

  it('creates an active admin whose password is the one returned', async () => {
    const admin = await database()
      .db.selectFrom('users')
      .select(['role', 'is_active', 'password_hash'])
      .where('username', '=', 'admin')
      .executeTakeFirstOrThrow();
    expect(admin.role).toBe('admin');
    expect(admin.is_active).toBe(true);
    expect(await verifyPassword(admin.password_hash!, password)).toBe(true);
    expect(await verifyPassword(admin.password_hash!, 'wrong')).toBe(false);
  });
});
