import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readCsvTable } from './csv-table.js';
import { ErrorList } from './taxonomy-import.js';
import { readLines } from './text-input.js';

const COLUMNS = { id: ['cd_nom', 'taxonid'], name: ['scientific_name'] } as const;

async function read(text: string) {
  const errors = new ErrorList();
  const rows: { line: number; id: string | null; name: string | null }[] = [];
  const table = readCsvTable(readLines(Readable.from([text])), COLUMNS, errors, (has) =>
    has('id') ? null : 'the header needs a cd_nom column',
  );
  for await (const { line, get } of table) rows.push({ line, id: get('id'), name: get('name') });
  return { rows, errors: errors.items };
}

describe('readCsvTable', () => {
  it('finds columns by any accepted name, in any order and case, with any delimiter', async () => {
    const { rows, errors } = await read('Scientific_Name;"dwc:taxonID"\nPica pica ; 3\n;\n\n ;4\n');
    expect(errors).toEqual([]);
    expect(rows).toEqual([
      { line: 2, id: '3', name: 'Pica pica' },
      { line: 5, id: '4', name: null },
    ]);
  });

  it('gives null for a column the header does not have', async () => {
    const { rows } = await read('cd_nom\n7\n');
    expect(rows).toEqual([{ line: 2, id: '7', name: null }]);
  });

  it('reports an empty file, a header that lacks a column and rows that are not UTF-8', async () => {
    expect((await read('')).errors).toEqual([{ line: 1, message: 'the file is empty' }]);
    const missing = await read('name,scientific_name\n1,Pica pica\n');
    expect(missing).toEqual({
      rows: [],
      errors: [{ line: 1, message: 'the header needs a cd_nom column' }],
    });
    const broken = await read('cd_nom\n1\n2\uFFFD\n3\n');
    expect(broken.rows.map((r) => r.id)).toEqual(['1', '3']);
    expect(broken.errors).toEqual([{ line: 3, message: expect.stringContaining('not UTF-8') }]);
  });
});
