import { describe, expect, it } from 'vitest';
import { checkFormSchema, validateCustomData } from './custom-data.js';

const form = {
  id: 1,
  version: 'v1',
  jsonSchema: {
    type: 'object',
    required: ['habitat'],
    additionalProperties: false,
    properties: {
      habitat: { type: 'string', enum: ['forest', 'meadow', 'pond'] },
      nest: {
        type: 'object',
        properties: { eggs: { type: 'integer', minimum: 0, maximum: 20 } },
      },
      seenAt: { type: 'string', format: 'date' },
    },
  },
};

const errorsOf = (run: () => void) => {
  try {
    run();
  } catch (error) {
    return (error as { details: { errors: unknown[] } }).details.errors;
  }
  return [];
};

describe('custom data', () => {
  it('accepts answers that follow the form', () => {
    expect(() =>
      validateCustomData(form, { habitat: 'pond', nest: { eggs: 3 }, seenAt: '2026-05-01' }),
    ).not.toThrow();
  });

  it('names every bad field', () => {
    expect(
      errorsOf(() =>
        validateCustomData(form, { nest: { eggs: 50 }, seenAt: 'yesterday', colour: 'red' }),
      ),
    ).toEqual(
      expect.arrayContaining([
        { field: 'customData.habitat', message: "must have required property 'habitat'" },
        { field: 'customData.nest.eggs', message: 'must be <= 20' },
        { field: 'customData.seenAt', message: 'must match format "date"' },
        { field: 'customData.colour', message: 'must NOT have additional properties' },
      ]),
    );
  });

  it('refuses answers when the programme has no form', () => {
    expect(() => validateCustomData(null, {})).not.toThrow();
    expect(() => validateCustomData(null, { x: 1 })).toThrow(/no custom form/);
  });

  it('checks that a form is a usable JSON Schema', () => {
    expect(() => checkFormSchema(form.jsonSchema)).not.toThrow();
    expect(() =>
      checkFormSchema({ type: 'object', properties: { a: { type: 'nonsense' } } }),
    ).toThrow(/not a valid JSON Schema/);
    expect(() => checkFormSchema([])).toThrow(/JSON Schema object/);
  });
});
