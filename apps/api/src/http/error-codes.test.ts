import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ERRORS } from '@citizen/shared';

const SRC = path.resolve(import.meta.dirname, '..');

/** The API's source files, tests left out. */
function sources(dir = SRC): { file: string; text: string }[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(file);
    if (!entry.name.endsWith('.ts') || entry.name.endsWith('.test.ts')) return [];
    return [{ file: path.relative(SRC, file), text: readFileSync(file, 'utf8') }];
  });
}

/** The codes written where an error is made: `new DomainError('…'`, `fieldError(x, '…'`... */
const THROWN = [
  /new DomainError\(\s*'([^']+)'/g,
  /\bfieldError\([^,()]+,\s*'([^']+)'/g,
  /\binvalidField\([^,()]+,\s*'([^']+)'/g,
];

describe('error codes', () => {
  const files = sources();

  it('are all registered, wherever an error is made', () => {
    const unknown = files.flatMap(({ file, text }) =>
      THROWN.flatMap((pattern) => [...text.matchAll(pattern)])
        .map((match) => match[1]!)
        .filter((code) => !Object.hasOwn(ERRORS, code))
        .map((code) => `${file}: ${code}`),
    );
    expect(unknown).toEqual([]);
  });

  it('are each used by the API (the registry keeps no dead code)', () => {
    const all = files.map(({ text }) => text).join('\n');
    const unused = Object.keys(ERRORS).filter((code) => !all.includes(`'${code}'`));
    expect(unused).toEqual([]);
  });

  it('leave no error thrown as a plain HTTP status: every refusal is a DomainError', () => {
    const legacy = files.flatMap(({ file, text }) =>
      [
        ...text.matchAll(
          /throw new (\w*(?:Http|Request|Found|Conflict|Forbidden|Unauthorized)\w*Error)\(/g,
        ),
      ].map((match) => `${file}: ${match[1]}`),
    );
    expect(legacy).toEqual([]);
  });
});
