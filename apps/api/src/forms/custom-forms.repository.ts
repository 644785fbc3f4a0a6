import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema.js';

type Executor = Kysely<DB> | Transaction<DB>;

/** The one place custom forms (programmes' and site types') are written. */
export async function insertCustomForm(
  trx: Executor,
  name: string,
  jsonSchema: unknown,
  uiSchema: unknown,
): Promise<number> {
  const { id } = await trx
    .insertInto('custom_forms')
    .values({
      name,
      json_schema: JSON.stringify(jsonSchema),
      ui_schema: JSON.stringify(uiSchema ?? {}),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** Replaces a form; its new `updated_at` makes cached validators of the old one unused. */
export async function updateCustomForm(
  trx: Executor,
  id: number,
  jsonSchema: unknown,
  uiSchema: unknown,
): Promise<void> {
  await trx
    .updateTable('custom_forms')
    .set({
      json_schema: JSON.stringify(jsonSchema),
      ui_schema: JSON.stringify(uiSchema ?? {}),
      updated_at: new Date(),
    })
    .where('id', '=', id)
    .execute();
}
