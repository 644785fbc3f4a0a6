import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { isEmpty, seedDemo } from '../src/demo/seed.js';
import { verifyPassword } from '../src/users/passwords.js';
import { describeOnEngines } from './engines.js';

describeOnEngines('demo data', (database) => {
  let password = '';
  beforeAll(async () => {
    expect(await isEmpty(database().db)).toBe(true);
    password = (await seedDemo(database().db)).password;
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

  it('has two programmes whose observations all lie inside their area', async () => {
    const { rows } = await sql<{ slug: string; total: number; outside: number }>`
      select p.slug, count(o.id)::int as total,
        count(o.id) filter (where not ST_Within(o.geom, p.area))::int as outside
      from programs p join observations o on o.program_id = p.id
      group by p.slug order by p.slug`.execute(database().db);
    expect(rows.map((r) => r.slug)).toEqual(['chartreuse', 'tete-dor']);
    expect(rows.reduce((sum, r) => sum + r.total, 0)).toBeGreaterThanOrEqual(300);
    expect(rows.every((r) => r.outside === 0)).toBe(true);
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
