/**
 * Reads the TAXREF text format: tab-separated, one header line with TAXREF's column names
 * (CD_NOM, CD_REF, RANG, LB_NOM, LB_AUTEUR, REGNE, PHYLUM, CLASSE, ORDRE, FAMILLE, NOM_VERN,
 * NOM_VERN_ENG, GROUP2_INPN...). Unknown columns are ignored.
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

export function parseTaxref(text: string): { taxa: TaxrefTaxon[]; errors: TaxrefRowError[] } {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = (lines[0] ?? '').split('\t').map((h) => h.trim().toUpperCase());
  const missing = REQUIRED.filter((c) => !header.includes(c));
  if (missing.length > 0) {
    return { taxa: [], errors: [{ line: 1, message: `missing column(s) ${missing.join(', ')}` }] };
  }
  const col = (cells: string[], name: string): string | null => {
    const index = header.indexOf(name);
    const value = index >= 0 ? cells[index]?.trim() : undefined;
    return value ? value : null;
  };

  const taxa: TaxrefTaxon[] = [];
  const errors: TaxrefRowError[] = [];
  lines.slice(1).forEach((raw, i) => {
    const line = i + 2;
    if (raw.trim() === '') return;
    const cells = raw.split('\t');
    const cdNom = Number(col(cells, 'CD_NOM'));
    const cdRef = Number(col(cells, 'CD_REF'));
    const scientificName = col(cells, 'LB_NOM');
    if (!Number.isInteger(cdNom) || cdNom <= 0) {
      errors.push({
        line,
        message: `CD_NOM "${col(cells, 'CD_NOM') ?? ''}" is not a positive integer`,
      });
    } else if (!Number.isInteger(cdRef) || cdRef <= 0) {
      errors.push({
        line,
        message: `CD_REF "${col(cells, 'CD_REF') ?? ''}" is not a positive integer`,
      });
    } else if (!scientificName) {
      errors.push({ line, message: 'LB_NOM is empty' });
    } else {
      taxa.push({
        cdNom,
        cdRef,
        rank: col(cells, 'RANG') ?? 'ES',
        scientificName,
        authority: col(cells, 'LB_AUTEUR'),
        kingdom: col(cells, 'REGNE'),
        phylum: col(cells, 'PHYLUM'),
        class: col(cells, 'CLASSE'),
        order: col(cells, 'ORDRE'),
        family: col(cells, 'FAMILLE'),
        observerGroup: col(cells, 'GROUP2_INPN'),
        taxrefVersion: col(cells, 'TAXREF_VERSION'),
        vernacular: {
          fr: splitNames(col(cells, 'NOM_VERN')),
          en: splitNames(col(cells, 'NOM_VERN_ENG')),
        },
      });
    }
  });
  return { taxa, errors };
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
