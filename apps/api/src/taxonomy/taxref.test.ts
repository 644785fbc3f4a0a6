import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { parseTaxref, readTaxref, taxrefVersionFromFileName, type TaxrefItem } from './taxref.js';
import { readLines } from './text-input.js';

const HEADER = 'CD_NOM\tCD_REF\tRANG\tLB_NOM\tLB_AUTEUR\tREGNE\tCLASSE\tNOM_VERN\tNOM_VERN_ENG';

async function collect(text: string, version: string | null = null): Promise<TaxrefItem[]> {
  const items: TaxrefItem[] = [];
  for await (const item of readTaxref(readLines(Readable.from([text])), version)) items.push(item);
  return items;
}

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
      {
        line: 1,
        message: 'missing column(s) CD_NOM, CD_REF, LB_NOM; is this a tab-separated TAXREF file?',
      },
    ]);
  });

  it('drops the article TAXREF writes after some French names', () => {
    const { taxa } = parseTaxref(
      `${HEADER}\n351\t351\tES\tRana temporaria\t\t\t\tGrenouille rousse (La)\t`,
    );
    expect(taxa[0]!.vernacular.fr).toEqual(['Grenouille rousse']);
  });
});

describe('readTaxref (streaming)', () => {
  it('declares the columns and languages the file has, then yields rows with their names', async () => {
    const items = await collect(
      `\uFEFF${HEADER}\r\n4117\t4117\tES\tTurdus merula\tLinnaeus, 1758\tAnimalia\tAves\tMerle noir, Merle\t\r\n`,
      '18.0',
    );
    const [header, row] = items;
    expect(header).toMatchObject({ kind: 'header' });
    if (header?.kind !== 'header') throw new Error('no header');
    expect([...header.header.columns].sort()).toEqual(
      [
        'authority',
        'cd_ref',
        'class',
        'kingdom',
        'rank',
        'scientific_name',
        'taxref_version',
      ].sort(),
    );
    expect(header.header.languages).toEqual(['fr', 'en']);
    expect(row).toEqual({
      kind: 'row',
      taxon: expect.objectContaining({ line: 2, cdNom: 4117, taxrefVersion: '18.0' }),
      names: [
        { line: 2, cdNom: 4117, lang: 'fr', name: 'Merle noir', preferred: true, position: 0 },
        { line: 2, cdNom: 4117, lang: 'fr', name: 'Merle', preferred: false, position: 1 },
      ],
    });
  });

  it('reports a line that is not UTF-8 and an empty file', async () => {
    const items = await collect(`${HEADER}\n1\t1\tES\tFo\uFFFDo\t\t\t\t\t`);
    expect(items.at(-1)).toEqual({
      kind: 'error',
      error: { line: 2, message: 'line is not UTF-8 text (save the file as UTF-8)' },
    });
    expect(await collect('')).toEqual([
      { kind: 'error', error: { line: 1, message: 'the file is empty' } },
    ]);
  });
});

describe('taxrefVersionFromFileName', () => {
  it.each([
    ['TAXREFv18.txt', '18.0'],
    ['TAXREF_v17_2023.zip', '17.0'],
    ['taxref16.txt', '16.0'],
    ['TAXREFv15.1.txt', '15.1'],
    ['species.txt', null],
  ])('%s -> %s', (name, version) => {
    expect(taxrefVersionFromFileName(name)).toBe(version);
  });
});
