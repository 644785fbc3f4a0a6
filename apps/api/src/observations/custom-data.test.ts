import { describe, expect, it } from 'vitest';
import { checkFormSchema, validateCustomData } from './custom-data.js';
import type { DomainError } from '../http/errors.js';

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
    return (error as DomainError).errors;
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
        expect.objectContaining({ field: 'customData.habitat', code: 'field.required' }),
        expect.objectContaining({
          field: 'customData.nest.eggs',
          code: 'field.tooLarge',
          params: { limit: 20 },
          message: 'must be at most 20',
        }),
        expect.objectContaining({
          field: 'customData.seenAt',
          code: 'field.format',
          params: { format: 'date' },
        }),
        expect.objectContaining({ field: 'customData.colour', code: 'field.unknown' }),
      ]),
    );
  });

  it('refuses answers when the programme has no form', () => {
    expect(() => validateCustomData(null, {})).not.toThrow();
    expect(() => validateCustomData(null, { x: 1 })).toThrow(
      expect.objectContaining({ code: 'observation.noCustomForm' }),
    );
  });

  it('checks that a form is a usable JSON Schema', () => {
    expect(() => checkFormSchema(form.jsonSchema)).not.toThrow();
    expect(() =>
      checkFormSchema({ type: 'object', properties: { a: { type: 'nonsense' } } }),
    ).toThrow(expect.objectContaining({ code: 'form.invalidSchema' }));
    expect(() => checkFormSchema([])).toThrow(expect.objectContaining({ code: 'form.notObject' }));
  });
});
