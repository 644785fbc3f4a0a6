import { describe, expect, it } from 'vitest';
import { checkProtocolForm, orderedFields, validateAnswers, withFieldOrder } from './forms.js';

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
    expect(() => checkProtocolForm({ jsonSchema, uiSchema: { steps: {} } }, 'visitForm')).toThrow(
      /visitForm.uiSchema.steps must be array/,
    );
    expect(() =>
      checkProtocolForm({ jsonSchema, uiSchema: { steps: [{ fields: ['a'] }] } }, 'visitForm'),
    ).toThrow(/must have required property 'title'/);
  });

  it('validates the whole answers, whatever the steps', () => {
    const form = { id: 1, jsonSchema, updatedAt: new Date(0) };
    expect(() => validateAnswers(form, { a: 2, b: 'x' }, 'visit')).not.toThrow();
    expect(() => validateAnswers(form, { b: 'x' }, 'visit')).toThrow(/customData.a/);
    expect(() => validateAnswers(form, { a: 1, c: 'yes' }, 'visit')).toThrow(
      /customData.c must be boolean/,
    );
    expect(() => validateAnswers(null, { a: 1 }, 'site')).toThrow(/no site form/);
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
