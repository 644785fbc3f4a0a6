import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { detectDelimiter, headerKey, readCsv, readLines, splitCsvLine } from './text-input.js';

async function records(text: string) {
  const out = [];
  for await (const record of readCsv(readLines(Readable.from([text])))) out.push(record);
  return out;
}

describe('text input', () => {
  it('numbers lines from 1, without the byte order mark, with LF or CRLF', async () => {
    const lines = [];
    for await (const line of readLines(Readable.from(['\uFEFFa\r\nb\n', 'c']))) lines.push(line);
    expect(lines).toEqual([
      { line: 1, text: 'a' },
      { line: 2, text: 'b' },
      { line: 3, text: 'c' },
    ]);
  });

  it('parses CSV quoting, keeping the line a record starts on', async () => {
    expect(await records('a,b\n"x, y","say ""hi"""\n"multi\nline",2\n')).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 2, cells: ['x, y', 'say "hi"'] },
      { line: 3, cells: ['multi\nline', '2'] },
    ]);
    expect(await records('cd_nom;picture\n4117;http://x\n')).toEqual([
      { line: 1, cells: ['cd_nom', 'picture'] },
      { line: 2, cells: ['4117', 'http://x'] },
    ]);
  });

  it('detects the delimiter and normalises header names', () => {
    expect(detectDelimiter('a\tb\tc')).toBe('\t');
    expect(detectDelimiter('a;b,c;d')).toBe(';');
    expect(detectDelimiter('single')).toBe(',');
    expect(splitCsvLine('"a","b ""c"""', ',')).toEqual(['a', 'b "c"']);
    expect(headerKey('dwc:taxonID')).toBe('taxonid');
    expect(headerKey('http://rs.tdwg.org/dwc/terms/scientificName')).toBe('scientificname');
    expect(headerKey(' "Scientific_Name" ')).toBe('scientific_name');
  });
});
