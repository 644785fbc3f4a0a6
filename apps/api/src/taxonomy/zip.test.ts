import { createWriteStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { ZipFile } from 'yazl';
import { isZipFile, listZip, openZipEntry } from './zip.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'citizen-zip-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function makeZip(name: string, files: Record<string, string>, zip64 = false) {
  const zip = new ZipFile();
  for (const [entry, text] of Object.entries(files)) {
    zip.addBuffer(Buffer.from(text), entry, {
      compress: !entry.endsWith('.stored'),
      forceZip64Format: zip64,
    });
  }
  // yazl takes this option at the end too (its central directory); its type declarations lag.
  zip.end({ forceZip64Format: zip64 } as Parameters<ZipFile['end']>[0]);
  const file = path.join(dir, name);
  await pipeline(zip.outputStream, createWriteStream(file));
  return file;
}

async function text(stream: NodeJS.ReadableStream) {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

describe('zip reader', () => {
  const big = 'Turdus merula\tMerle noir\n'.repeat(20_000);

  it.each([false, true])(
    'lists and streams deflated and stored entries (Zip64: %s)',
    async (zip64) => {
      const file = await makeZip(
        `a${zip64}.zip`,
        {
          'dwca/Taxon.tsv': big,
          'readme.stored': 'plain é',
          'empty.txt': '',
        },
        zip64,
      );
      expect(await isZipFile(file)).toBe(true);
      const entries = await listZip(file);
      expect(entries.map((e) => [e.name, e.size])).toEqual([
        ['dwca/Taxon.tsv', big.length],
        ['readme.stored', Buffer.byteLength('plain é')],
        ['empty.txt', 0],
      ]);
      expect(await text(await openZipEntry(file, entries[0]!))).toBe(big);
      expect(await text(await openZipEntry(file, entries[1]!))).toBe('plain é');
      expect(await text(await openZipEntry(file, entries[2]!))).toBe('');
    },
  );

  it('refuses a file that is not a zip', async () => {
    const file = path.join(dir, 'not.zip');
    writeFileSync(file, 'CD_NOM\tCD_REF\n');
    expect(await isZipFile(file)).toBe(false);
    await expect(listZip(file)).rejects.toMatchObject({ code: 'zip.notZip' });
  });
});
