import { describe, expect, it } from 'vitest';
import type { AdminProgram } from '@citizen/shared';
import {
  areaOf,
  bboxOf,
  checkDraft,
  draftFrom,
  hasFields,
  readGeoJsonArea,
  slugFromTitle,
  toInput,
  toPatch,
} from './program-form';

const square = [
  [
    [4.8, 45.7],
    [4.9, 45.7],
    [4.9, 45.8],
    [4.8, 45.8],
    [4.8, 45.7],
  ],
];

const program: AdminProgram = {
  id: 3,
  slug: 'mares',
  kind: 'observations',
  title: 'Mares',
  shortDescription: 'Les mares',
  imageUrl: null,
  observationCount: 0,
  speciesCount: 0,
  bbox: [4.8, 45.7, 4.9, 45.8],
  longDescription: '<p>Hi</p>',
  area: { type: 'MultiPolygon', coordinates: [square] },
  registrationRequired: false,
  startsOn: null,
  endsOn: null,
  projectId: null,
  speciesListId: 2,
  form: null,
  licence: 'CC-BY-4.0',
  publicValidatedOnly: false,
  minSensitivity: 0,
  allowOffList: false,
  isActive: true,
  notices: [],
};

describe('programme editor', () => {
  it('makes a slug from a title', () => {
    expect(slugFromTitle('Les mares de Lyon !')).toBe('les-mares-de-lyon');
    expect(slugFromTitle('Écureuils & hérissons')).toBe('ecureuils-herissons');
  });

  it('checks the draft', () => {
    const draft = {
      ...draftFrom(),
      slug: 'Bad slug',
      startsOn: '2026-06-01',
      endsOn: '2026-05-01',
    };
    expect(checkDraft(draft, false)).toEqual({
      title: 'titleMissing',
      slug: 'slugInvalid',
      endsOn: 'datesOrder',
      area: 'areaMissing',
    });
    expect(checkDraft(draftFrom(program), true)).toEqual({});
  });

  it('creates unpublished, with empty dates and choices as null', () => {
    const input = toInput({ ...draftFrom(), slug: 'a', title: ' A ' }, program.area, null);
    expect(input).toMatchObject({
      slug: 'a',
      title: 'A',
      isActive: false,
      startsOn: null,
      projectId: null,
      speciesListId: null,
      form: null,
    });
  });

  it('sends only what changed', () => {
    const draft = draftFrom(program);
    expect(toPatch(draft, program, program.area, program.form)).toEqual({});
    expect(
      toPatch(
        { ...draft, title: 'Mares 2', speciesListId: '', endsOn: '2026-12-31' },
        program,
        null,
        null,
      ),
    ).toEqual({ title: 'Mares 2', speciesListId: null, endsOn: '2026-12-31' });
    expect(toPatch({ ...draft, allowOffList: true }, program, null, null)).toEqual({
      allowOffList: true,
    });
    expect(toPatch({ ...draft, minSensitivity: 2 }, program, null, null)).toEqual({
      minSensitivity: 2,
    });
    const moved = areaOf([[square[0]!.map(([x, y]) => [x! + 1, y!])]])!;
    expect(toPatch(draft, program, moved, null)).toEqual({ area: moved });
    const form = { jsonSchema: { type: 'object', properties: { a: { type: 'string' } } } };
    expect(toPatch(draft, program, null, form)).toEqual({ form });
    // A form with no field is no form.
    expect(hasFields({ jsonSchema: { type: 'object', properties: {} } })).toBe(false);
    expect(toPatch(draft, { ...program, form }, null, { jsonSchema: { type: 'object' } })).toEqual({
      form: null,
    });
  });

  it('reads a GeoJSON file’s polygons and their extent', () => {
    const file = JSON.stringify({
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: square } },
        { type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [1, 2] } },
      ],
    });
    const area = readGeoJsonArea(file);
    expect(area).toEqual({ type: 'MultiPolygon', coordinates: [square] });
    expect(bboxOf(area)).toEqual([4.8, 45.7, 4.9, 45.8]);
    expect(readGeoJsonArea('<kml/>')).toBeNull();
    expect(readGeoJsonArea('{"type":"Point","coordinates":[1,2]}')).toBeNull();
  });
});

describe('programme editor: comparing', () => {
  it('takes a form stored with its keys in another order as unchanged', () => {
    const form = {
      jsonSchema: { type: 'object', properties: { b: { type: 'string' }, a: { type: 'number' } } },
      uiSchema: { 'ui:order': ['b', 'a'] },
    };
    const stored = {
      uiSchema: { 'ui:order': ['b', 'a'] },
      jsonSchema: { properties: { a: { type: 'number' }, b: { type: 'string' } }, type: 'object' },
    };
    expect(
      toPatch(draftFrom({ ...program, form: stored }), { ...program, form: stored }, null, form),
    ).toEqual({});
    expect(toPatch({ ...draftFrom(program), isActive: false }, program, null, null)).toEqual({});
  });
});
