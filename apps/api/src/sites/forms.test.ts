import { describe, expect, it } from 'vitest';
import { DomainError } from '../http/errors.js';
import { checkProtocolForm, orderedFields, validateAnswers, withFieldOrder } from './forms.js';

/** The error `act` throws: its code and its bad fields. */
function refusal(act: () => void) {
  try {
    act();
  } catch (error) {
    if (error instanceof DomainError) return { code: error.code, errors: error.errors };
    throw error;
  }
  throw new Error('nothing was thrown');
}

const jsonSchema = {
  type: 'object',
  required: ['a'],
  properties: { a: { type: 'integer' }, b: { type: 'string' } },
  if: { properties: { a: { const: 1 } } },
  then: { properties: { c: { type: 'boolean' } } },
};

describe('site type forms', () => {
  it('accepts steps covering the properties, conditional ones included', () => {
    expect(() =>
      checkProtocolForm(
        {
          jsonSchema,
          uiSchema: {
            steps: [
              { title: 'One', fields: ['a'] },
              { title: 'Two', fields: ['b', 'c'] },
            ],
          },
        },
        'visitForm',
      ),
    ).not.toThrow();
    expect(() => checkProtocolForm({ jsonSchema }, 'siteForm')).not.toThrow();
  });

  it('refuses steps that are not a list of titled field lists', () => {
    expect(
      refusal(() => checkProtocolForm({ jsonSchema, uiSchema: { steps: {} } }, 'visitForm')),
    ).toMatchObject({
      code: 'request.invalid',
      errors: [
        { field: 'visitForm.uiSchema.steps', code: 'field.wrongType', params: { type: 'array' } },
      ],
    });
    expect(
      refusal(() =>
        checkProtocolForm({ jsonSchema, uiSchema: { steps: [{ fields: ['a'] }] } }, 'visitForm'),
      ),
    ).toMatchObject({
      errors: [{ field: 'visitForm.uiSchema.steps.0.title', code: 'field.required' }],
    });
    expect(
      refusal(() =>
        checkProtocolForm(
          { jsonSchema, uiSchema: { steps: [{ title: 'One', fields: ['a', 'z'] }] } },
          'siteForm',
        ),
      ),
    ).toMatchObject({
      code: 'form.stepUnknownField',
      errors: [{ field: 'siteForm.uiSchema.steps', params: { step: 1, name: 'z' } }],
    });
  });

  it('validates the whole answers, whatever the steps', () => {
    const form = { id: 1, jsonSchema, updatedAt: new Date(0) };
    expect(() => validateAnswers(form, { a: 2, b: 'x' }, 'visit')).not.toThrow();
    expect(refusal(() => validateAnswers(form, { b: 'x' }, 'visit'))).toMatchObject({
      code: 'form.invalidAnswers',
      errors: [{ field: 'customData.a', code: 'field.required' }],
    });
    expect(refusal(() => validateAnswers(form, { a: 1, c: 'yes' }, 'visit'))).toMatchObject({
      errors: expect.arrayContaining([
        expect.objectContaining({
          field: 'customData.c',
          code: 'field.wrongType',
          params: { type: 'boolean' },
        }),
      ]),
    });
    expect(refusal(() => validateAnswers(null, { a: 1 }, 'site'))).toMatchObject({
      code: 'siteType.noSiteForm',
      errors: [{ field: 'customData', code: 'siteType.noSiteForm' }],
    });
    expect(() => validateAnswers(null, {}, 'site')).not.toThrow();
  });
});

describe('field order', () => {
  it("keeps the administrator's order in ui:order, unless one is given", () => {
    expect(withFieldOrder({ jsonSchema }).uiSchema).toEqual({ 'ui:order': ['a', 'b', 'c'] });
    const given = { jsonSchema, uiSchema: { 'ui:order': ['b', 'a'] } };
    expect(withFieldOrder(given)).toBe(given);
    expect(withFieldOrder({ jsonSchema: { type: 'object' } }).uiSchema).toBeUndefined();
  });

  it('orders fields by ui:order, then steps, then the schema', () => {
    // As jsonb returns them: another order than written.
    const stored = { type: 'object', properties: { zeta: {}, alpha: {}, mid: {} } };
    expect(orderedFields(stored, { 'ui:order': ['mid', 'gone'] })).toEqual([
      'mid',
      'zeta',
      'alpha',
    ]);
    expect(orderedFields(stored, { steps: [{ fields: ['alpha'] }, { fields: ['zeta'] }] })).toEqual(
      ['alpha', 'zeta', 'mid'],
    );
    expect(orderedFields(null, {})).toEqual([]);
  });
});
