import { sql, type Kysely, type Transaction } from 'kysely';
import type {
  ImportReport,
  Locale,
  SpeciesListDetail,
  SpeciesListEntry,
  SpeciesListImportResult,
  SpeciesListInput,
  SpeciesListPictureInput,
  SpeciesListSummary,
} from '@citizen/shared';
import type { ActionRecorder } from '../audit/record-action.js';
import type { DB } from '../db/schema.js';
import { BadRequestError, ConflictError, NotFoundError } from '../http/errors.js';
import { photoUrls } from '../media/photos.service.js';
import { ImportRejected } from '../taxonomy/taxonomy-import.js';
import type { Line } from '../taxonomy/text-input.js';
import { readSpeciesListCsv, type ListEntryInput } from './species-list-csv.js';

type Entry = {
  cdNom: number;
  position: number;
  pictureUrl: string | null;
  pictureMediaId: string | null;
};

/**
 * Named sets of taxa that programmes draw their species from, with a picture per taxon. Every
 * change is written to the audit log (`record`) in the transaction that makes it.
 */
export function createSpeciesListsService(db: Kysely<DB>) {
  const summaries = (executor: Kysely<DB> | Transaction<DB>) =>
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

  async function summary(executor: Kysely<DB> | Transaction<DB>, id: number) {
    const row = await summaries(executor).where('l.id', '=', id).executeTakeFirst();
    if (!row) throw new NotFoundError(`Species list ${id} does not exist`);
    return toSummary(row);
  }

  async function entries(id: number, lang: Locale): Promise<SpeciesListEntry[]> {
    const rows = await db
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
    return rows.map(toEntry);
  }

  /** Checks entries given by the API: known taxa and media, no taxon twice, one picture each. */
  async function checkEntries(input: SpeciesListInput['taxa'] & object): Promise<Entry[]> {
    const seen = new Set<number>();
    for (const [i, t] of input.entries()) {
      if (seen.has(t.cdNom))
        throw new BadRequestError(`taxa/${i}: taxon ${t.cdNom} is twice in the list`);
      seen.add(t.cdNom);
      if (t.pictureMediaId && t.pictureUrl) {
        throw new BadRequestError(`taxa/${i}: give pictureMediaId or pictureUrl, not both`);
      }
    }
    const known = await knownTaxa([...seen]);
    const unknown = [...seen].filter((cdNom) => !known.has(cdNom));
    if (unknown.length > 0) {
      throw new BadRequestError(`Unknown taxa: ${unknown.slice(0, 20).join(', ')}`, {
        unknownTaxa: unknown,
      });
    }
    const media = input.flatMap((t) => (t.pictureMediaId ? [t.pictureMediaId] : []));
    const missing = await missingMedia(media);
    if (missing.length > 0) throw new BadRequestError(`Unknown media: ${missing.join(', ')}`);
    return input.map((t, position) => ({
      cdNom: t.cdNom,
      position,
      pictureUrl: t.pictureUrl ?? null,
      pictureMediaId: t.pictureMediaId ?? null,
    }));
  }

  async function knownTaxa(cdNoms: number[]): Promise<Set<number>> {
    if (cdNoms.length === 0) return new Set();
    const rows = await db
      .selectFrom('taxa')
      .select('cd_nom')
      .where('cd_nom', 'in', cdNoms)
      .execute();
    return new Set(rows.map((r) => r.cd_nom));
  }

  async function missingMedia(ids: string[]): Promise<string[]> {
    if (ids.length === 0) return [];
    const rows = await db.selectFrom('media').select('id').where('id', 'in', ids).execute();
    const found = new Set(rows.map((r) => r.id));
    return [...new Set(ids)].filter((id) => !found.has(id));
  }

  async function insertList(trx: Transaction<DB>, input: SpeciesListInput) {
    const duplicate = await trx
      .selectFrom('species_lists')
      .select('id')
      .where('name', '=', input.name)
      .executeTakeFirst();
    if (duplicate) throw new ConflictError(`A species list named "${input.name}" already exists`);
    return trx
      .insertInto('species_lists')
      .values({
        name: input.name,
        description: input.description ?? '',
        taxhub_list_id: input.taxhubListId ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
  }

  return {
    async list(): Promise<SpeciesListSummary[]> {
      return (await summaries(db).orderBy('l.name').execute()).map(toSummary);
    },

    async get(id: number, lang: Locale): Promise<SpeciesListDetail> {
      return { ...(await summary(db, id)), taxa: await entries(id, lang) };
    },

    async create(
      input: SpeciesListInput,
      lang: Locale,
      record: ActionRecorder,
    ): Promise<SpeciesListDetail> {
      const taxa = await checkEntries(input.taxa ?? []);
      const { id } = await db.transaction().execute(async (trx) => {
        const list = await insertList(trx, input);
        await replaceEntries(trx, list.id, taxa);
        await record(trx, 'species_list_created', {
          speciesListId: list.id,
          name: input.name,
          taxa: taxa.length,
        });
        return list;
      });
      return this.get(id, lang);
    },

    /** Replaces the name, description and TaxHub link, and the taxa when `taxa` is given. */
    async replace(
      id: number,
      input: SpeciesListInput,
      lang: Locale,
      record: ActionRecorder,
    ): Promise<SpeciesListDetail> {
      const taxa = input.taxa ? await checkEntries(input.taxa) : null;
      await db.transaction().execute(async (trx) => {
        const before = await summary(trx, id);
        const clash = await trx
          .selectFrom('species_lists')
          .select('id')
          .where('name', '=', input.name)
          .where('id', '<>', id)
          .executeTakeFirst();
        if (clash) throw new ConflictError(`A species list named "${input.name}" already exists`);
        await trx
          .updateTable('species_lists')
          .set({
            name: input.name,
            description: input.description ?? '',
            taxhub_list_id: input.taxhubListId ?? null,
            updated_at: sql`now()`,
          })
          .where('id', '=', id)
          .execute();
        const changes = taxa ? await replaceEntries(trx, id, taxa) : null;
        await record(trx, 'species_list_updated', {
          speciesListId: id,
          name: input.name,
          ...(before.name !== input.name && { previousName: before.name }),
          ...(changes && {
            taxa: taxa!.length,
            inserted: changes.inserted,
            updated: changes.updated,
            removed: changes.removed,
          }),
        });
      });
      return this.get(id, lang);
    },

    async remove(id: number, record: ActionRecorder): Promise<void> {
      const list = await summary(db, id);
      if (list.programCount > 0) {
        const users = await db
          .selectFrom('programs')
          .select('title')
          .where('species_list_id', '=', id)
          .orderBy('title')
          .execute();
        const titles = users.map((p) => `"${p.title}"`).join(', ');
        throw new ConflictError(
          `The species list "${list.name}" is used by the programme${users.length === 1 ? '' : 's'} ${titles}; give ${users.length === 1 ? 'it' : 'them'} another list first`,
        );
      }
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom('species_lists').where('id', '=', id).execute();
        await record(trx, 'species_list_deleted', {
          speciesListId: id,
          name: list.name,
          taxa: list.taxonCount,
        });
      });
    },

    /** Sets (or with neither mediaId nor url, removes) the list's picture of a taxon. */
    async setPicture(
      id: number,
      cdNom: number,
      input: SpeciesListPictureInput,
      lang: Locale,
      record: ActionRecorder,
    ): Promise<SpeciesListEntry> {
      if (input.mediaId && input.url) throw new BadRequestError('Give mediaId or url, not both');
      if (input.mediaId && (await missingMedia([input.mediaId])).length > 0) {
        throw new BadRequestError(`Unknown media: ${input.mediaId}`);
      }
      const list = await summary(db, id);
      await db.transaction().execute(async (trx) => {
        const updated = await trx
          .updateTable('species_list_taxa')
          .set({ picture_media_id: input.mediaId ?? null, picture_url: input.url ?? null })
          .where('list_id', '=', id)
          .where('cd_nom', '=', cdNom)
          .executeTakeFirst();
        if (Number(updated.numUpdatedRows) === 0) {
          throw new NotFoundError(`Taxon ${cdNom} is not in species list ${id}`);
        }
        await trx
          .updateTable('species_lists')
          .set({ updated_at: sql`now()` })
          .where('id', '=', id)
          .execute();
        const removed = !input.mediaId && !input.url;
        await record(trx, removed ? 'species_list_picture_removed' : 'species_list_picture_set', {
          speciesListId: id,
          name: list.name,
          cdNom,
          scientificName: await scientificName(trx, cdNom),
          ...(input.mediaId && { mediaId: input.mediaId }),
          ...(input.url && { url: input.url }),
        });
      });
      return (await entries(id, lang)).find((e) => e.cdNom === cdNom)!;
    },

    /** Checks that the taxon is in the list (404 otherwise), e.g. before reading an upload. */
    async requireEntry(id: number, cdNom: number): Promise<void> {
      await summary(db, id);
      const entry = await db
        .selectFrom('species_list_taxa')
        .select('cd_nom')
        .where('list_id', '=', id)
        .where('cd_nom', '=', cdNom)
        .executeTakeFirst();
      if (!entry) throw new NotFoundError(`Taxon ${cdNom} is not in species list ${id}`);
    },

    /** Makes an uploaded picture (in `trx`, from photos.saveWith) the list's picture of a taxon. */
    async setUploadedPicture(
      trx: Transaction<DB>,
      id: number,
      cdNom: number,
      mediaId: string,
      record: ActionRecorder,
    ): Promise<void> {
      const updated = await trx
        .updateTable('species_list_taxa')
        .set({ picture_media_id: mediaId, picture_url: null })
        .where('list_id', '=', id)
        .where('cd_nom', '=', cdNom)
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) === 0) {
        throw new NotFoundError(`Taxon ${cdNom} is not in species list ${id}`);
      }
      await trx
        .updateTable('species_lists')
        .set({ updated_at: sql`now()` })
        .where('id', '=', id)
        .execute();
      await record(trx, 'species_list_picture_set', {
        speciesListId: id,
        name: (await summary(trx, id)).name,
        cdNom,
        scientificName: await scientificName(trx, cdNom),
        mediaId,
      });
    },

    async entry(id: number, cdNom: number, lang: Locale): Promise<SpeciesListEntry> {
      const found = (await entries(id, lang)).find((e) => e.cdNom === cdNom);
      if (!found) throw new NotFoundError(`Taxon ${cdNom} is not in species list ${id}`);
      return found;
    },

    /**
     * Creates the list named `name`, or replaces its taxa, from a CSV file (columns cd_nom or
     * scientific_name, optional picture_url, picture_media_id, position). All or nothing: with
     * any bad row, throws ImportRejected listing the bad lines.
     */
    async importCsv(
      lines: AsyncIterable<Line>,
      options: { name: string; description?: string | undefined },
      record: ActionRecorder,
    ): Promise<SpeciesListImportResult> {
      const { entries: rows, errors } = await readSpeciesListCsv(lines);
      if (errors.count === 0) await resolveEntries(db, rows, errors);
      if (errors.count > 0) {
        errors.items.sort((a, b) => a.line - b.line);
        throw new ImportRejected(errors.report());
      }
      return db.transaction().execute(async (trx) => {
        const existing = await trx
          .selectFrom('species_lists')
          .select('id')
          .where('name', '=', options.name)
          .forUpdate()
          .executeTakeFirst();
        const id = existing
          ? existing.id
          : (await insertList(trx, { name: options.name, description: options.description })).id;
        if (existing && options.description !== undefined) {
          await trx
            .updateTable('species_lists')
            .set({ description: options.description, updated_at: sql`now()` })
            .where('id', '=', id)
            .execute();
        }
        const report = await replaceEntries(
          trx,
          id,
          rows.map((r) => ({
            cdNom: r.cdNom!,
            position: r.position,
            pictureUrl: r.pictureUrl,
            pictureMediaId: r.pictureMediaId,
          })),
        );
        await record(trx, 'species_list_imported', {
          speciesListId: id,
          name: options.name,
          created: !existing,
          inserted: report.inserted,
          updated: report.updated,
          unchanged: report.unchanged,
          removed: report.removed,
        });
        return { list: await summary(trx, id), report };
      });
    },
  };
}

export type SpeciesListsService = ReturnType<typeof createSpeciesListsService>;

/** A taxon's scientific name, for the audit log (people read names, not cd_nom). */
async function scientificName(executor: Kysely<DB>, cdNom: number): Promise<string | null> {
  const row = await executor
    .selectFrom('taxa')
    .select('scientific_name')
    .where('cd_nom', '=', cdNom)
    .executeTakeFirst();
  return row?.scientific_name ?? null;
}

/** Makes the list's taxa exactly `wanted`; returns what changed. */
async function replaceEntries(
  trx: Transaction<DB>,
  listId: number,
  wanted: Entry[],
): Promise<ImportReport> {
  const current = await trx
    .selectFrom('species_list_taxa')
    .selectAll()
    .where('list_id', '=', listId)
    .forUpdate()
    .execute();
  const before = new Map(current.map((c) => [c.cd_nom, c]));
  const keep = new Set(wanted.map((w) => w.cdNom));
  const removed = current.filter((c) => !keep.has(c.cd_nom)).map((c) => c.cd_nom);
  let inserted = 0;
  let updated = 0;
  const changes: Entry[] = [];
  for (const w of wanted) {
    const old = before.get(w.cdNom);
    if (!old) inserted += 1;
    else if (
      old.position !== w.position ||
      old.picture_url !== w.pictureUrl ||
      old.picture_media_id !== w.pictureMediaId
    ) {
      updated += 1;
    } else continue;
    changes.push(w);
  }
  if (removed.length > 0) {
    await trx
      .deleteFrom('species_list_taxa')
      .where('list_id', '=', listId)
      .where('cd_nom', 'in', removed)
      .execute();
  }
  for (let i = 0; i < changes.length; i += 1000) {
    await trx
      .insertInto('species_list_taxa')
      .values(
        changes.slice(i, i + 1000).map((c) => ({
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
  if (removed.length + changes.length > 0) {
    await trx
      .updateTable('species_lists')
      .set({ updated_at: sql`now()` })
      .where('id', '=', listId)
      .execute();
  }
  return {
    inserted,
    updated,
    unchanged: wanted.length - inserted - updated,
    removed: removed.length,
    errors: [],
    errorCount: 0,
  };
}

/** Finds the taxon of each row given by scientific name, and checks ids and media exist. */
async function resolveEntries(
  db: Kysely<DB>,
  rows: ListEntryInput[],
  errors: { add(e: { line: number; message: string }): void; count: number },
) {
  const names = [...new Set(rows.flatMap((r) => (r.cdNom === null ? [r.scientificName!] : [])))];
  const byKey = new Map<string, { cd_nom: number; cd_ref: number }[]>();
  const keyOf = new Map<string, string>();
  if (names.length > 0) {
    const { rows: found } = await sql<{
      name: string;
      key: string;
      cd_nom: number;
      cd_ref: number;
    }>`
      select q.name, q.key, t.cd_nom, t.cd_ref
      from (select name, taxon_name_key(name) as key from unnest(${names}::text[]) as name) q
      left join taxa t on t.search_key = q.key
      order by t.cd_nom`.execute(db);
    for (const f of found) {
      keyOf.set(f.name, f.key);
      if (f.cd_nom === null) continue;
      byKey.set(f.key, [...(byKey.get(f.key) ?? []), { cd_nom: f.cd_nom, cd_ref: f.cd_ref }]);
    }
  }
  for (const row of rows) {
    if (row.cdNom !== null) continue;
    const candidates = byKey.get(keyOf.get(row.scientificName!) ?? '') ?? [];
    const accepted = candidates.filter((c) => c.cd_nom === c.cd_ref);
    const pick = accepted.length > 0 ? accepted : candidates;
    if (pick.length === 1) row.cdNom = pick[0]!.cd_nom;
    else if (pick.length === 0) {
      errors.add({ line: row.line, message: `no taxon is named "${row.scientificName}"` });
    } else {
      errors.add({
        line: row.line,
        message: `several taxa are named "${row.scientificName}" (${pick.map((p) => p.cd_nom).join(', ')}); give its cd_nom`,
      });
    }
  }

  const ids = [...new Set(rows.flatMap((r) => (r.cdNom === null ? [] : [r.cdNom])))];
  const known = new Set<number>();
  for (let i = 0; i < ids.length; i += 5000) {
    const found = await db
      .selectFrom('taxa')
      .select('cd_nom')
      .where('cd_nom', 'in', ids.slice(i, i + 5000))
      .execute();
    for (const f of found) known.add(f.cd_nom);
  }
  const first = new Map<number, number>();
  for (const row of rows) {
    if (row.cdNom === null) continue;
    if (!known.has(row.cdNom)) {
      errors.add({ line: row.line, message: `taxon ${row.cdNom} is not in the taxonomy` });
    } else if (first.has(row.cdNom)) {
      errors.add({
        line: row.line,
        message: `taxon ${row.cdNom} is already on line ${first.get(row.cdNom)}`,
      });
    } else {
      first.set(row.cdNom, row.line);
    }
  }

  const media = [...new Set(rows.flatMap((r) => (r.pictureMediaId ? [r.pictureMediaId] : [])))];
  if (media.length > 0) {
    const found = await db.selectFrom('media').select('id').where('id', 'in', media).execute();
    const present = new Set(found.map((f) => f.id));
    for (const row of rows) {
      if (row.pictureMediaId && !present.has(row.pictureMediaId)) {
        errors.add({ line: row.line, message: `media ${row.pictureMediaId} does not exist` });
      }
    }
  }
}

function toSummary(row: {
  id: number;
  name: string;
  description: string;
  taxhub_list_id: number | null;
  updated_at: Date;
  taxon_count: number;
  program_count: number;
}): SpeciesListSummary {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    taxonCount: row.taxon_count,
    programCount: row.program_count,
    taxhubListId: row.taxhub_list_id,
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

function toEntry(row: {
  cd_nom: number;
  position: number;
  picture_url: string | null;
  picture_media_id: string | null;
  scientific_name: string;
  vernacular_name: string | null;
}): SpeciesListEntry {
  const media = row.picture_media_id ? photoUrls(row.picture_media_id) : null;
  return {
    cdNom: row.cd_nom,
    position: row.position,
    scientificName: row.scientific_name,
    vernacularName: row.vernacular_name,
    pictureMediaId: row.picture_media_id,
    pictureUrl: media?.displayUrl ?? row.picture_url,
    thumbnailUrl: media?.thumbUrl ?? row.picture_url,
  };
}
