import type { Transaction } from 'kysely';
import type {
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
import { DomainError } from '../http/errors.js';
import { photoUrls } from '../media/photos.service.js';
import { ImportRejected } from '../taxonomy/taxonomy-import.js';
import type { Line } from '../taxonomy/text-input.js';
import { entryChanges, resolveEntries } from './list-entries.js';
import { readSpeciesListCsv } from './species-list-csv.js';
import type {
  ListEntryRow,
  SpeciesListSummaryRow,
  SpeciesListsRepository,
} from './species-lists.repository.js';

/**
 * Named sets of taxa that programmes draw their species from, with a picture per taxon. Every
 * change is written to the audit log (`record`) in the transaction that makes it.
 */
export function createSpeciesListsService(repository: SpeciesListsRepository) {
  async function summary(id: number, executor?: Transaction<DB>) {
    const row = await repository.findSummary(id, executor);
    if (!row) throw new DomainError('speciesList.notFound', { id });
    return toSummary(row);
  }

  async function entries(id: number, lang: Locale): Promise<SpeciesListEntry[]> {
    return (await repository.entries(id, lang)).map(toEntry);
  }

  /** Checks entries given by the API: known taxa and media, no taxon twice, one picture each. */
  async function checkEntries(input: SpeciesListInput['taxa'] & object): Promise<ListEntryRow[]> {
    const seen = new Set<number>();
    for (const [i, t] of input.entries()) {
      if (seen.has(t.cdNom))
        throw new DomainError(
          'speciesList.taxonTwice',
          { index: i, cdNom: t.cdNom },
          { field: `taxa.${i}.cdNom` },
        );
      seen.add(t.cdNom);
      if (t.pictureMediaId && t.pictureUrl) {
        throw new DomainError(
          'speciesList.pictureTwice',
          { index: i },
          { field: `taxa.${i}.pictureUrl` },
        );
      }
    }
    const known = await repository.knownTaxa([...seen]);
    const unknown = [...seen].filter((cdNom) => !known.has(cdNom));
    if (unknown.length > 0) {
      throw new DomainError('speciesList.unknownTaxa', { cdNoms: unknown.slice(0, 20).join(', ') });
    }
    const media = input.flatMap((t) => (t.pictureMediaId ? [t.pictureMediaId] : []));
    const missing = await missingMedia(media);
    if (missing.length > 0)
      throw new DomainError('speciesList.unknownMedia', { ids: missing.join(', ') });
    return input.map((t, position) => ({
      cdNom: t.cdNom,
      position,
      pictureUrl: t.pictureUrl ?? null,
      pictureMediaId: t.pictureMediaId ?? null,
    }));
  }

  async function missingMedia(ids: string[]): Promise<string[]> {
    const found = await repository.knownMedia(ids);
    return [...new Set(ids)].filter((id) => !found.has(id));
  }

  async function insertList(
    trx: Transaction<DB>,
    input: { name: string; description?: string | undefined; taxhubListId?: number | null },
  ) {
    const duplicate = await repository.idNamed(trx, input.name);
    if (duplicate !== undefined)
      throw new DomainError('speciesList.nameTaken', { name: input.name }, { field: 'name' });
    return repository.insert(trx, {
      name: input.name,
      description: input.description ?? '',
      taxhubListId: input.taxhubListId ?? null,
    });
  }

  /** Makes the list's taxa exactly `wanted`; returns what changed. */
  async function replaceEntries(trx: Transaction<DB>, listId: number, wanted: ListEntryRow[]) {
    const { removed, upserted, report } = entryChanges(
      await repository.lockedEntries(trx, listId),
      wanted,
    );
    await repository.writeEntries(trx, listId, { removed, upserted });
    return report;
  }

  return {
    async list(): Promise<SpeciesListSummary[]> {
      return (await repository.listSummaries()).map(toSummary);
    },

    async get(id: number, lang: Locale): Promise<SpeciesListDetail> {
      return { ...(await summary(id)), taxa: await entries(id, lang) };
    },

    async create(
      input: SpeciesListInput,
      lang: Locale,
      record: ActionRecorder,
    ): Promise<SpeciesListDetail> {
      const taxa = await checkEntries(input.taxa ?? []);
      const id = await repository.transaction().execute(async (trx) => {
        const listId = await insertList(trx, input);
        await replaceEntries(trx, listId, taxa);
        await record(trx, 'species_list_created', {
          speciesListId: listId,
          name: input.name,
          taxa: taxa.length,
        });
        return listId;
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
      await repository.transaction().execute(async (trx) => {
        const before = await summary(id, trx);
        const clash = await repository.idNamed(trx, input.name, { exceptId: id });
        if (clash !== undefined)
          throw new DomainError('speciesList.nameTaken', { name: input.name }, { field: 'name' });
        await repository.update(trx, id, {
          name: input.name,
          description: input.description ?? '',
          taxhubListId: input.taxhubListId ?? null,
        });
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
      const list = await summary(id);
      if (list.programCount > 0) {
        const titles = await repository.programTitlesUsing(id);
        const programs = titles.map((title) => `"${title}"`).join(', ');
        throw new DomainError('speciesList.inUse', { name: list.name, programs });
      }
      await repository.transaction().execute(async (trx) => {
        await repository.delete(trx, id);
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
      if (input.mediaId && input.url) throw new DomainError('speciesList.pictureSourceTwice');
      if (input.mediaId && (await missingMedia([input.mediaId])).length > 0) {
        throw new DomainError('speciesList.unknownMedia', { ids: input.mediaId });
      }
      const list = await summary(id);
      await repository.transaction().execute(async (trx) => {
        const picture = { mediaId: input.mediaId ?? null, url: input.url ?? null };
        if (!(await repository.setPicture(trx, id, cdNom, picture))) {
          throw new DomainError('speciesList.taxonNotListed', { cdNom, id });
        }
        const removed = !input.mediaId && !input.url;
        await record(trx, removed ? 'species_list_picture_removed' : 'species_list_picture_set', {
          speciesListId: id,
          name: list.name,
          cdNom,
          scientificName: await repository.scientificName(trx, cdNom),
          ...(input.mediaId && { mediaId: input.mediaId }),
          ...(input.url && { url: input.url }),
        });
      });
      return (await entries(id, lang)).find((e) => e.cdNom === cdNom)!;
    },

    /** Checks that the taxon is in the list (404 otherwise), e.g. before reading an upload. */
    async requireEntry(id: number, cdNom: number): Promise<void> {
      await summary(id);
      if (!(await repository.hasEntry(id, cdNom)))
        throw new DomainError('speciesList.taxonNotListed', { cdNom, id });
    },

    /** Makes an uploaded picture (in `trx`, from photos.saveWith) the list's picture of a taxon. */
    async setUploadedPicture(
      trx: Transaction<DB>,
      id: number,
      cdNom: number,
      mediaId: string,
      record: ActionRecorder,
    ): Promise<void> {
      if (!(await repository.setPicture(trx, id, cdNom, { mediaId, url: null }))) {
        throw new DomainError('speciesList.taxonNotListed', { cdNom, id });
      }
      await record(trx, 'species_list_picture_set', {
        speciesListId: id,
        name: (await summary(id, trx)).name,
        cdNom,
        scientificName: await repository.scientificName(trx, cdNom),
        mediaId,
      });
    },

    async entry(id: number, cdNom: number, lang: Locale): Promise<SpeciesListEntry> {
      const found = (await entries(id, lang)).find((e) => e.cdNom === cdNom);
      if (!found) throw new DomainError('speciesList.taxonNotListed', { cdNom, id });
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
      if (errors.count === 0) await resolveEntries(repository, rows, errors);
      if (errors.count > 0) {
        errors.items.sort((a, b) => a.line - b.line);
        throw new ImportRejected(errors.report());
      }
      return repository.transaction().execute(async (trx) => {
        const existing = await repository.idNamed(trx, options.name, { forUpdate: true });
        const id =
          existing ??
          (await insertList(trx, { name: options.name, description: options.description }));
        if (existing !== undefined && options.description !== undefined) {
          await repository.update(trx, id, { description: options.description });
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
          created: existing === undefined,
          inserted: report.inserted,
          updated: report.updated,
          unchanged: report.unchanged,
          removed: report.removed,
        });
        return { list: await summary(id, trx), report };
      });
    },
  };
}

export type SpeciesListsService = ReturnType<typeof createSpeciesListsService>;

function toSummary(row: SpeciesListSummaryRow): SpeciesListSummary {
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
