import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../db/schema.js';

export type PageValues = {
  slug: string;
  title: string;
  body: string;
  in_menu: boolean;
  position: number;
};

/** The instance's settings (one row of JSON) and its custom pages. */
export function createSettingsRepository(db: Kysely<DB>) {
  return {
    transaction: () => db.transaction(),

    /** The stored settings; locked until the transaction ends when read in one. */
    async storedSettings(trx?: Transaction<DB>): Promise<unknown> {
      const query = (trx ?? db).selectFrom('site_settings').select('value');
      const row = await (trx ? query.forUpdate() : query).executeTakeFirst();
      return row?.value ?? {};
    },

    async saveSettings(trx: Transaction<DB>, value: unknown) {
      await trx
        .insertInto('site_settings')
        .values({ id: true, value: JSON.stringify(value) })
        .onConflict((oc) =>
          oc.column('id').doUpdateSet({ value: JSON.stringify(value), updated_at: sql`now()` }),
        )
        .execute();
    },

    listPages() {
      return db
        .selectFrom('custom_pages')
        .selectAll()
        .orderBy('position')
        .orderBy('slug')
        .execute();
    },

    findPage(slug: string) {
      return db.selectFrom('custom_pages').selectAll().where('slug', '=', slug).executeTakeFirst();
    },

    async savePage(values: PageValues) {
      await db
        .insertInto('custom_pages')
        .values(values)
        .onConflict((oc) => oc.column('slug').doUpdateSet({ ...values, updated_at: sql`now()` }))
        .execute();
    },

    /** False when there was no such page. */
    async deletePage(slug: string): Promise<boolean> {
      const result = await db
        .deleteFrom('custom_pages')
        .where('slug', '=', slug)
        .executeTakeFirst();
      return result.numDeletedRows > 0n;
    },
  };
}

export type SettingsRepository = ReturnType<typeof createSettingsRepository>;
