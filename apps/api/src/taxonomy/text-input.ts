import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';

/** A line of a text file, numbered from 1 (the header is line 1). */
export type Line = { line: number; text: string };

/**
 * Reads a text file line by line without loading it, from a path or a stream
 * (`Readable.from([text])` for a string).
 * Removes a byte order mark; accepts LF and CRLF. Bytes that are not UTF-8 become U+FFFD,
 * which the parsers report (see `NOT_UTF8`).
 */
export async function* readLines(input: string | Readable): AsyncGenerator<Line> {
  const stream =
    typeof input === 'string'
      ? createReadStream(input, { encoding: 'utf8', highWaterMark: 1 << 20 })
      : input.readableObjectMode
        ? input
        : input.setEncoding('utf8');
  const reader = createInterface({ input: stream, crlfDelay: Infinity });
  let line = 0;
  try {
    for await (const text of reader) {
      line += 1;
      yield { line, text: line === 1 ? text.replace(/^\uFEFF/, '') : text };
    }
  } finally {
    reader.close();
    stream.destroy();
  }
}

export const NOT_UTF8 = 'is not UTF-8 text (save the file as UTF-8)';

export function isBlank(text: string): boolean {
  return text.trim() === '';
}

/** A header cell as a lookup key: no BOM, quotes, namespace prefix or case (dwc:taxonID -> taxonid). */
export function headerKey(cell: string): string {
  const bare = cell.trim().replace(/^"(.*)"$/, '$1');
  const term = bare.includes('/') ? bare.slice(bare.lastIndexOf('/') + 1) : bare;
  return term.replace(/^[a-z]+:/i, '').toLowerCase();
}

export type CsvRecord = { line: number; cells: string[] };

/** The delimiter of a CSV header line: tab, semicolon or comma, whichever occurs most. */
export function detectDelimiter(header: string): string {
  const counts = ['\t', ';', ','].map((d) => [d, header.split(d).length] as const);
  counts.sort((a, b) => b[1] - a[1]);
  return counts[0]![1] > 1 ? counts[0]![0] : ',';
}

/**
 * Parses CSV records (RFC 4180 quoting: "a ""b""", a delimiter or a line break inside quotes)
 * from numbered lines; each record carries the line it starts on.
 */
export async function* readCsv(
  lines: AsyncIterable<Line>,
  delimiter?: string,
): AsyncGenerator<CsvRecord> {
  let sep = delimiter;
  let cells: string[] = [];
  let field = '';
  let quoted = false;
  let start = 0;
  for await (const { line, text } of lines) {
    sep ??= detectDelimiter(text);
    if (!quoted) {
      start = line;
      cells = [];
      field = '';
    } else {
      field += '\n';
    }
    for (let i = 0; i < text.length; i++) {
      const c = text[i]!;
      if (quoted) {
        if (c === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i++;
          } else {
            quoted = false;
          }
        } else {
          field += c;
        }
      } else if (c === '"' && field.trim() === '') {
        quoted = true;
        field = '';
      } else if (c === sep) {
        cells.push(field);
        field = '';
      } else {
        field += c;
      }
    }
    if (!quoted) {
      cells.push(field);
      yield { line: start, cells };
    }
  }
  if (quoted) {
    cells.push(field);
    yield { line: start, cells };
  }
}

/** The cells of one CSV line (a header line), quotes removed. */
export function splitCsvLine(text: string, delimiter: string): string[] {
  const cells: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c === '"' && field.trim() === '') {
      quoted = true;
      field = '';
    } else if (c === delimiter) {
      cells.push(field);
      field = '';
    } else {
      field += c;
    }
  }
  cells.push(field);
  return cells;
}
