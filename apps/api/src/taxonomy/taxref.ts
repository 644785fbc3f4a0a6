import type { Line } from './text-input.js';
import { NOT_UTF8, isBlank } from './text-input.js';
import type { ImportName, ImportTaxon, RowError, TaxonColumn } from './import-rows.js';

/**
 * Reads the TAXREF text format: tab-separated, one header line with TAXREF's column names
 * (CD_NOM, CD_REF, RANG, LB_NOM, LB_AUTEUR, REGNE, PHYLUM, CLASSE, ORDRE, FAMILLE, NOM_VERN,
 * NOM_VERN_ENG, GROUP2_INPN...). Unknown columns are ignored. A TAXREF_VERSION column, which
 * TAXREF itself does not have, gives each row's version.
 */
export type TaxrefTaxon = {
  cdNom: number;
  cdRef: number;
  rank: string;
  scientificName: string;
  authority: string | null;
  kingdom: string | null;
  phylum: string | null;
  class: string | null;
  order: string | null;
  family: string | null;
  observerGroup: string | null;
  taxrefVersion: string | null;
  /** Vernacular names by language, the preferred one first. */
  vernacular: { fr: string[]; en: string[] };
};

export type TaxrefRowError = { line: number; message: string };

const REQUIRED = ['CD_NOM', 'CD_REF', 'LB_NOM'] as const;

/** Which taxa column each TAXREF column fills. */
const COLUMNS: [string, TaxonColumn][] = [
  ['CD_REF', 'cd_ref'],
  ['RANG', 'rank'],
  ['LB_NOM', 'scientific_name'],
  ['LB_AUTEUR', 'authority'],
  ['REGNE', 'kingdom'],
  ['PHYLUM', 'phylum'],
  ['CLASSE', 'class'],
  ['ORDRE', 'order'],
  ['FAMILLE', 'family'],
  ['GROUP2_INPN', 'observer_group'],
  ['TAXREF_VERSION', 'taxref_version'],
];

const LANGUAGES = [
  ['NOM_VERN', 'fr'],
  ['NOM_VERN_ENG', 'en'],
] as const;

export type TaxrefHeader = {
  index: Map<string, number>;
  /** The taxa columns the file has: an import updates only those. */
  columns: Set<TaxonColumn>;
  /** The vernacular languages the file has a column for. */
  languages: ('fr' | 'en')[];
};

/** Reads the header line; returns an error naming the missing required columns. */
export function readTaxrefHeader(text: string): TaxrefHeader | TaxrefRowError {
  const names = text.split('\t').map((h) => h.trim().toUpperCase());
  const missing = REQUIRED.filter((c) => !names.includes(c));
  if (missing.length > 0) {
    return {
      line: 1,
      message: `missing column(s) ${missing.join(', ')}; is this a tab-separated TAXREF file?`,
    };
  }
  const index = new Map(names.map((name, i) => [name, i]));
  const columns = new Set<TaxonColumn>(COLUMNS.filter(([c]) => index.has(c)).map(([, t]) => t));
  columns.add('rank');
  return { index, columns, languages: LANGUAGES.filter(([c]) => index.has(c)).map(([, l]) => l) };
}

/** One data line as a taxon, or the reason it is not one. */
export function parseTaxrefRow(header: TaxrefHeader, text: string, line: number) {
  const cells = text.split('\t');
  const col = (name: string): string | null => {
    const index = header.index.get(name);
    const value = index === undefined ? undefined : cells[index]?.trim();
    return value ? value : null;
  };
  if (text.includes('\uFFFD')) return { line, message: `line ${NOT_UTF8}` };
  const cdNom = Number(col('CD_NOM'));
  const cdRef = Number(col('CD_REF'));
  const scientificName = col('LB_NOM');
  if (!Number.isInteger(cdNom) || cdNom <= 0 || cdNom > 2_147_483_647) {
    return { line, message: `CD_NOM "${col('CD_NOM') ?? ''}" is not a positive integer` };
  }
  if (!Number.isInteger(cdRef) || cdRef <= 0 || cdRef > 2_147_483_647) {
    return { line, message: `CD_REF "${col('CD_REF') ?? ''}" is not a positive integer` };
  }
  if (!scientificName) return { line, message: 'LB_NOM is empty' };
  const taxon: TaxrefTaxon = {
    cdNom,
    cdRef,
    rank: col('RANG') ?? 'ES',
    scientificName,
    authority: col('LB_AUTEUR'),
    kingdom: col('REGNE'),
    phylum: col('PHYLUM'),
    class: col('CLASSE'),
    order: col('ORDRE'),
    family: col('FAMILLE'),
    observerGroup: col('GROUP2_INPN'),
    taxrefVersion: col('TAXREF_VERSION'),
    vernacular: {
      fr: splitNames(col('NOM_VERN')).map(withoutArticle),
      en: splitNames(col('NOM_VERN_ENG')),
    },
  };
  return taxon;
}

export function parseTaxref(text: string): { taxa: TaxrefTaxon[]; errors: TaxrefRowError[] } {
  const lines = text.split(/\r?\n/);
  const header = readTaxrefHeader((lines[0] ?? '').replace(/^\uFEFF/, ''));
  if ('message' in header) return { taxa: [], errors: [header] };
  const taxa: TaxrefTaxon[] = [];
  const errors: TaxrefRowError[] = [];
  lines.slice(1).forEach((raw, i) => {
    if (isBlank(raw)) return;
    const row = parseTaxrefRow(header, raw, i + 2);
    if ('message' in row) errors.push(row);
    else taxa.push(row);
  });
  return { taxa, errors };
}

export type TaxrefItem =
  | { kind: 'header'; header: TaxrefHeader }
  | { kind: 'row'; taxon: ImportTaxon; names: ImportName[] }
  | { kind: 'error'; error: RowError };

/**
 * Streams a TAXREF file as import rows. `version` is the TAXREF version of rows that do not
 * state one (e.g. "18.0", taken from the file name TAXREFv18.txt).
 */
export async function* readTaxref(
  lines: AsyncIterable<Line>,
  version: string | null,
): AsyncGenerator<TaxrefItem> {
  let header: TaxrefHeader | null = null;
  for await (const { line, text } of lines) {
    if (!header) {
      const read = readTaxrefHeader(text);
      if ('message' in read) {
        yield { kind: 'error', error: read };
        return;
      }
      header = read;
      if (version) header.columns.add('taxref_version');
      yield { kind: 'header', header };
      continue;
    }
    if (isBlank(text)) continue;
    const row = parseTaxrefRow(header, text, line);
    if ('message' in row) {
      yield { kind: 'error', error: row };
      continue;
    }
    const names: ImportName[] = [];
    for (const lang of header.languages) {
      row.vernacular[lang].forEach((name, position) =>
        names.push({ line, cdNom: row.cdNom, lang, name, preferred: position === 0, position }),
      );
    }
    yield {
      kind: 'row',
      taxon: {
        line,
        cdNom: row.cdNom,
        cdRef: row.cdRef,
        rank: row.rank,
        scientificName: row.scientificName,
        authority: row.authority,
        kingdom: row.kingdom,
        phylum: row.phylum,
        class: row.class,
        order: row.order,
        family: row.family,
        observerGroup: row.observerGroup,
        taxrefVersion: row.taxrefVersion ?? version,
      },
      names,
    };
  }
  if (!header) yield { kind: 'error', error: { line: 1, message: 'the file is empty' } };
}

/** "TAXREFv18.txt" -> "18.0"; null when the name does not say. */
export function taxrefVersionFromFileName(fileName: string): string | null {
  const match = /taxref_?v?(\d{1,2})(?:[._](\d))?(?=\D|$)/i.exec(fileName);
  return match ? `${match[1]}.${match[2] ?? '0'}` : null;
}

/** TAXREF lists several vernacular names separated by commas, the usual one first. */
function splitNames(value: string | null): string[] {
  if (!value) return [];
  return [
    ...new Set(
      value
        .split(',')
        .map((n) => n.trim())
        .filter(Boolean),
    ),
  ];
}

/** TAXREF writes some French names with their article after them: "Grenouille rousse (La)". */
function withoutArticle(name: string): string {
  return name.replace(/\s*\((?:Le|La|Les|L')\)$/i, '') || name;
}
