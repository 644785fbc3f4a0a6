import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { describeOnEngines } from './engines.js';
import {
  readDatabaseSchema,
  readKyselySchema,
  SCHEMA_DIR,
  SCHEMA_FILE,
  schemaDifferences,
  type SchemaShape,
} from './kysely-schema.js';

/**
 * Foreign keys left without an index on purpose: configuration tables of a few rows per
 * programme, whose referenced rows are rarely deleted. Any other foreign key needs an index that
 * starts with its columns, or deleting the row it points at reads the whole table.
 */
const SMALL_TABLE_FOREIGN_KEYS = [
  'badge_rules.picture_media_id',
  'badge_rules.program_id',
  'programs.form_id',
  'programs.image_media_id',
  'programs.project_id',
  'programs.species_list_id',
  'site_types.site_form_id',
  'site_types.visit_form_id',
  'sites.site_type_id',
];

/** Columns without a default that triggers fill on insert (migrations 0005 and 0011). */
const SET_BY_TRIGGERS = [
  'observations.public_geom',
  'observations.public_mx',
  'observations.public_my',
  'observations.public_key',
];

describeOnEngines('database schema', (database) => {
  let types: SchemaShape;
  let migrated: SchemaShape;
  beforeAll(async () => {
    types = readKyselySchema();
    migrated = await readDatabaseSchema(database().db);
  });

  it('db/schema.ts has the tables, columns, nullability and types of the migrated database', () => {
    expect(schemaDifferences(types, migrated, SET_BY_TRIGGERS)).toEqual([]);
  });

  it('names every difference between schema.ts and the database', () => {
    const platform = path.join(SCHEMA_DIR, 'platform.ts');
    const tables = readFileSync(platform, 'utf8')
      .replace('  avatar_key: string | null;\n', '')
      .replace('  display_name: string | null;', '  display_name: string;')
      .replace('  storage_key: string;', '  storage_key: number;')
      .replace('  ip: string | null;\n  requested_at: Timestamp;', '  ip: string | null;')
      .replace('  username: string;', '  username: string;\n  nickname: string;')
      .replace(
        '  hidden_by: number | null;\n}',
        '  hidden_by: number | null;\n  note: Generated<string>;\n}',
      );
    const db = readFileSync(SCHEMA_FILE, 'utf8').replace('  taxon_words: TaxonWordsTable;\n', '');
    // Only what the edits add: the first test reports differences schema.ts has already.
    const before = new Set(schemaDifferences(types, migrated, SET_BY_TRIGGERS));
    const after = schemaDifferences(
      readKyselySchema(
        SCHEMA_FILE,
        new Map([
          [platform, tables],
          [SCHEMA_FILE, db],
        ]),
      ),
      migrated,
      SET_BY_TRIGGERS,
    );
    expect(after.filter((d) => !before.has(d)).sort()).toEqual(
      [
        'users.avatar_key is in the database but not in schema.ts',
        'users.display_name is not nullable in schema.ts but nullable in the database',
        'users.nickname is in schema.ts but not in the database',
        'media.storage_key is number in schema.ts but string in the database',
        'media.note is in schema.ts but not in the database',
        'account_mail_requests.requested_at is in the database but not in schema.ts',
        'table taxon_words is in the database but not in schema.ts',
      ].sort(),
    );
    const withDefaultLost = new Map(migrated);
    withDefaultLost.set(
      'users',
      new Map(migrated.get('users')).set('locale', {
        type: 'string',
        nullable: false,
        optionalOnInsert: false,
      }),
    );
    expect(
      schemaDifferences(types, withDefaultLost, SET_BY_TRIGGERS).filter((d) => !before.has(d)),
    ).toEqual([
      'users.locale may be left out of an insert in schema.ts but the database has no default for it',
    ]);
  });

  it('indexes every foreign key but those of small configuration tables', async () => {
    const { rows } = await sql<{ key: string }>`
      select c.conrelid::regclass::text || '.' || string_agg(a.attname, ',' order by k.n) as key
      from pg_constraint c
      cross join unnest(c.conkey) with ordinality as k(attnum, n)
      join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.attnum
      where c.contype = 'f' and c.connamespace = 'public'::regnamespace
        and not exists (
          select from pg_index i
          where i.indrelid = c.conrelid
            and (i.indkey::int2[])[0:cardinality(c.conkey) - 1] @> c.conkey
            and (i.indkey::int2[])[0:cardinality(c.conkey) - 1] <@ c.conkey)
      group by c.oid, c.conrelid
      order by key`.execute(database().db);
    expect(rows.map((r) => r.key)).toEqual(SMALL_TABLE_FOREIGN_KEYS);
  });
});
