import { describe, expect, it } from 'vitest';
import {
  addField,
  addStep,
  emptyForm,
  moveField,
  nameFromTitle,
  problems,
  removeField,
  removeStep,
  setFieldStep,
  uniqueName,
  updateField,
  valueFromLabel,
  withSteps,
  type BuilderField,
  type BuilderForm,
} from './model';
import { fromForm, parseJsonObject, toForm } from './stored-form';

const field = (change: Partial<BuilderField>): BuilderField => ({
  name: 'f',
  kind: 'text',
  title: 'F',
  help: '',
  required: false,
  minimum: null,
  maximum: null,
  options: [],
  multiple: false,
  ...change,
});

/** Every kind of field the builder offers. */
const everyKind: BuilderForm = {
  title: 'About the pond',
  description: 'Tell us more',
  steps: null,
  fields: [
    field({ name: 'name', title: 'Name', required: true }),
    field({ name: 'notes', kind: 'longText', title: 'Notes', help: 'Anything else' }),
    field({ name: 'depth', kind: 'number', title: 'Depth (m)', minimum: 0, maximum: 30 }),
    field({ name: 'eggs', kind: 'integer', title: 'Eggs', minimum: 0 }),
    field({ name: 'dry', kind: 'boolean', title: 'Dry' }),
    field({
      name: 'water',
      kind: 'choice',
      title: 'Water',
      required: true,
      options: [
        { value: 'clear', label: 'Clear' },
        { value: 'muddy', label: 'Muddy' },
      ],
    }),
    field({
      name: 'plants',
      kind: 'choice',
      multiple: true,
      title: 'Plants',
      options: [
        { value: 'reeds', label: 'Reeds' },
        { value: 'lilies', label: 'Water lilies' },
      ],
    }),
    field({ name: 'seenOn', kind: 'date', title: 'Seen on' }),
  ],
};

describe('form builder: fields to JSON Schema', () => {
  it('writes a JSON Schema the observation form renders, with the order in the uiSchema', () => {
    const { jsonSchema, uiSchema } = toForm(everyKind);
    expect(jsonSchema).toEqual({
      type: 'object',
      title: 'About the pond',
      description: 'Tell us more',
      required: ['name', 'water'],
      properties: {
        name: { type: 'string', title: 'Name' },
        notes: { type: 'string', title: 'Notes', description: 'Anything else' },
        depth: { type: 'number', title: 'Depth (m)', minimum: 0, maximum: 30 },
        eggs: { type: 'integer', title: 'Eggs', minimum: 0 },
        dry: { type: 'boolean', title: 'Dry' },
        water: {
          type: 'string',
          title: 'Water',
          enum: ['clear', 'muddy'],
          enumNames: ['Clear', 'Muddy'],
        },
        plants: {
          type: 'array',
          title: 'Plants',
          uniqueItems: true,
          items: {
            type: 'string',
            enum: ['reeds', 'lilies'],
            enumNames: ['Reeds', 'Water lilies'],
          },
        },
        seenOn: { type: 'string', format: 'date', title: 'Seen on' },
      },
    });
    expect(uiSchema).toEqual({
      notes: { 'ui:widget': 'textarea' },
      'ui:order': ['name', 'notes', 'depth', 'eggs', 'dry', 'water', 'plants', 'seenOn'],
    });
  });

  it('reads back what it wrote: fields to schema to fields is the identity', () => {
    expect(fromForm(toForm(everyKind))).toEqual({ ok: true, form: everyKind });
    const stepped: BuilderForm = {
      ...everyKind,
      steps: [
        { title: 'The pond', description: 'Where it is', fields: ['name', 'notes', 'depth'] },
        { title: 'Life', description: '', fields: ['eggs', 'dry', 'water', 'plants', 'seenOn'] },
      ],
    };
    expect(toForm(stepped).uiSchema?.steps).toEqual([
      { title: 'The pond', description: 'Where it is', fields: ['name', 'notes', 'depth'] },
      { title: 'Life', fields: ['eggs', 'dry', 'water', 'plants', 'seenOn'] },
    ]);
    expect(fromForm(toForm(stepped))).toEqual({ ok: true, form: stepped });
  });

  it('keeps the field order through a store that sorts the keys (jsonb)', () => {
    const stored = toForm(everyKind);
    const properties = stored.jsonSchema.properties as Record<string, unknown>;
    const sorted = Object.fromEntries(
      Object.entries(properties).sort(([a], [b]) => (a < b ? -1 : 1)),
    );
    const back = fromForm({ ...stored, jsonSchema: { ...stored.jsonSchema, properties: sorted } });
    expect(back.ok && back.form.fields.map((f) => f.name)).toEqual(
      everyKind.fields.map((f) => f.name),
    );
  });

  it('schema to fields to schema is the identity for forms written by hand in its subset', () => {
    const written = {
      jsonSchema: {
        type: 'object',
        required: ['behaviour'],
        properties: {
          behaviour: {
            type: 'string',
            title: 'Behaviour',
            enum: ['feeding', 'nesting'],
            enumNames: ['Feeding', 'Nesting'],
          },
          count: { type: 'integer', title: 'How many', minimum: 1 },
        },
      },
      uiSchema: { 'ui:order': ['behaviour', 'count'] },
    };
    const read = fromForm(written);
    expect(read.ok).toBe(true);
    expect(read.ok && toForm(read.form)).toEqual(written);
  });

  it('reads choices written as oneOf of const + title', () => {
    const read = fromForm({
      jsonSchema: {
        type: 'object',
        properties: {
          sex: {
            type: 'string',
            oneOf: [
              { const: 'f', title: 'Female' },
              { const: 'm', title: 'Male' },
            ],
          },
        },
      },
    });
    expect(read.ok && read.form.fields[0]).toMatchObject({
      kind: 'choice',
      title: '',
      options: [
        { value: 'f', label: 'Female' },
        { value: 'm', label: 'Male' },
      ],
    });
  });

  it('an empty form is an object schema with no field; no form is an empty builder', () => {
    expect(toForm(emptyForm())).toEqual({
      jsonSchema: { type: 'object', properties: {} },
      uiSchema: { 'ui:order': [] },
    });
    expect(fromForm(null)).toEqual({ ok: true, form: emptyForm() });
  });
});

describe('form builder: what it leaves to the JSON editor', () => {
  it.each([
    ['conditions', { type: 'object', if: {}, then: {} }, { code: 'keyword', keyword: 'if' }],
    [
      'nested objects',
      { type: 'object', properties: { nest: { type: 'object', properties: {} } } },
      { code: 'keyword', keyword: 'properties', field: 'nest' },
    ],
    [
      'a pattern',
      { type: 'object', properties: { code: { type: 'string', pattern: '^[A-Z]+$' } } },
      { code: 'keyword', keyword: 'pattern', field: 'code' },
    ],
    [
      'a time field',
      { type: 'object', properties: { at: { type: 'string', format: 'time' } } },
      { code: 'fieldType', field: 'at' },
    ],
    [
      'numeric choices',
      { type: 'object', properties: { n: { type: 'integer', enum: [1, 2] } } },
      { code: 'fieldType', field: 'n' },
    ],
    ['a schema that is not an object', { type: 'string' }, { code: 'notObject' }],
  ])('%s', (_what, jsonSchema, reason) => {
    expect(fromForm({ jsonSchema })).toEqual({ ok: false, reason });
  });
});

describe('form builder: checks', () => {
  it('finds what keeps a form from being saved', () => {
    const form: BuilderForm = {
      ...emptyForm(),
      fields: [
        field({ name: 'a', title: '' }),
        field({ name: 'a', title: 'Again' }),
        field({ name: '1bad', title: 'Bad name' }),
        field({ name: 'c', kind: 'choice', title: 'Choice' }),
        field({
          name: 'd',
          kind: 'choice',
          title: 'Choice',
          options: [
            { value: 'x', label: 'X' },
            { value: 'x', label: 'Y' },
            { value: '', label: '' },
          ],
        }),
        field({ name: 'n', kind: 'number', title: 'N', minimum: 5, maximum: 1 }),
      ],
    };
    expect(problems(form)).toEqual([
      { code: 'noTitle', field: 0 },
      { code: 'duplicateName', field: 1 },
      { code: 'badName', field: 2 },
      { code: 'noOptions', field: 3 },
      { code: 'duplicateOption', field: 4, option: 1 },
      { code: 'emptyOption', field: 4, option: 2 },
      { code: 'minAboveMax', field: 5 },
    ]);
    expect(problems(everyKind)).toEqual([]);
  });

  it('checks steps: titled, not empty, and every field in one', () => {
    const form: BuilderForm = {
      ...everyKind,
      steps: [
        { title: '', description: '', fields: ['name'] },
        { title: 'Empty', description: '', fields: [] },
      ],
    };
    expect(problems(form)).toEqual([
      { code: 'stepNoTitle', step: 0 },
      { code: 'stepEmpty', step: 1 },
      ...[1, 2, 3, 4, 5, 6, 7].map((index) => ({ code: 'fieldInNoStep', field: index })),
    ]);
  });

  it('parses the raw editor’s text, with a clear error when it is not a JSON object', () => {
    expect(parseJsonObject('{"type":"object"}')).toEqual({ ok: true, value: { type: 'object' } });
    expect(parseJsonObject('{"type":')).toMatchObject({ ok: false, error: 'syntax' });
    expect(parseJsonObject('[1]')).toEqual({ ok: false, error: 'notObject' });
    expect(parseJsonObject('')).toMatchObject({ ok: false, error: 'syntax' });
  });
});

describe('form builder: changes', () => {
  it('adds, moves, renames and removes fields, with the steps following', () => {
    let form = withSteps(addField(emptyForm(), 'text'), true, 'Step 1');
    form = addStep(form, 'Step 2');
    form = addField(form, 'number');
    expect(form.fields.map((f) => f.name)).toEqual(['field', 'field2']);
    expect(form.steps?.map((s) => s.fields)).toEqual([['field'], ['field2']]);
    form = updateField(form, 1, { name: 'depth' });
    expect(form.steps?.[1]?.fields).toEqual(['depth']);
    form = moveField(form, 1, -1);
    expect(form.fields.map((f) => f.name)).toEqual(['depth', 'field']);
    expect(moveField(form, 0, -1)).toBe(form);
    form = setFieldStep(form, 'field', 1);
    expect(form.steps?.map((s) => s.fields)).toEqual([[], ['depth', 'field']]);
    form = removeField(form, 0);
    expect(form.steps?.map((s) => s.fields)).toEqual([[], ['field']]);
    form = removeStep(form, 1);
    expect(form.steps).toEqual([{ title: 'Step 1', description: '', fields: ['field'] }]);
    expect(removeStep(form, 0).steps).toBeNull();
  });

  it('makes keys and values from titles and labels', () => {
    expect(nameFromTitle('Nest height (m)')).toBe('nestHeightM');
    expect(nameFromTitle('Espèce protégée ?')).toBe('especeProtegee');
    expect(nameFromTitle('2nd visit')).toBe('field_2ndVisit');
    expect(nameFromTitle('')).toBe('field');
    expect(uniqueName('depth', [{ name: 'depth' }, { name: 'depth2' }])).toBe('depth3');
    expect(valueFromLabel('Très boueuse !')).toBe('tres-boueuse');
    expect(valueFromLabel('?')).toBe('option');
  });
});
