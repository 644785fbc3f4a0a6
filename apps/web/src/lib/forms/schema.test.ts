import { describe, expect, it } from 'vitest';
import { answerRows, choicesOf, prune, resolveObject, type JsonSchema } from './schema';

const form: JsonSchema = {
  type: 'object',
  required: ['behaviour'],
  properties: {
    behaviour: {
      title: 'Behaviour',
      type: 'string',
      oneOf: [
        { const: 'feeding', title: 'Feeding' },
        { const: 'nesting', title: 'Nesting' },
      ],
    },
    dead: { type: 'boolean', title: 'Found dead' },
    seenWith: {
      type: 'array',
      items: { type: 'string', enum: ['a', 'b'], enumNames: ['A', 'B'] },
      uniqueItems: true,
    },
  },
  if: { properties: { behaviour: { const: 'nesting' } } },
  then: {
    properties: {
      nest: {
        $ref: '#/definitions/nest',
      },
    },
    required: ['nest'],
  },
  definitions: {
    nest: {
      type: 'object',
      title: 'Nest',
      properties: { height: { type: 'number', title: 'Height (m)' } },
    },
  },
};

describe('custom form schema', () => {
  it('shows the fields a condition adds only when it holds', () => {
    const keys = (data: unknown) =>
      resolveObject(form, data, form, undefined).properties.map(([k]) => k);
    expect(keys({ behaviour: 'feeding' })).toEqual(['behaviour', 'dead', 'seenWith']);
    expect(keys({ behaviour: 'nesting' })).toEqual(['behaviour', 'dead', 'seenWith', 'nest']);
    expect(resolveObject(form, { behaviour: 'nesting' }, form, undefined).required).toEqual(
      new Set(['behaviour', 'nest']),
    );
  });

  it('orders fields as the layout says', () => {
    const ui = { 'ui:order': ['dead', '*'] };
    expect(resolveObject(form, {}, form, ui).properties.map(([k]) => k)[0]).toBe('dead');
  });

  it('leaves out hidden and empty answers when sending', () => {
    expect(
      prune(form, { behaviour: 'feeding', nest: { height: 2 }, dead: false, seenWith: [] }, form),
    ).toEqual({ behaviour: 'feeding', dead: false, seenWith: [] });
    expect(prune(form, { behaviour: 'nesting', nest: { height: 2 } }, form)).toEqual({
      behaviour: 'nesting',
      nest: { height: 2 },
    });
  });

  it('labels enum values', () => {
    expect(choicesOf(form.properties!.behaviour!)).toEqual([
      { value: 'feeding', label: 'Feeding' },
      { value: 'nesting', label: 'Nesting' },
    ]);
  });

  it('turns answers into labelled rows, nested objects flattened', () => {
    const words = { yes: 'Yes', no: 'No' };
    expect(
      answerRows(
        form,
        {
          behaviour: 'nesting',
          dead: true,
          nest: { height: 2.5 },
          seenWith: ['a', 'b'],
          legacy: 'x',
        },
        form,
        words,
      ),
    ).toEqual([
      { label: 'Behaviour', value: 'Nesting' },
      { label: 'Found dead', value: 'Yes' },
      { label: 'Seen with', value: 'A, B' },
      { label: 'Nest: Height (m)', value: '2.5' },
      { label: 'Legacy', value: 'x' },
    ]);
  });
});
