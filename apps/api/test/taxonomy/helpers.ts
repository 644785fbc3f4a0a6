import { createWriteStream, readFileSync } from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { sql, type Kysely } from 'kysely';
import { ZipFile } from 'yazl';
import type { Role } from '../../src/db/schema.js';
import type { DB } from '../../src/db/schema.js';
import type { App } from '../../src/http/types.js';
import { hashPassword } from '../../src/users/passwords.js';
import type { ActionRecorder } from '../../src/audit/record-action.js';

export const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/taxonomy');
export const fixture = (name: string) => path.join(FIXTURES, name);
export const fixtureText = (name: string) => readFileSync(fixture(name), 'utf8');

/** The TAXREF fixture with some cells changed: `edits[cdNom][column] = value`. */
export function editedTaxref(edits: Record<number, Record<string, string>>): string {
  const [header, ...rows] = fixtureText('taxref-sample.tsv').trimEnd().split('\n');
  const columns = header!.split('\t');
  return [
    header,
    ...rows.map((row) => {
      const cells = row.split('\t');
      const edit = edits[Number(cells[0])];
      if (!edit) return row;
      for (const [column, value] of Object.entries(edit)) cells[columns.indexOf(column)] = value;
      return cells.join('\t');
    }),
  ].join('\n');
}

/** The Darwin Core fixture files zipped as an archive. */
export async function dwcArchive(file: string, withMeta = true): Promise<string> {
  const zip = new ZipFile();
  for (const name of ['Taxon.tsv', 'VernacularName.tsv', ...(withMeta ? ['meta.xml'] : [])]) {
    zip.addBuffer(readFileSync(fixture(`dwc/${name}`)), name);
  }
  zip.end();
  await pipeline(zip.outputStream, createWriteStream(file));
  return file;
}

/** An active programme over a small square, using `listId` (null: the whole taxonomy). */
export async function insertProgram(db: Kysely<DB>, slug: string, listId: number | null) {
  const { rows } = await sql<{ id: number }>`
    insert into programs (slug, title, area, species_list_id)
    values (${slug}, ${slug}, ST_Multi(ST_MakeEnvelope(4.8, 45.7, 4.9, 45.8, 4326)), ${listId})
    returning id`.execute(db);
  return rows[0]!.id;
}

/** Logs in through the API as a new active user of `role`; returns the bearer headers. */
export async function loginAs(app: App, db: Kysely<DB>, role: Role, username: string) {
  const password = 'a long and unguessable test password 42';
  await db
    .insertInto('users')
    .values({
      username,
      email: `${username}@example.org`,
      password_hash: await hashPassword(password),
      role,
      is_active: true,
      email_confirmed_at: new Date(),
    })
    .execute();
  const response = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { login: username, password, cookie: false },
  });
  const token = response.json<{ accessToken?: string }>().accessToken;
  if (response.statusCode !== 200 || !token) {
    throw new Error(`login as ${username} failed: ${response.statusCode} ${response.body}`);
  }
  return { authorization: `Bearer ${token}` };
}

/** For tests of something else than the audit log: changes recorded nowhere. */
export const unaudited: ActionRecorder = async () => {};
