import { describe, expect, it } from 'vitest';
import type { JsonSchema, UiSchema } from '../forms/schema';
import {
  customFieldId,
  errorsPerStep,
  firstStepWithError,
  formSteps,
  inFormOrder,
  stepOfError,
  topLevelField,
} from './steps';

/** A pond visit: water in the first step, life in the second; a condition adds a field. */
const schema: JsonSchema = {
  type: 'object',
  required: ['waterLevel'],
  properties: {
    waterLevel: { type: 'string', enum: ['dry', 'low', 'normal'] },
    temperature: { type: 'number' },
    eggMasses: { type: 'integer' },
    notes: { type: 'string' },
    observer: { type: 'string' },
  },
  if: { properties: { waterLevel: { const: 'dry' } }, required: ['waterLevel'] },
  then: { properties: { dryFor: { type: 'integer', title: 'Dry for (days)' } } },
};
const ui: UiSchema = {
  steps: [
    { title: 'Water', description: 'Look first', fields: ['waterLevel', 'temperature'] },
    { title: 'Life', fields: ['notes', 'eggMasses'] },
  ],
};

describe('form steps', () => {
  it('is null for a form without steps (or without a form)', () => {
    expect(formSteps(schema, undefined, {})).toBeNull();
    expect(formSteps(schema, { steps: [] }, {})).toBeNull();
    expect(formSteps(schema, { steps: 'water' }, {})).toBeNull();
    expect(formSteps(undefined, ui, {})).toBeNull();
  });

  it('keeps each step’s fields in its own order, and puts the fields no step names last', () => {
    expect(formSteps(schema, ui, {})).toEqual([
      { title: 'Water', description: 'Look first', fields: ['waterLevel', 'temperature'] },
      { title: 'Life', description: undefined, fields: ['notes', 'eggMasses', 'observer'] },
    ]);
  });

  it('follows the answers: a field a condition adds goes to the last step', () => {
    const steps = formSteps(schema, ui, { waterLevel: 'dry' })!;
    expect(steps[1]!.fields).toEqual(['notes', 'eggMasses', 'observer', 'dryFor']);
  });

  it('leaves out fields a step names that the form does not show, and keeps the empty step', () => {
    const steps = formSteps(
      schema,
      {
        steps: [
          { title: 'Gone', fields: ['colour'] },
          { title: 'Water', fields: ['waterLevel'] },
        ],
      },
      {},
    )!;
    expect(steps.map((step) => step.fields)).toEqual([
      [],
      ['waterLevel', 'temperature', 'eggMasses', 'notes', 'observer'],
    ]);
  });

  it('ignores malformed steps', () => {
    const steps = formSteps(schema, { steps: [{ title: 'Water', fields: ['waterLevel'] }, 3] }, {});
    expect(steps?.map((step) => step.title)).toEqual(['Water']);
  });
});

describe('answers in the form’s order', () => {
  const names = (s: JsonSchema) => Object.keys(s.properties ?? {});

  it('follows the steps, then ui:order, then the schema', () => {
    expect(names(inFormOrder(schema, ui))).toEqual([
      'waterLevel',
      'temperature',
      'notes',
      'eggMasses',
      'observer',
    ]);
    expect(names(inFormOrder(schema, { 'ui:order': ['observer', '*', 'unknown'] }))).toEqual([
      'observer',
      'waterLevel',
      'temperature',
      'eggMasses',
      'notes',
    ]);
    expect(inFormOrder({ type: 'string' }, ui)).toEqual({ type: 'string' });
  });
});

describe('errors and steps', () => {
  const steps = formSteps(schema, ui, {})!;

  it('finds the step of the field an API error names, nested or not', () => {
    expect(topLevelField('customData.notes')).toBe('notes');
    expect(topLevelField('customData.nest.height')).toBe('nest');
    expect(topLevelField('visitedOn')).toBeUndefined();
    expect(topLevelField('customData')).toBeUndefined();
    expect(stepOfError(steps, 'customData.temperature')).toBe(0);
    expect(stepOfError(steps, 'customData.eggMasses')).toBe(1);
    expect(stepOfError(steps, 'customData.observer.name')).toBe(1);
    expect(stepOfError(steps, 'visitedOn')).toBe(-1);
    expect(stepOfError(steps, 'customData.unknown')).toBe(-1);
  });

  it('counts the errors of each step and finds the first step to show', () => {
    const errors = {
      'customData.notes': 'must be string',
      'customData.eggMasses': 'must be integer',
      visitedOn: 'must not be in the future',
    };
    expect(errorsPerStep(steps, errors)).toEqual([0, 2]);
    expect(firstStepWithError(steps, errors)).toBe(1);
    expect(firstStepWithError(steps, { visitedOn: 'x' })).toBe(-1);
  });

  it('names the control SchemaField draws for a field', () => {
    expect(customFieldId('customData.waterLevel')).toBe('cf-waterLevel');
    expect(customFieldId('customData.nest.height')).toBe('cf-nest-height');
    expect(customFieldId('customData.items.0')).toBe('cf-items-0');
    expect(customFieldId('customData.a b')).toBe('cf-a_b');
  });
});
