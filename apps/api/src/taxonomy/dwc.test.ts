import { createWriteStream, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { ZipFile } from 'yazl';
import { readDwc, type DwcInput } from './dwc.js';
import type { ImportItem } from './import-rows.js';

const FIXTURES = path.resolve(import.meta.dirname, '../../test/fixtures/taxonomy/dwc');
const fixture = (name: string) => readFileSync(path.join(FIXTURES, name), 'utf8');
const dir = mkdtempSync(path.join(os.tmpdir(), 'citizen-dwc-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function archive(name: string, files: Record<string, string>) {
  const zip = new ZipFile();
  for (const [entry, text] of Object.entries(files)) zip.addBuffer(Buffer.from(text), entry);
  zip.end();
  const file = path.join(dir, name);
  await pipeline(zip.outputStream, createWriteStream(file));
  return file;
}

function write(name: string, text: string) {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return { path: file, name };
}

async function read(input: DwcInput, languages = ['fr', 'en', 'de']) {
  const items: ImportItem[] = [];
  for await (const item of readDwc(input, { languages })) items.push(item);
  const taxa = items.flatMap((i) => (i.kind === 'taxon' ? [i.taxon] : []));
  const names = items.flatMap((i) => (i.kind === 'names' ? i.names : []));
  const errors = items.flatMap((i) => (i.kind === 'error' ? [i.error] : []));
  const scope = items.flatMap((i) => (i.kind === 'scope' ? [i] : []));
  return { taxa, names, errors, scope };
}

describe('Darwin Core checklist reader', () => {
  const files: DwcInput = {
    kind: 'files',
    taxon: { path: path.join(FIXTURES, 'Taxon.tsv'), name: 'Taxon.tsv' },
    vernacular: { path: path.join(FIXTURES, 'VernacularName.tsv'), name: 'VernacularName.tsv' },
  };

  it('reads taxa (authority split off the name, ranks as TAXREF codes) and names in 3 languages', async () => {
    const { taxa, names, errors, scope } = await read(files);
    expect(errors).toEqual([]);
    expect(taxa).toHaveLength(11);
    expect(taxa.find((t) => t.cdNom === 4582)).toEqual({
      line: 6,
      cdNom: 4582,
      cdRef: 4580,
      rank: 'ES',
      scientificName: 'Chloris chloris',
      authority: '(Linnaeus, 1758)',
      kingdom: 'Animalia',
      phylum: 'Chordata',
      class: 'Aves',
      order: 'Passeriformes',
      family: 'Fringillidae',
      observerGroup: null,
      taxrefVersion: null,
    });
    expect(names.filter((n) => n.cdNom === 4117).map((n) => [n.lang, n.name])).toEqual([
      ['fr', 'Merle noir'],
      ['en', 'Common Blackbird'],
      ['de', 'Amsel'],
    ]);
    expect(scope.at(-1)).toEqual({ kind: 'scope', languages: ['fr', 'en', 'de'] });
  });

  it('keeps only the asked languages', async () => {
    const { names } = await read(files, ['de']);
    expect(new Set(names.map((n) => n.lang))).toEqual(new Set(['de']));
  });

  it('reads an archive through its meta.xml, and one without meta.xml by file names', async () => {
    const withMeta = await archive('with-meta.zip', {
      'meta.xml': fixture('meta.xml'),
      'Taxon.tsv': fixture('Taxon.tsv'),
      'VernacularName.tsv': fixture('VernacularName.tsv'),
    });
    const a = await read({ kind: 'archive', path: withMeta });
    expect(a.errors).toEqual([]);
    expect(a.taxa).toHaveLength(11);
    expect(a.names).toHaveLength(27);

    const bare = await archive('bare.zip', {
      'checklist/taxon.txt': fixture('Taxon.tsv'),
      'checklist/vernacularname.txt': fixture('VernacularName.tsv'),
    });
    const b = await read({ kind: 'archive', path: bare });
    expect(b.taxa).toEqual(a.taxa);
    expect(b.names).toEqual(a.names);
  });

  it('reports bad rows with their file and line', async () => {
    const taxon = write(
      'Taxon.tsv',
      [
        'taxonID\tscientificName\ttaxonomicStatus\tacceptedNameUsageID',
        'urn:lsid:x\tA b\taccepted\t',
        '12\tC d\tsynonym\t',
        '13\t\taccepted\t',
        '14\tE f\tsynonym\tx',
        '15\tG h\taccepted\t',
      ].join('\n'),
    );
    const vernacular = write(
      'Vern.tsv',
      'taxonID\tvernacularName\tlanguage\n15\t\tfr\nabc\tNom\tfr\n15\tName\tzz\n',
    );
    const { taxa, errors } = await read({ kind: 'files', taxon, vernacular });
    expect(taxa.map((t) => t.cdNom)).toEqual([15]);
    expect(errors).toEqual([
      { line: 2, file: 'Taxon.tsv', message: 'taxonID "urn:lsid:x" is not a positive integer' },
      {
        line: 3,
        file: 'Taxon.tsv',
        message: 'taxonomicStatus is "synonym" but acceptedNameUsageID is empty',
      },
      { line: 4, file: 'Taxon.tsv', message: 'scientificName is empty' },
      { line: 5, file: 'Taxon.tsv', message: 'acceptedNameUsageID "x" is not a positive integer' },
      { line: 2, file: 'Vern.tsv', message: 'vernacularName is empty' },
      { line: 3, file: 'Vern.tsv', message: 'taxonID "abc" is not a positive integer' },
    ]);
  });

  it('refuses a taxon file without its required columns', async () => {
    const taxon = write('bad.tsv', 'id\tname\n1\tA b\n');
    const { errors } = await read({ kind: 'files', taxon });
    expect(errors).toEqual([
      { line: 1, file: 'bad.tsv', message: 'missing column(s) taxonID, scientificName' },
    ]);
  });
});
