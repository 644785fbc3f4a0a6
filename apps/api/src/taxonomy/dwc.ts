import path from 'node:path';
import type { Readable } from 'node:stream';
import { DOMParser } from '@xmldom/xmldom';
import { DomainError } from '../http/errors.js';
import {
  DWC_RANKS,
  normaliseLanguage,
  parsePositiveId,
  type ImportItem,
  type ImportName,
  type TaxonColumn,
} from './import-rows.js';
import {
  NOT_UTF8,
  detectDelimiter,
  headerKey,
  readCsv,
  readLines,
  splitCsvLine,
  type CsvRecord,
  type Line,
} from './text-input.js';
import { listZip, openZipEntry, type ZipEntry } from './zip.js';

/**
 * Reads a Darwin Core checklist: a taxon core (Taxon.tsv, taxon.txt: taxonID, scientificName,
 * scientificNameAuthorship, taxonRank, kingdom…family, acceptedNameUsageID, taxonomicStatus) and
 * an optional vernacular names extension (VernacularName.tsv: taxonID, vernacularName, language,
 * isPreferredName). Either a Darwin Core archive (a zip, described by its meta.xml, or holding
 * files with those names and header lines) or the two files.
 *
 * Citizen keys taxa by integer ids (TAXREF's CD_NOM), so taxonID must be a positive integer, as
 * in TAXREF-based checklists and the GBIF Backbone.
 */
export type DwcInput =
  | { kind: 'archive'; path: string }
  | {
      kind: 'files';
      taxon: { path: string; name: string };
      vernacular?: { path: string; name: string } | null;
    };

/** How to read one table of the checklist. */
type Table = {
  name: string;
  open: () => Promise<Readable | string>;
  delimiter: string | null;
  quoted: boolean | null;
  headerLines: number;
  /** Term -> column index, from meta.xml; null: read the names from the header line. */
  columns: Map<string, number> | null;
  defaults: Map<string, string>;
};

const TAXON_ROW = /\/Taxon$/i;
const VERNACULAR_ROW = /\/VernacularName$/i;

export async function* readDwc(
  input: DwcInput,
  options: { languages: readonly string[] },
): AsyncGenerator<ImportItem> {
  const { taxon, vernacular } =
    input.kind === 'archive'
      ? await archiveTables(input.path)
      : {
          taxon: fileTable(input.taxon.path, input.taxon.name),
          vernacular: input.vernacular
            ? fileTable(input.vernacular.path, input.vernacular.name)
            : null,
        };
  yield* readTaxa(taxon);
  if (vernacular) {
    yield { kind: 'scope', languages: options.languages };
    yield* readVernacular(vernacular, new Set(options.languages));
  }
}

function fileTable(file: string, name: string): Table {
  return {
    name,
    open: async () => file,
    delimiter: null,
    quoted: null,
    headerLines: 1,
    columns: null,
    defaults: new Map(),
  };
}

async function archiveTables(file: string): Promise<{ taxon: Table; vernacular: Table | null }> {
  const entries = (await listZip(file)).filter((e) => !e.name.endsWith('/'));
  const byName = (pattern: RegExp) => entries.find((e) => pattern.test(e.name));
  const entryTable = (entry: ZipEntry): Table => ({
    ...fileTable(file, path.posix.basename(entry.name)),
    open: () => openZipEntry(file, entry),
  });

  const meta = byName(/(^|\/)meta\.xml$/i);
  if (meta) {
    const xml = await streamText(await openZipEntry(file, meta));
    const document = new DOMParser().parseFromString(xml, 'text/xml');
    const tables = [
      ...Array.from(document.getElementsByTagName('core')),
      ...Array.from(document.getElementsByTagName('extension')),
    ];
    const described = (rowType: RegExp) => {
      const element = tables.find((t) => rowType.test(t.getAttribute('rowType') ?? ''));
      if (!element) return null;
      const location = element.getElementsByTagName('location')[0]?.textContent?.trim();
      const entry = location
        ? entries.find((e) => e.name === location || e.name.endsWith(`/${location}`))
        : undefined;
      if (!entry) throw new DomainError('taxonomy.archiveMissingFile', { file: location ?? '—' });
      const columns = new Map<string, number>();
      const defaults = new Map<string, string>();
      const id = element.getElementsByTagName(element.tagName === 'core' ? 'id' : 'coreid')[0];
      if (id?.getAttribute('index')) columns.set('taxonid', Number(id.getAttribute('index')));
      for (const field of Array.from(element.getElementsByTagName('field'))) {
        const term = headerKey(field.getAttribute('term') ?? '');
        const index = field.getAttribute('index');
        if (index !== null && index !== '') columns.set(term, Number(index));
        else if (field.getAttribute('default')) defaults.set(term, field.getAttribute('default')!);
      }
      const unescape = (value: string | null) =>
        value === null ? null : value.replace(/\\t/g, '\t').replace(/\\n/g, '\n');
      const delimiter = unescape(element.getAttribute('fieldsTerminatedBy')) || '\t';
      return {
        ...entryTable(entry),
        delimiter,
        quoted: element.getAttribute('fieldsEnclosedBy') === '"',
        headerLines: Number(element.getAttribute('ignoreHeaderLines') ?? 0) || 0,
        columns,
        defaults,
      } satisfies Table;
    };
    const taxon = described(TAXON_ROW);
    if (!taxon) throw new DomainError('taxonomy.archiveNoTaxonCore');
    return { taxon, vernacular: described(VERNACULAR_ROW) };
  }

  const taxon = byName(/(^|\/)taxon\.(tsv|txt|csv)$/i);
  if (!taxon) {
    throw new DomainError('taxonomy.archiveNoTaxa');
  }
  const vernacular = byName(/(^|\/)vernacular_?names?\.(tsv|txt|csv)$/i);
  return { taxon: entryTable(taxon), vernacular: vernacular ? entryTable(vernacular) : null };
}

async function streamText(stream: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

type Row = { line: number; get: (term: string) => string | null };

/** The data rows of a table, with a lookup by term; the first item is the set of its terms. */
async function* readTable(table: Table): AsyncGenerator<Set<string> | Row> {
  const lines = readLines(await table.open())[Symbol.asyncIterator]();
  let columns = table.columns;
  let delimiter = table.delimiter ?? '\t';
  let quoted = table.quoted ?? false;
  for (let i = 0; i < table.headerLines; i++) {
    const next = await lines.next();
    if (next.done) break;
    if (i === table.headerLines - 1 && !columns) {
      delimiter = table.delimiter ?? detectDelimiter(next.value.text);
      quoted = table.quoted ?? delimiter !== '\t';
      const header = quoted
        ? splitCsvLine(next.value.text, delimiter)
        : next.value.text.split(delimiter);
      columns = new Map(header.map((h, index) => [headerKey(h), index]));
    }
  }
  const map = columns ?? new Map<string, number>();
  yield new Set([...map.keys(), ...table.defaults.keys()]);

  const rest: AsyncIterable<Line> = { [Symbol.asyncIterator]: () => lines };
  const records: AsyncIterable<CsvRecord> = quoted
    ? readCsv(rest, delimiter)
    : (async function* () {
        for await (const { line, text } of rest) yield { line, cells: text.split(delimiter) };
      })();
  for await (const record of records) {
    if (record.cells.every((c) => c.trim() === '')) continue;
    yield {
      line: record.line,
      get: (term) => {
        const index = map.get(term);
        const value = index === undefined ? undefined : record.cells[index]?.trim();
        return value ? value : (table.defaults.get(term) ?? null);
      },
    };
  }
}

const CLASSIFICATION: [string, TaxonColumn][] = [
  ['kingdom', 'kingdom'],
  ['phylum', 'phylum'],
  ['class', 'class'],
  ['order', 'order'],
  ['family', 'family'],
];

async function* readTaxa(table: Table): AsyncGenerator<ImportItem> {
  const file = table.name;
  let hasRows = false;
  for await (const item of readTable(table)) {
    if (item instanceof Set) {
      const missing = ['taxonid', 'scientificname'].filter((t) => !item.has(t));
      if (missing.length > 0) {
        yield {
          kind: 'error',
          error: {
            line: 1,
            file,
            message: `missing column(s) ${missing.map((m) => (m === 'taxonid' ? 'taxonID' : 'scientificName')).join(', ')}`,
          },
        };
        return;
      }
      yield {
        kind: 'scope',
        columns: [
          'cd_ref',
          'rank',
          'scientific_name',
          'authority',
          ...CLASSIFICATION.filter(([t]) => item.has(t)).map(([, c]) => c),
        ],
      };
      continue;
    }
    hasRows = true;
    const { line, get } = item;
    const error = (message: string): ImportItem => ({
      kind: 'error',
      error: { line, file, message },
    });
    const raw = [get('taxonid'), get('scientificname'), get('acceptednameusageid')].join('');
    if (raw.includes('\uFFFD')) {
      yield error(`line ${NOT_UTF8}`);
      continue;
    }
    const cdNom = parsePositiveId(get('taxonid'));
    if (cdNom === null) {
      yield error(`taxonID "${get('taxonid') ?? ''}" is not a positive integer`);
      continue;
    }
    const acceptedRaw = get('acceptednameusageid');
    const status = (get('taxonomicstatus') ?? '').toLowerCase();
    const cdRef = acceptedRaw ? parsePositiveId(acceptedRaw) : cdNom;
    if (cdRef === null) {
      yield error(`acceptedNameUsageID "${acceptedRaw}" is not a positive integer`);
      continue;
    }
    if (cdRef === cdNom && /synonym|misapplied/.test(status)) {
      yield error(`taxonomicStatus is "${status}" but acceptedNameUsageID is empty`);
      continue;
    }
    const authority = get('scientificnameauthorship');
    let scientificName = get('scientificname');
    if (!scientificName) {
      yield error('scientificName is empty');
      continue;
    }
    if (authority && scientificName.endsWith(` ${authority}`)) {
      scientificName = scientificName.slice(0, -authority.length - 1).trim();
    }
    const rank = get('taxonrank');
    yield {
      kind: 'taxon',
      taxon: {
        line,
        cdNom,
        cdRef,
        rank: rank ? (DWC_RANKS[rank.toLowerCase()] ?? rank) : 'ES',
        scientificName,
        authority,
        kingdom: get('kingdom'),
        phylum: get('phylum'),
        class: get('class'),
        order: get('order'),
        family: get('family'),
        observerGroup: null,
        taxrefVersion: null,
      },
    };
  }
  if (!hasRows) yield { kind: 'error', error: { line: 1, file, message: 'the file has no taxa' } };
}

async function* readVernacular(table: Table, languages: Set<string>): AsyncGenerator<ImportItem> {
  const file = table.name;
  let batch: ImportName[] = [];
  for await (const item of readTable(table)) {
    if (item instanceof Set) {
      const missing = ['taxonid', 'vernacularname', 'language'].filter((t) => !item.has(t));
      if (missing.length > 0) {
        yield {
          kind: 'error',
          error: { line: 1, file, message: `missing column(s) ${missing.join(', ')}` },
        };
        return;
      }
      continue;
    }
    const { line, get } = item;
    const name = get('vernacularname');
    const lang = normaliseLanguage(get('language'));
    if (!lang || !languages.has(lang)) continue;
    const cdNom = parsePositiveId(get('taxonid'));
    if (cdNom === null) {
      yield {
        kind: 'error',
        error: {
          line,
          file,
          message: `taxonID "${get('taxonid') ?? ''}" is not a positive integer`,
        },
      };
      continue;
    }
    if (!name) {
      yield { kind: 'error', error: { line, file, message: 'vernacularName is empty' } };
      continue;
    }
    if (name.includes('\uFFFD')) {
      yield { kind: 'error', error: { line, file, message: `line ${NOT_UTF8}` } };
      continue;
    }
    const preferred = get('ispreferredname');
    batch.push({
      line,
      cdNom,
      lang,
      name,
      preferred: preferred === null ? null : /^(true|1|yes)$/i.test(preferred),
      position: 0,
    });
    if (batch.length >= 1000) {
      yield { kind: 'names', names: batch, file };
      batch = [];
    }
  }
  if (batch.length > 0) yield { kind: 'names', names: batch, file };
}
