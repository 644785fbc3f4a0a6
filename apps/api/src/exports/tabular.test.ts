import { describe, expect, it } from 'vitest';
import { parseCsv, parseXml } from '../../test/reading/helpers.js';
import {
  genusOf,
  licenceUrl,
  metaXml,
  MULTIMEDIA_COLUMNS,
  nomenclaturalCode,
  OCCURRENCE_COLUMNS,
  taxonRank,
} from './darwin-core.js';
import { csvField, csvLine, customCell, formProperties, tsvField, xmlEscape } from './tabular.js';

describe('formProperties', () => {
  it('unites the top-level properties of the schema and of what applies to the same object', () => {
    expect(
      formProperties({
        type: 'object',
        properties: { a: {}, b: { type: 'object', properties: { nested: {} } } },
        allOf: [{ properties: { c: {} } }, { anyOf: [{ properties: { d: {}, a: {} } }] }],
        oneOf: [{ properties: { e: {} } }],
        if: { properties: { a: { const: 1 } } },
        then: { properties: { f: {} } },
        else: { properties: { g: {} } },
        dependentSchemas: { a: { properties: { h: {} } } },
        dependencies: { b: ['a'], c: { properties: { i: {} } } },
      }),
    ).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i']);
  });

  it('copes with no schema or odd ones', () => {
    expect(formProperties(null)).toEqual([]);
    expect(formProperties({ properties: [] })).toEqual([]);
    expect(formProperties('x')).toEqual([]);
  });
});

describe('CSV', () => {
  it('quotes what needs it and guards free text against formulas', () => {
    const line = csvLine([
      csvField('plain'),
      csvField('a,b'),
      csvField('say "hi"'),
      csvField('two\nlines'),
      csvField(null),
      csvField(-3.5),
      csvField('=SUM(A1)', true),
      csvField('-3 birds', true),
      csvField('@x', true),
      csvField('=not free text'),
    ]);
    expect(parseCsv(line)).toEqual([
      [
        'plain',
        'a,b',
        'say "hi"',
        'two\nlines',
        '',
        '-3.5',
        "'=SUM(A1)",
        "'-3 birds",
        "'@x",
        '=not free text',
      ],
    ]);
  });

  it('writes custom answers as text or JSON', () => {
    expect(customCell('x')).toBe('x');
    expect(customCell(3)).toBe('3');
    expect(customCell(true)).toBe('true');
    expect(customCell({ a: [1] })).toBe('{"a":[1]}');
    expect(customCell(undefined)).toBeNull();
  });

  it('keeps tab-separated fields on one line', () => {
    expect(tsvField('a\tb\r\nc')).toBe('a b c');
    expect(tsvField(null)).toBe('');
  });

  it('escapes XML and drops the characters XML cannot hold', () => {
    expect(xmlEscape(`<a href="x">&'\u0001</a>`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;',
    );
  });
});

describe('Darwin Core', () => {
  it('maps each column to a distinct term', () => {
    const terms = OCCURRENCE_COLUMNS.map((c) => c.term);
    expect(new Set(terms).size).toBe(terms.length);
    expect(terms[0]).toBe('http://rs.tdwg.org/dwc/terms/occurrenceID');
    expect(new Set(MULTIMEDIA_COLUMNS.map((c) => c.term)).size).toBe(MULTIMEDIA_COLUMNS.length);
  });

  it('writes a well-formed meta.xml', () => {
    const meta = parseXml(metaXml());
    expect(meta.getElementsByTagName('field')).toHaveLength(
      OCCURRENCE_COLUMNS.length + MULTIMEDIA_COLUMNS.length,
    );
  });

  it('translates TAXREF ranks, kingdoms and licences', () => {
    expect(taxonRank('ES')).toBe('species');
    expect(taxonRank('SSES')).toBe('subspecies');
    expect(taxonRank('XYZ')).toBe('xyz');
    expect(nomenclaturalCode('Animalia')).toBe('ICZN');
    expect(nomenclaturalCode('Plantae')).toBe('ICN');
    expect(nomenclaturalCode(null)).toBeNull();
    expect(licenceUrl('CC-BY-4.0')).toBe('http://creativecommons.org/licenses/by/4.0/legalcode');
    expect(licenceUrl('Custom')).toBe('Custom');
    expect(genusOf('Parus major', 'ES')).toBe('Parus');
    expect(genusOf('Paridae', 'FM')).toBeNull();
  });
});
