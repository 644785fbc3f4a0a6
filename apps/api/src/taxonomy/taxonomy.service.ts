import path from 'node:path';
import type { Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import {
  LOCALES,
  type ImportReport,
  type Locale,
  type TaxonDetail,
  type TaxonHit,
} from '@citizen/shared';
import type { Config } from '../config/config.js';
import type { DB } from '../db/schema.js';
import { DomainError } from '../http/errors.js';
import { readDwc, type DwcInput } from './dwc.js';
import type { ImportItem } from './import-rows.js';
import { createLocalTaxonomySource } from './local-source.repository.js';
import type { TaxonomySource } from './source.js';
import { createTaxHubSource } from './taxhub-source.js';
import { importTaxonomy } from './taxonomy-import.js';
import { createTaxonomyImportRepository } from './taxonomy-import.repository.js';
import { createTaxonomyRepository } from './taxonomy.repository.js';
import { readTaxref, taxrefVersionFromFileName } from './taxref.js';
import { readLines } from './text-input.js';
import { isZipFile, listZip, openZipEntry } from './zip.js';

export type TaxrefImportOptions = {
  /** The name the file had (an upload's name), to read the TAXREF version from: TAXREFv18.txt. */
  fileName?: string;
  /** The TAXREF version of the rows, when neither the file nor its name says. */
  version?: string | null;
};

export type DwcImportOptions = {
  /** Vernacular names kept, by ISO 639-1 code; by default the platform's languages. */
  languages?: readonly string[];
};

/**
 * Taxonomy reading (autocomplete, one taxon, a programme's species) through a TaxonomySource,
 * and imports into Citizen's own tables.
 */
export function createTaxonomyService(db: Kysely<DB>, config: Pick<Config, 'taxhub'>) {
  const local = createLocalTaxonomySource(db);
  const repository = createTaxonomyRepository(db);
  const imports = createTaxonomyImportRepository(db);
  const source: TaxonomySource = config.taxhub
    ? createTaxHubSource({
        url: config.taxhub.url,
        cacheSeconds: config.taxhub.cacheSeconds,
        taxhubListOf: repository.taxhubListOf,
      })
    : local;

  /** The species list of an active programme; null when it uses the whole taxonomy. */
  async function programList(programId: number): Promise<number | null> {
    const listId = await repository.activeProgramList(programId);
    if (listId === undefined) {
      throw new DomainError('program.notActive', { id: programId });
    }
    return listId;
  }

  return {
    source,

    async search(query: {
      q: string;
      lang: Locale;
      program?: number | undefined;
      limit: number;
    }): Promise<TaxonHit[]> {
      const listId = query.program ? await programList(query.program) : null;
      return source.search(query.q, query.lang, listId, query.limit);
    },

    async get(cdNom: number, lang: Locale): Promise<TaxonDetail> {
      const taxon = await source.get(cdNom, lang);
      if (!taxon) throw new DomainError('taxon.notFound', { cdNom });
      if (source === local) return taxon;
      // Sensitivity rules are Citizen's own, whatever the taxonomy source.
      return { ...taxon, sensitivity: await repository.sensitivityOf(cdNom) };
    },

    /** The species of a programme's list, for a picker; 400 for a whole-taxonomy programme. */
    async programTaxa(programId: number, lang: Locale): Promise<TaxonHit[]> {
      const listId = await programList(programId);
      if (listId === null) {
        throw new DomainError('program.noSpeciesList', { id: programId });
      }
      return source.listTaxa(listId, lang);
    },

    /**
     * Imports a TAXREF text file (or a zip holding one, as TAXREF is published) into Citizen's
     * tables. Throws ImportRejected, and imports nothing, when a row is bad.
     */
    async importTaxref(file: string, options: TaxrefImportOptions = {}): Promise<ImportReport> {
      let input: string | Readable = file;
      let name = options.fileName ?? path.basename(file);
      if (await isZipFile(file)) {
        const texts = (await listZip(file)).filter((e) => /\.(txt|tsv|csv)$/i.test(e.name));
        const entry =
          texts.find((e) => /(^|\/)taxref[^/]*\.txt$/i.test(e.name)) ??
          texts.sort((a, b) => b.size - a.size)[0];
        if (!entry) throw new DomainError('taxonomy.zipWithoutTaxref');
        input = await openZipEntry(file, entry);
        name = entry.name;
      }
      const version = options.version ?? taxrefVersionFromFileName(name);
      return importTaxonomy(imports, taxrefItems(readTaxref(readLines(input), version)));
    },

    /** Imports a Darwin Core checklist (an archive, or the taxon and vernacular name files). */
    async importDwc(input: DwcInput, options: DwcImportOptions = {}): Promise<ImportReport> {
      return importTaxonomy(imports, readDwc(input, { languages: options.languages ?? LOCALES }));
    },
  };
}

export type TaxonomyService = ReturnType<typeof createTaxonomyService>;

async function* taxrefItems(items: ReturnType<typeof readTaxref>): AsyncGenerator<ImportItem> {
  for await (const item of items) {
    if (item.kind === 'header') {
      yield { kind: 'scope', columns: item.header.columns, languages: item.header.languages };
    } else if (item.kind === 'row') {
      yield { kind: 'taxon', taxon: item.taxon, names: item.names };
    } else {
      yield item;
    }
  }
}
