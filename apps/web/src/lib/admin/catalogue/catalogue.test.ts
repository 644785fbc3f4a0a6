import { describe, expect, it } from 'vitest';
import type { AdminBadgeRule, ImportReport, SpeciesListEntry } from '@citizen/shared';
import { emptyForm, fieldsOf, formOf, ruleInput, ruleName } from './badge-rule';
import { isAreaKind, outlineGeoJson } from './geojson';
import { formatBytes, percent, reportOf, sortedErrors, unlistedErrors } from './report';
import { entryInput, listInput, moved, withTaxon, withoutTaxon } from './species-list';

const entry = (cdNom: number, picture: Partial<SpeciesListEntry> = {}): SpeciesListEntry => ({
  cdNom,
  position: 0,
  scientificName: `Taxon ${cdNom}`,
  vernacularName: null,
  pictureMediaId: null,
  pictureUrl: null,
  thumbnailUrl: null,
  ...picture,
});
const MEDIA = '0b9a3f0e-8c1d-4a55-9e0f-1c2d3e4f5a6b';
const uploaded = entry(1, {
  pictureMediaId: MEDIA,
  pictureUrl: `/api/media/${MEDIA}/display`,
  thumbnailUrl: `/api/media/${MEDIA}/thumb`,
});
const linked = entry(2, { pictureUrl: 'https://example.org/2.jpg' });
const plain = entry(3);

describe('species list edits', () => {
  it('sends back an uploaded picture by its id, a linked one by its URL', () => {
    expect(entryInput(uploaded)).toEqual({ cdNom: 1, pictureMediaId: MEDIA });
    expect(entryInput(linked)).toEqual({ cdNom: 2, pictureUrl: 'https://example.org/2.jpg' });
    expect(entryInput(plain)).toEqual({ cdNom: 3, pictureUrl: null });
  });

  it('adds a taxon at the end, once, keeping the pictures', () => {
    expect(withTaxon([uploaded, linked], 9)).toEqual([
      { cdNom: 1, pictureMediaId: MEDIA },
      { cdNom: 2, pictureUrl: 'https://example.org/2.jpg' },
      { cdNom: 9 },
    ]);
    expect(withTaxon([uploaded, linked], 2).map((t) => t.cdNom)).toEqual([1, 2]);
  });

  it('removes and moves taxa', () => {
    expect(withoutTaxon([uploaded, linked, plain], 2).map((t) => t.cdNom)).toEqual([1, 3]);
    expect(moved([uploaded, linked, plain], 3, -1).map((t) => t.cdNom)).toEqual([1, 3, 2]);
    expect(moved([uploaded, linked, plain], 1, 1).map((t) => t.cdNom)).toEqual([2, 1, 3]);
    expect(moved([uploaded, linked, plain], 1, -1).map((t) => t.cdNom)).toEqual([1, 2, 3]);
    expect(moved([uploaded, linked, plain], 3, 1).map((t) => t.cdNom)).toEqual([1, 2, 3]);
  });

  it('keeps the name, description and TaxHub link in the body', () => {
    expect(
      listInput({ name: 'Birds', description: 'Garden', taxhubListId: 4 }, [{ cdNom: 1 }]),
    ).toEqual({ name: 'Birds', description: 'Garden', taxhubListId: 4, taxa: [{ cdNom: 1 }] });
  });
});

describe('import reports and uploads', () => {
  const report = (errors: ImportReport['errors'], errorCount = errors.length): ImportReport => ({
    inserted: 0,
    updated: 0,
    unchanged: 0,
    removed: 0,
    errors,
    errorCount,
  });

  it('reads the report in a 422 answer, and nothing else', () => {
    const body = { statusCode: 422, message: 'bad', ...report([{ line: 3, message: 'x' }]) };
    expect(reportOf(body)?.errors).toEqual([{ line: 3, message: 'x' }]);
    expect(reportOf({ statusCode: 400, message: 'bad' })).toBeNull();
    expect(reportOf(null)).toBeNull();
    expect(reportOf('text')).toBeNull();
  });

  it('orders the bad lines by file and line, and counts those not listed', () => {
    const sorted = sortedErrors(
      report(
        [
          { line: 9, message: 'b', file: 'VernacularName.tsv' },
          { line: 12, message: 'c' },
          { line: 2, message: 'a' },
        ],
        250,
      ),
    );
    expect(sorted.map((e) => e.message)).toEqual(['a', 'c', 'b']);
    expect(unlistedErrors(report([{ line: 1, message: 'x' }], 250))).toBe(249);
    expect(unlistedErrors(report([]))).toBe(0);
  });

  it('gives the share of an upload sent, unknown without a total', () => {
    expect(percent({ loaded: 0, total: 200 })).toBe(0);
    expect(percent({ loaded: 101, total: 200 })).toBe(50);
    expect(percent({ loaded: 300, total: 200 })).toBe(100);
    expect(percent({ loaded: 10, total: 0 })).toBeNull();
  });

  it('writes sizes as a person reads them', () => {
    expect(formatBytes(950, 'en')).toBe('950 B');
    expect(formatBytes(12_400, 'en')).toBe('12 kB');
    expect(formatBytes(3_450_000, 'fr')).toBe('3,5 MB');
    expect(formatBytes(2_000_000_000, 'en')).toBe('2 GB');
  });
});

describe('area files', () => {
  it('outlines a FeatureCollection and finds the properties the API would read', () => {
    const outline = outlineGeoJson(
      JSON.stringify({
        type: 'FeatureCollection',
        features: [
          { type: 'Feature', properties: { INSEE_COM: 69381, NOM: 'Lyon 1er', extra: null } },
          { type: 'Feature', properties: { INSEE_COM: 69382, NOM: 'Lyon 2e' } },
        ],
      }),
    );
    expect(outline).toEqual({
      features: 2,
      properties: [
        { name: 'INSEE_COM', sample: '69381' },
        { name: 'NOM', sample: 'Lyon 1er' },
      ],
      codeProperty: 'INSEE_COM',
      nameProperty: 'NOM',
    });
    const unusual = outlineGeoJson(
      '{"type":"FeatureCollection","features":[{"properties":{"ref":"A","label":"B"}}]}',
    );
    expect(unusual).toMatchObject({ codeProperty: null, nameProperty: null });
  });

  it('refuses what is not a FeatureCollection', () => {
    expect(outlineGeoJson('{')).toBeNull();
    expect(outlineGeoJson('{"type":"Feature"}')).toBeNull();
    expect(outlineGeoJson('null')).toBeNull();
  });

  it('knows an area kind', () => {
    expect(isAreaKind('natural_park')).toBe(true);
    expect(isAreaKind('Natural park')).toBe(false);
    expect(isAreaKind('_x')).toBe(false);
  });
});

describe('badge rule form', () => {
  const rule: AdminBadgeRule = {
    id: 7,
    kind: 'taxon_species',
    programId: 3,
    taxonRank: 'family',
    taxonName: 'Turdidae',
    threshold: 5,
    level: 2,
    name: { en: 'Thrushes', fr: 'Grives' },
    description: { en: 'Five thrushes' },
    pictureUrl: '/api/media/x/display',
    pictureMediaId: 'x',
    active: true,
    holders: 4,
  };

  it('says which fields each kind uses', () => {
    expect(fieldsOf('total_observations')).toEqual({ program: null, taxon: false });
    expect(fieldsOf('program_observations')).toEqual({ program: 'required', taxon: false });
    expect(fieldsOf('taxon_species')).toEqual({ program: 'optional', taxon: true });
    expect(fieldsOf('site_visits')).toEqual({ program: 'optional', taxon: false });
    expect(fieldsOf('seniority')).toEqual({ program: null, taxon: false });
  });

  it('round-trips a rule, keeping an uploaded picture', () => {
    const form = formOf(rule);
    expect(form.pictureUrl).toBe('');
    expect(ruleInput(form, { keepPicture: true })).toEqual({
      problems: [],
      input: {
        kind: 'taxon_species',
        threshold: 5,
        level: 2,
        programId: 3,
        taxonRank: 'family',
        taxonName: 'Turdidae',
        name: { en: 'Thrushes', fr: 'Grives' },
        description: { en: 'Five thrushes' },
        active: true,
      },
    });
  });

  it('leaves out the fields a kind does not use, and clears a picture left empty', () => {
    const form = { ...formOf(rule), kind: 'total_observations' as const };
    const { input } = ruleInput(form);
    expect(input).toMatchObject({
      programId: null,
      taxonRank: null,
      taxonName: null,
      pictureUrl: null,
      pictureMediaId: null,
    });
  });

  it('finds what is wrong before asking the API', () => {
    const form = {
      ...emptyForm(),
      kind: 'program_observations' as const,
      threshold: '0',
      level: '101',
      pictureUrl: 'ftp://x',
    };
    expect(ruleInput(form).problems).toEqual([
      { field: 'threshold', problem: 'min' },
      { field: 'level', problem: 'integer' },
      { field: 'programId', problem: 'required' },
      { field: 'name', problem: 'required' },
      { field: 'pictureUrl', problem: 'url' },
    ]);
    const seniority = { ...emptyForm(), kind: 'seniority' as const, threshold: '0' };
    seniority.name.de = 'Willkommen';
    expect(ruleInput(seniority).input).toMatchObject({ threshold: 0, name: { de: 'Willkommen' } });
    expect(ruleInput({ ...emptyForm(), threshold: '1.5' }).problems[0]).toEqual({
      field: 'threshold',
      problem: 'integer',
    });
  });

  it("names a rule in the page's language, else in another", () => {
    expect(ruleName(rule, 'fr')).toBe('Grives');
    expect(ruleName(rule, 'de')).toBe('Grives');
    expect(ruleName({ name: { en: 'Thrushes' } }, 'de')).toBe('Thrushes');
  });
});
