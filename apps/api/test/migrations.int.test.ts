import { sql } from 'kysely';
import { afterAll, expect, inject, it } from 'vitest';
import { openDatabase } from '../src/db/database.js';
import { migrate, migrationState, readMigrations, type Migration } from '../src/db/migrate.js';
import { describeOnEngines, describeOnPostgres } from './engines.js';
import { createEmptyDatabase, databaseUrl, dropDatabase } from './postgres.js';

describeOnEngines('migrations', { pglite: true }, (database) => {
  it('has applied every checked-in migration, and running again applies nothing', async () => {
    const all = readMigrations().map((m) => `${m.version}_${m.name}`);
    expect(await migrationState(database().db)).toEqual({
      applied: all.length,
      pending: [],
      latest: all.at(-1),
    });
    expect(await migrate(database().db)).toEqual([]);
  });

  it('creates the core tables with PostGIS geometry columns in EPSG:4326', async () => {
    const { rows } = await sql<{ table: string; column: string; type: string; srid: number }>`
      select f_table_name as table, f_geometry_column as column, type, srid
      from geometry_columns order by f_table_name`.execute(database().db);
    expect(rows).toEqual(
      expect.arrayContaining([
        { table: 'observations', column: 'geom', type: 'POINT', srid: 4326 },
        { table: 'programs', column: 'area', type: 'MULTIPOLYGON', srid: 4326 },
        { table: 'areas', column: 'geom', type: 'MULTIPOLYGON', srid: 4326 },
      ]),
    );
    expect(rows.every((r) => r.srid === 4326)).toBe(true);
  });

  it('refuses to run when an applied migration was edited', async () => {
    const edited: Migration[] = readMigrations().map((m, i) =>
      i === 0 ? { ...m, checksum: 'edited' } : m,
    );
    await expect(migrate(database().db, edited)).rejects.toThrow(
      /was changed after it was applied/,
    );
  });

  it('rolls back every pending migration when one of them fails', async () => {
    const extra: Migration[] = [
      ...readMigrations(),
      { version: '9998', name: 'good', sql: 'create table probe_good (id int);', checksum: 'a' },
      {
        version: '9999',
        name: 'bad',
        sql: 'create table probe_bad (id nosuchtype);',
        checksum: 'b',
      },
    ];
    await expect(migrate(database().db, extra)).rejects.toThrow(/Migration 9999_bad failed/);
    const { rows } = await sql<{ found: string | null }>`
      select to_regclass('probe_good')::text as found`.execute(database().db);
    expect(rows[0]!.found).toBeNull();
    expect((await migrationState(database().db, extra)).pending).toEqual(['9998_good', '9999_bad']);
  });
});

describeOnPostgres('migrations started by several instances at once [postgres]', () => {
  let name: string | undefined;
  afterAll(async () => {
    if (name) await dropDatabase(name);
  });

  it('applies each migration exactly once', async () => {
    inject('postgresTemplate'); // the server is up
    name = await createEmptyDatabase();
    const instances = await Promise.all(
      [1, 2, 3].map(() => openDatabase({ kind: 'postgres', url: databaseUrl(name!), poolSize: 2 })),
    );
    try {
      const results = await Promise.all(instances.map((i) => migrate(i.db)));
      const appliedBy = results.filter((applied) => applied.length > 0);
      expect(appliedBy).toHaveLength(1);
      expect(appliedBy[0]).toEqual(readMigrations().map((m) => `${m.version}_${m.name}`));
      const rows = await instances[0]!.db
        .selectFrom('schema_migrations')
        .select('version')
        .execute();
      expect(rows).toHaveLength(readMigrations().length);
    } finally {
      await Promise.all(instances.map((i) => i.close()));
    }
  });
});
