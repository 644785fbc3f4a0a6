import { describe, expect, it } from 'vitest';
import { parseTaxref } from './taxref.js';

const HEADER = 'CD_NOM\tCD_REF\tRANG\tLB_NOM\tLB_AUTEUR\tREGNE\tCLASSE\tNOM_VERN\tNOM_VERN_ENG';

describe('parseTaxref', () => {
  it('reads TAXREF columns by name and splits vernacular names', () => {
    const text = `${HEADER}\n4117\t4117\tES\tTurdus merula\tLinnaeus, 1758\tAnimalia\tAves\tMerle noir, Merle\tCommon Blackbird\n`;
    const { taxa, errors } = parseTaxref(text);
    expect(errors).toEqual([]);
    expect(taxa).toEqual([
      expect.objectContaining({
        cdNom: 4117,
        cdRef: 4117,
        rank: 'ES',
        scientificName: 'Turdus merula',
        authority: 'Linnaeus, 1758',
        kingdom: 'Animalia',
        class: 'Aves',
        family: null,
        vernacular: { fr: ['Merle noir', 'Merle'], en: ['Common Blackbird'] },
      }),
    ]);
  });

  it('reports bad rows with their line numbers and keeps the good ones', () => {
    const text = [HEADER, '1\t1\tES\tA a', 'x\t1\tES\tB b', '', '3\t\tES\tC c', '4\t4\tES\t'].join(
      '\n',
    );
    const { taxa, errors } = parseTaxref(text);
    expect(taxa.map((t) => t.cdNom)).toEqual([1]);
    expect(errors).toEqual([
      { line: 3, message: 'CD_NOM "x" is not a positive integer' },
      { line: 5, message: 'CD_REF "" is not a positive integer' },
      { line: 6, message: 'LB_NOM is empty' },
    ]);
  });

  it('refuses a file without the required columns', () => {
    expect(parseTaxref('NAME\tID\nfoo\t1').errors).toEqual([
      { line: 1, message: 'missing column(s) CD_NOM, CD_REF, LB_NOM' },
    ]);
  });
});
