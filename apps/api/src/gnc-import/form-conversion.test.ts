import { describe, expect, it } from 'vitest';
import { checkProtocolForm } from '../sites/forms.js';
import { validateCustomData } from '../observations/custom-data.js';
import { conditionSchema } from './form-condition.js';
import { convertGncForm } from './form-conversion.js';

/** GeoNature-citizen's swallow nest sample, as its t_custom_form.json_schema holds it. */
const NESTS = {
  schema: {
    type: 'object',
    required: ['type_obs', 'nb_nids_occupes'],
    properties: {
      type_obs: { type: 'string', title: 'Type', enum: ['nid', 'oiseau'] },
      type_nid: { type: 'string', enum: ['naturel', 'artificiel'] },
      nb_nids_occupes: { type: 'integer', minimum: 0 },
      situation_oiseau: { type: 'string', enum: ['vol', 'pose'] },
      remarque: { type: 'string' },
    },
  },
  form: [
    {
      key: 'type_obs',
      type: 'radios',
      title: "Type d'observation",
      titleMap: [
        { value: 'nid', name: 'Un nid' },
        { value: 'oiseau', name: 'Un oiseau' },
      ],
    },
    {
      type: 'section',
      title: 'Le nid',
      condition: "model.type_obs=='nid'",
      items: [{ key: 'type_nid', type: 'select' }, 'nb_nids_occupes'],
    },
    { key: 'situation_oiseau', condition: "type_obs == 'oiseau'", htmlClass: 'col-6' },
    { key: 'remarque', type: 'textarea', description: '<b>Libre</b>' },
    { type: 'submit', title: 'OK' },
  ],
};

const validate = (form: ReturnType<typeof convertGncForm>, data: Record<string, unknown>) => () =>
  validateCustomData({ id: -1, jsonSchema: form.jsonSchema, version: JSON.stringify(form) }, data);

describe('GeoNature-citizen custom forms', () => {
  it('carry widgets, labels and field order over to the uiSchema and enumNames', () => {
    const form = convertGncForm(NESTS, { steps: false });
    expect(form.uiSchema['ui:order']).toEqual([
      'type_obs',
      'type_nid',
      'nb_nids_occupes',
      'situation_oiseau',
      'remarque',
    ]);
    expect(form.uiSchema.type_obs).toEqual({ 'ui:widget': 'radio' });
    expect(form.uiSchema.type_nid).toEqual({ 'ui:widget': 'select' });
    expect(form.uiSchema.remarque).toEqual({ 'ui:widget': 'textarea', 'ui:help': 'Libre' });
    const properties = form.jsonSchema.properties as Record<string, Record<string, unknown>>;
    expect(properties.type_obs).toMatchObject({
      title: "Type d'observation",
      enumNames: ['Un nid', 'Un oiseau'],
    });
  });

  it('turn conditions into if/then, so a field is asked for only when it applies', () => {
    const form = convertGncForm(NESTS, { steps: false });
    const properties = form.jsonSchema.properties as Record<string, unknown>;
    expect(Object.keys(properties)).toEqual(['type_obs', 'remarque']);
    expect(form.jsonSchema.required).toEqual(['type_obs']);
    expect(validate(form, { type_obs: 'oiseau', situation_oiseau: 'vol' })).not.toThrow();
    // nb_nids_occupes was required: now only for a nest.
    expect(validate(form, { type_obs: 'nid', type_nid: 'naturel' })).toThrow(/nb_nids_occupes/);
    expect(validate(form, { type_obs: 'nid', nb_nids_occupes: -1 })).toThrow(/nb_nids_occupes/);
    expect(validate(form, { type_obs: 'nid', nb_nids_occupes: 2 })).not.toThrow();
  });

  it('report what Citizen cannot show instead of dropping it silently', () => {
    const { problems } = convertGncForm(NESTS, { steps: false });
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/section "Le nid": its title is not kept/),
        expect.stringMatching(/submit item ignored/),
      ]),
    );
    const odd = convertGncForm(
      {
        schema: { type: 'object', properties: { a: { type: 'string' }, b: { type: 'string' } } },
        form: [
          { key: 'a', condition: 'model.a.length > 3' },
          { key: 'ghost' },
          { key: 'b', type: 'colorpicker' },
        ],
      },
      { steps: false },
    );
    expect(odd.problems).toEqual([
      'field "a": condition "model.a.length > 3" could not be converted; the field is always shown',
      'layout names "ghost", which is not a property of the schema',
      'field "b": widget "colorpicker" is not known to Citizen; the default one is used',
    ]);
    expect(convertGncForm({ form: [] }, { steps: false }).problems).toEqual([
      'the form has no JSON Schema ("schema")',
    ]);
  });

  it('keep the steps of a site form as Citizen steps, which a visit form accepts', () => {
    const ponds = {
      schema: {
        type: 'object',
        required: ['eau'],
        properties: {
          eau: { type: 'string', enum: ['oui', 'non'] },
          faune: { type: 'array', items: { type: 'string', enum: ['grenouille', 'triton'] } },
        },
      },
      steps: [
        {
          title: 'Hydrologie',
          description: "L'<i>eau</i>",
          layout: [{ key: 'eau', type: 'radios' }],
        },
        {
          title: 'Faune',
          layout: [
            {
              key: 'faune',
              type: 'checkboxes',
              titleMap: { grenouille: 'Grenouille', triton: 'Triton' },
            },
          ],
        },
      ],
    };
    const visit = convertGncForm(ponds, { steps: true });
    expect(visit.uiSchema.steps).toEqual([
      { title: 'Hydrologie', description: "L' eau", fields: ['eau'] },
      { title: 'Faune', fields: ['faune'] },
    ]);
    expect(visit.problems).toEqual([]);
    expect(() => checkProtocolForm(visit, 'visitForm')).not.toThrow();
    const items = (visit.jsonSchema.properties as Record<string, { items: unknown }>).faune!.items;
    expect(items).toMatchObject({ enumNames: ['Grenouille', 'Triton'] });
    const observation = convertGncForm(ponds, { steps: false });
    expect(observation.uiSchema.steps).toBeUndefined();
    expect(observation.problems).toEqual([
      '2 steps shown as one form: Citizen splits only visit forms into steps',
    ]);
  });
});

describe('layout conditions', () => {
  it('understand comparisons, truthiness and one kind of && or ||', () => {
    expect(conditionSchema("model.a == 'x'")).toEqual({
      properties: { a: { const: 'x' } },
      required: ['a'],
    });
    expect(conditionSchema('3 === n')).toEqual({
      properties: { n: { const: 3 } },
      required: ['n'],
    });
    expect(conditionSchema('n >= 2')).toEqual({
      properties: { n: { type: 'number', minimum: 2 } },
      required: ['n'],
    });
    expect(conditionSchema("a != 'x' || !b")).toMatchObject({ anyOf: [{}, { not: {} }] });
    for (const unknown of ['(a)', "a == 'x' && b || c", 'a + 1 == 2', '', 42]) {
      expect(conditionSchema(unknown)).toBeNull();
    }
  });
});
