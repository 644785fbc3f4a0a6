import { sql, type Kysely, type Transaction } from 'kysely';
import type { Locale } from '@citizen/shared';
import type { DB } from '../db/schema.js';

type Executor = Kysely<DB> | Transaction<DB>;

/** A taxon of a list as written: its place and its picture (a media id or a URL). */
export type ListEntryRow = {
  cdNom: number;
  position: number;
  pictureUrl: string | null;
  pictureMediaId: string | null;
};

/** Rows per statement when checking or writing many taxa. */
const BATCH = 5000;
const WRITE_BATCH = 1000;

export function createSpeciesListsRepository(db: Kysely<DB>) {
  const summaries = (executor: Executor) =>
    executor
      .selectFrom('species_lists as l')
      .select([
        'l.id',
        'l.name',
        'l.description',
        'l.taxhub_list_id',
        'l.updated_at',
        sql<number>`(select count(*) from species_list_taxa t where t.list_id = l.id)::int`.as(
          'taxon_count',
        ),
        sql<number>`(select count(*) from programs p where p.species_list_id = l.id)::int`.as(
          'program_count',
        ),
      ]);

  /** Marks the list as changed now. */
  async function touch(trx: Executor, id: number) {
    await trx
      .updateTable('species_lists')
      .set({ updated_at: sql`now()` })
      .where('id', '=', id)
      .execute();
  }

  return {
    transaction: () => db.transaction(),
    touch,

    listSummaries() {
      return summaries(db).orderBy('l.name').execute();
    },

    findSummary(id: number, executor: Executor = db) {
      return summaries(executor).where('l.id', '=', id).executeTakeFirst();
    },

    /** A list's taxa in order, with their scientific and vernacular (in `lang`) names. */
    entries(id: number, lang: Locale) {
      return db
        .selectFrom('species_list_taxa as e')
        .innerJoin('taxa as t', 't.cd_nom', 'e.cd_nom')
        .select([
          'e.cd_nom',
          'e.position',
          'e.picture_url',
          'e.picture_media_id',
          't.scientific_name',
          sql<string | null>`(
            select vn.name from vernacular_names vn join taxa a on a.cd_nom = t.cd_ref
            where vn.cd_nom = a.cd_nom and vn.lang = ${lang}
            order by vn.is_preferred desc, vn.id limit 1)`.as('vernacular_name'),
        ])
        .where('e.list_id', '=', id)
        .orderBy('e.position')
        .orderBy('e.cd_nom')
        .execute();
    },

    async hasEntry(id: number, cdNom: number): Promise<boolean> {
      const row = await db
        .selectFrom('species_list_taxa')
        .select('cd_nom')
        .where('list_id', '=', id)
        .where('cd_nom', '=', cdNom)
        .executeTakeFirst();
      return row !== undefined;
    },

    /** Which of these names are in the taxonomy. */
    async knownTaxa(cdNoms: number[]): Promise<Set<number>> {
      const known = new Set<number>();
      for (let i = 0; i < cdNoms.length; i += BATCH) {
        const rows = await db
          .selectFrom('taxa')
          .select('cd_nom')
          .where('cd_nom', 'in', cdNoms.slice(i, i + BATCH))
          .execute();
        for (const r of rows) known.add(r.cd_nom);
      }
      return known;
    },

    /** Which of these media exist. */
    async knownMedia(ids: string[]): Promise<Set<string>> {
      if (ids.length === 0) return new Set();
      const rows = await db.selectFrom('media').select('id').where('id', 'in', ids).execute();
      return new Set(rows.map((r) => r.id));
    },

    /**
     * The taxa whose search key is that of each name (taxon_name_key: no accents, lower case…),
     * with the key; a name matching none comes back once with a null taxon.
     */
    async taxaByName(names: string[]) {
      const { rows } = await sql<{
        name: string;
        key: string;
        cd_nom: number | null;
        cd_ref: number | null;
      }>`
        select q.name, q.key, t.cd_nom, t.cd_ref
        from (select name, taxon_name_key(name) as key from unnest(${names}::text[]) as name) q
        left join taxa t on t.search_key = q.key
        order by t.cd_nom`.execute(db);
      return rows;
    },

    /** A taxon's scientific name, for the audit log (people read names, not cd_nom). */
    async scientificName(executor: Executor, cdNom: number): Promise<string | null> {
      const row = await executor
        .selectFrom('taxa')
        .select('scientific_name')
        .where('cd_nom', '=', cdNom)
        .executeTakeFirst();
      return row?.scientific_name ?? null;
    },

    /** The titles of the programmes drawing their species from the list. */
    async programTitlesUsing(id: number): Promise<string[]> {
      const rows = await db
        .selectFrom('programs')
        .select('title')
        .where('species_list_id', '=', id)
        .orderBy('title')
        .execute();
      return rows.map((r) => r.title);
    },

    /** The id of the list named `name` (other than `exceptId`), locked when `forUpdate`. */
    async idNamed(
      executor: Executor,
      name: string,
      options: { exceptId?: number; forUpdate?: boolean } = {},
    ): Promise<number | undefined> {
      let query = executor.selectFrom('species_lists').select('id').where('name', '=', name);
      if (options.exceptId !== undefined) query = query.where('id', '<>', options.exceptId);
      if (options.forUpdate) query = query.forUpdate();
      return (await query.executeTakeFirst())?.id;
    },

    async insert(
      trx: Executor,
      list: { name: string; description: string; taxhubListId: number | null },
    ): Promise<number> {
      const row = await trx
        .insertInto('species_lists')
        .values({
          name: list.name,
          description: list.description,
          taxhub_list_id: list.taxhubListId,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },

    async update(
      trx: Executor,
      id: number,
      values: { name?: string; description?: string; taxhubListId?: number | null },
    ) {
      await trx
        .updateTable('species_lists')
        .set({
          ...(values.name !== undefined && { name: values.name }),
          ...(values.description !== undefined && { description: values.description }),
          ...(values.taxhubListId !== undefined && { taxhub_list_id: values.taxhubListId }),
          updated_at: sql`now()`,
        })
        .where('id', '=', id)
        .execute();
    },

    async delete(trx: Executor, id: number) {
      await trx.deleteFrom('species_lists').where('id', '=', id).execute();
    },

    /** Sets the list's picture of a taxon; false when the taxon is not in the list. */
    async setPicture(
      trx: Executor,
      id: number,
      cdNom: number,
      picture: { mediaId: string | null; url: string | null },
    ): Promise<boolean> {
      const updated = await trx
        .updateTable('species_list_taxa')
        .set({ picture_media_id: picture.mediaId, picture_url: picture.url })
        .where('list_id', '=', id)
        .where('cd_nom', '=', cdNom)
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) === 0) return false;
      await touch(trx, id);
      return true;
    },

    /** The list's taxa as stored, locked until the transaction ends. */
    lockedEntries(trx: Transaction<DB>, listId: number) {
      return trx
        .selectFrom('species_list_taxa')
        .selectAll()
        .where('list_id', '=', listId)
        .forUpdate()
        .execute();
    },

    /** Removes these taxa from the list, and inserts or updates these entries. */
    async writeEntries(
      trx: Transaction<DB>,
      listId: number,
      changes: { removed: number[]; upserted: ListEntryRow[] },
    ) {
      if (changes.removed.length > 0) {
        await trx
          .deleteFrom('species_list_taxa')
          .where('list_id', '=', listId)
          .where('cd_nom', 'in', changes.removed)
          .execute();
      }
      for (let i = 0; i < changes.upserted.length; i += WRITE_BATCH) {
        await trx
          .insertInto('species_list_taxa')
          .values(
            changes.upserted.slice(i, i + WRITE_BATCH).map((c) => ({
              list_id: listId,
              cd_nom: c.cdNom,
              position: c.position,
              picture_url: c.pictureUrl,
              picture_media_id: c.pictureMediaId,
            })),
          )
          .onConflict((oc) =>
            oc.columns(['list_id', 'cd_nom']).doUpdateSet((eb) => ({
              position: eb.ref('excluded.position'),
              picture_url: eb.ref('excluded.picture_url'),
              picture_media_id: eb.ref('excluded.picture_media_id'),
            })),
          )
          .execute();
      }
      if (changes.removed.length + changes.upserted.length > 0) await touch(trx, listId);
    },
  };
}

export type SpeciesListsRepository = ReturnType<typeof createSpeciesListsRepository>;
export type SpeciesListSummaryRow = NonNullable<
  Awaited<ReturnType<SpeciesListsRepository['findSummary']>>
>;
