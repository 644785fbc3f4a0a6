/** What every taxonomy file format is read into before it is written to the database. */

/** The columns of `taxa` an import may write (sensitivity rules live in their own table). */
export type TaxonColumn =
  | 'cd_ref'
  | 'rank'
  | 'scientific_name'
  | 'authority'
  | 'kingdom'
  | 'phylum'
  | 'class'
  | 'order'
  | 'family'
  | 'observer_group'
  | 'taxref_version';

export const TAXON_COLUMNS: TaxonColumn[] = [
  'cd_ref',
  'rank',
  'scientific_name',
  'authority',
  'kingdom',
  'phylum',
  'class',
  'order',
  'family',
  'observer_group',
  'taxref_version',
];

export type ImportTaxon = {
  /** Line of the file the taxon comes from, for error messages. */
  line: number;
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
};

export type ImportName = {
  line: number;
  cdNom: number;
  /** ISO 639-1 code. */
  lang: string;
  name: string;
  /** true: the preferred name in its language; null: not said (the first one then is). */
  preferred: boolean | null;
  /** Order of the name on its line. */
  position: number;
};

export type RowError = { line: number; message: string; file?: string };

/**
 * The stream an importer consumes. `scope` declares what the file holds: the taxa columns it
 * has (an update touches only those) and the languages whose vernacular names it gives (for the
 * taxa it has, the names in those languages become exactly the file's).
 */
export type ImportItem =
  | { kind: 'scope'; columns?: Iterable<TaxonColumn>; languages?: Iterable<string> }
  | { kind: 'taxon'; taxon: ImportTaxon; names?: ImportName[] }
  | { kind: 'names'; names: ImportName[]; file?: string }
  | { kind: 'error'; error: RowError };

/** TAXREF rank codes for the Darwin Core (GBIF) rank names. */
export const DWC_RANKS: Record<string, string> = {
  domain: 'DO',
  kingdom: 'KD',
  subkingdom: 'SSRG',
  phylum: 'PH',
  subphylum: 'SSPH',
  class: 'CL',
  subclass: 'SBCL',
  order: 'OR',
  suborder: 'SBOR',
  superfamily: 'SPFM',
  family: 'FM',
  subfamily: 'SBFM',
  tribe: 'TR',
  genus: 'GN',
  subgenus: 'SSGN',
  species: 'ES',
  subspecies: 'SSES',
  variety: 'VAR',
  subvariety: 'SVAR',
  form: 'FO',
  subform: 'SSFO',
  cultivar: 'CAR',
};

/** ISO 639-2 codes some checklists use, to their ISO 639-1 form. */
const LANGUAGE_ALIASES: Record<string, string> = {
  fra: 'fr',
  fre: 'fr',
  french: 'fr',
  eng: 'en',
  english: 'en',
  deu: 'de',
  ger: 'de',
  german: 'de',
  ita: 'it',
  spa: 'es',
  nld: 'nl',
  dut: 'nl',
};

/** "FR", "fra", "fr-FR" -> "fr"; null when not a language code. */
export function normaliseLanguage(value: string | null): string | null {
  if (!value) return null;
  const lower = value.trim().toLowerCase();
  const base = lower.split(/[-_]/)[0] ?? '';
  const code = LANGUAGE_ALIASES[base] ?? base;
  return /^[a-z]{2}$/.test(code) ? code : null;
}

export function parsePositiveId(value: string | null): number | null {
  if (!value || !/^\d{1,10}$/.test(value)) return null;
  const id = Number(value);
  return id > 0 && id <= 2_147_483_647 ? id : null;
}
