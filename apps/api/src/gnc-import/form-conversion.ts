import { conditionSchema, type ConditionSchema } from './form-condition.js';

/**
 * Converts a GeoNature-citizen custom form (`t_custom_form.json_schema`: `{schema, form}` or
 * `{schema, steps: [{title, description, layout}]}` for the Angular JSON Schema Form renderer)
 * into a Citizen form: the JSON Schema (conditions as if/then) and a uiSchema in
 * react-jsonschema-form's style (`ui:widget`, `ui:help`, `ui:placeholder`, `ui:order`, `steps`).
 * Whatever has no Citizen equivalent is listed in `problems`, one line each, never dropped
 * silently.
 */
export type ConvertedForm = {
  jsonSchema: Record<string, unknown>;
  uiSchema: Record<string, unknown>;
  problems: string[];
};

type Json = Record<string, unknown>;
type Step = { title: string; description?: string; fields: string[] };

const WIDGETS: Record<string, string | null> = {
  textarea: 'textarea',
  radios: 'radio',
  radio: 'radio',
  radiobuttons: 'radio',
  'radios-inline': 'radio',
  select: 'select',
  checkboxes: 'checkboxes',
  'checkboxes-inline': 'checkboxes',
  // The field's own type decides these in Citizen too.
  text: null,
  string: null,
  number: null,
  integer: null,
  checkbox: null,
  boolean: null,
  email: null,
  date: null,
  url: null,
};
const CONTAINERS = new Set(['section', 'fieldset', 'flex', 'div', 'tabs', 'tab']);
/** Presentation only (CSS classes, the renderer's own buttons): nothing to carry over. */
const COSMETIC = new Set([
  'htmlClass',
  'fieldHtmlClass',
  'labelHtmlClass',
  'htmlType',
  'notitle',
  'expandable',
  'expanded',
  'flex-flow',
  'flex-direction',
  'displayFlex',
  'fxLayout',
  'fxLayoutGap',
]);
const HANDLED = new Set([
  'key',
  'type',
  'title',
  'titleMap',
  'condition',
  'items',
  'description',
  'helpvalue',
  'placeholder',
]);

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export function convertGncForm(stored: unknown, options: { steps: boolean }): ConvertedForm {
  const problems: string[] = [];
  const wrapper = isObject(stored) ? stored : {};
  const source = isObject(wrapper.schema)
    ? wrapper.schema
    : isObject(wrapper.properties)
      ? wrapper
      : null;
  if (!source) {
    return {
      jsonSchema: { type: 'object', properties: {} },
      uiSchema: {},
      problems: ['the form has no JSON Schema ("schema")'],
    };
  }
  const schema = structuredClone(source);
  const properties = (isObject(schema.properties) ? schema.properties : {}) as Record<string, Json>;
  const uiSchema: Json = {};
  const order: string[] = [];
  const conditions = new Map<string, { test: ConditionSchema; fields: string[] }>();
  const steps: Step[] = [];

  const uiOf = (key: string): Json => {
    const existing = uiSchema[key];
    if (isObject(existing)) return existing;
    const created: Json = {};
    uiSchema[key] = created;
    return created;
  };

  const place = (key: string, step: Step | null, condition: string | null) => {
    if (!order.includes(key)) order.push(key);
    if (step && !step.fields.includes(key)) step.fields.push(key);
    if (condition === null) return;
    const test = conditionSchema(condition);
    if (!test) {
      problems.push(
        `field "${key}": condition ${JSON.stringify(condition)} could not be converted; the field is always shown`,
      );
      return;
    }
    const entry = conditions.get(condition) ?? { test, fields: [] };
    if (!entry.fields.includes(key)) entry.fields.push(key);
    conditions.set(condition, entry);
  };

  const applyField = (item: Json, key: string) => {
    const property = properties[key];
    if (!property) {
      problems.push(`layout names "${key}", which is not a property of the schema`);
      return false;
    }
    const ui = uiOf(key);
    const type = typeof item.type === 'string' ? item.type : null;
    if (type !== null) {
      if (!(type in WIDGETS))
        problems.push(
          `field "${key}": widget "${type}" is not known to Citizen; the default one is used`,
        );
      else if (WIDGETS[type]) ui['ui:widget'] = WIDGETS[type];
    }
    if (typeof item.title === 'string' && item.title.trim()) property.title = item.title;
    if (item.titleMap !== undefined) applyTitleMap(key, property, item.titleMap, problems);
    const help = item.description ?? item.helpvalue;
    if (typeof help === 'string' && help.trim()) ui['ui:help'] = stripTags(help);
    if (typeof item.placeholder === 'string') ui['ui:placeholder'] = item.placeholder;
    if (Object.keys(ui).length === 0) delete uiSchema[key];
    return true;
  };

  const walk = (items: unknown, step: Step | null, inherited: string | null, where: string) => {
    if (!Array.isArray(items)) return;
    for (const item of items) {
      if (typeof item === 'string') {
        if (item === '*') Object.keys(properties).forEach((key) => place(key, step, inherited));
        else if (isNested(item))
          problems.push(`layout key "${item}" points inside a field; nested layout is not kept`);
        else if (properties[item]) place(item, step, inherited);
        else problems.push(`layout names "${item}", which is not a property of the schema`);
        continue;
      }
      if (!isObject(item)) {
        problems.push(`${where}: a layout item that is neither a key nor an object was ignored`);
        continue;
      }
      const ownCondition = typeof item.condition === 'string' ? item.condition : null;
      if (item.condition !== undefined && ownCondition === null) {
        problems.push(`${where}: a condition that is not an expression was ignored`);
      }
      const condition = joinConditions(inherited, ownCondition);
      const unknown = Object.keys(item).filter((k) => !HANDLED.has(k) && !COSMETIC.has(k));
      const type = typeof item.type === 'string' ? item.type : null;
      const label =
        typeof item.key === 'string' ? `field "${item.key}"` : type ? `${type} item` : where;
      if (unknown.length > 0)
        problems.push(`${label}: layout options ${unknown.join(', ')} not kept`);
      if (typeof item.key === 'string') {
        if (isNested(item.key)) {
          problems.push(
            `layout key "${item.key}" points inside a field; nested layout is not kept`,
          );
        } else if (applyField(item, item.key)) {
          place(item.key, step, condition);
        }
        continue;
      }
      if (type && CONTAINERS.has(type)) {
        if (typeof item.title === 'string' && item.title.trim()) {
          problems.push(
            `${type} "${item.title}": its title is not kept; its fields are shown in place`,
          );
        }
        walk(item.items, step, condition, `${type} ${JSON.stringify(item.title ?? '')}`);
      } else if (type === 'help') {
        problems.push(
          `help text ${JSON.stringify(stripTags(String(item.helpvalue ?? '')).slice(0, 80))} is not kept`,
        );
      } else if (type === 'submit' || type === 'button' || type === 'actions') {
        problems.push(`${type} item ignored: Citizen's forms have their own buttons`);
      } else {
        problems.push(
          `${where}: layout item of type "${type ?? 'none'}" without a key was ignored`,
        );
      }
    }
  };

  if (Array.isArray(wrapper.steps)) {
    for (const [i, raw] of wrapper.steps.entries()) {
      const s = isObject(raw) ? raw : {};
      const title =
        typeof s.title === 'string' && s.title.trim()
          ? s.title.trim().slice(0, 200)
          : `Step ${i + 1}`;
      const step: Step = { title, fields: [] };
      if (typeof s.description === 'string' && s.description.trim())
        step.description = stripTags(s.description).slice(0, 2000);
      walk(s.layout ?? s.form ?? s.items, step, null, `step "${title}"`);
      if (step.fields.length > 0) steps.push(step);
    }
    if (!options.steps)
      problems.push(
        `${wrapper.steps.length} steps shown as one form: Citizen splits only visit forms into steps`,
      );
  } else {
    walk(wrapper.form ?? wrapper.layout, null, null, 'form');
  }
  // Fields the layout leaves out were not shown by GeoNature-citizen either: keep them at the end.
  const unlisted = Object.keys(properties).filter((key) => !order.includes(key));
  if ((wrapper.form ?? wrapper.layout ?? wrapper.steps) !== undefined && unlisted.length > 0) {
    problems.push(
      `fields ${unlisted.join(', ')} are in the schema but not in the layout; they are shown last`,
    );
  }
  order.push(...unlisted);

  moveConditionalFields(schema, properties, conditions, problems);
  if (order.length > 0) uiSchema['ui:order'] = order;
  if (options.steps && steps.length > 0) uiSchema.steps = steps;
  delete schema.$schema;
  return { jsonSchema: schema, uiSchema, problems };
}

/**
 * A field shown under a condition leaves the top-level properties for the `then` of an if/then
 * (in `allOf`), with its required flag: Citizen shows it, and asks for it, only when it applies.
 */
function moveConditionalFields(
  schema: Json,
  properties: Record<string, Json>,
  conditions: Map<string, { test: ConditionSchema; fields: string[] }>,
  problems: string[],
) {
  if (conditions.size === 0) return;
  const required = Array.isArray(schema.required) ? (schema.required as string[]) : [];
  const allOf = Array.isArray(schema.allOf) ? [...(schema.allOf as unknown[])] : [];
  const moved = new Set<string>();
  for (const { test, fields } of conditions.values()) {
    const then: Json = {
      properties: Object.fromEntries(fields.map((key) => [key, properties[key]])),
    };
    const stillRequired = fields.filter((key) => required.includes(key));
    if (stillRequired.length > 0) then.required = stillRequired;
    allOf.push({ if: test, then });
    fields.forEach((key) => moved.add(key));
  }
  for (const key of moved) delete properties[key];
  schema.allOf = allOf;
  if (required.length > 0) schema.required = required.filter((key) => !moved.has(key));
  if (schema.additionalProperties === false) {
    delete schema.additionalProperties;
    problems.push(
      'additionalProperties: false dropped: it would refuse the answers to conditional fields',
    );
  }
}

/** `titleMap` ([{value, name}] or {value: name}) becomes the labels (`enumNames`) of the choices. */
function applyTitleMap(key: string, property: Json, titleMap: unknown, problems: string[]) {
  const pairs: [unknown, string][] = Array.isArray(titleMap)
    ? titleMap.filter(isObject).map((entry) => [entry.value, String(entry.name ?? entry.value)])
    : isObject(titleMap)
      ? Object.entries(titleMap).map(([value, name]) => [value, String(name)])
      : [];
  if (pairs.length === 0) {
    problems.push(`field "${key}": titleMap is empty or malformed; not kept`);
    return;
  }
  const target = property.type === 'array' && isObject(property.items) ? property.items : property;
  const values = Array.isArray(target.enum) ? target.enum : pairs.map(([value]) => value);
  target.enum = values;
  target.enumNames = values.map((value) => pairs.find(([v]) => v === value)?.[1] ?? String(value));
  const unlisted = pairs.filter(([v]) => !values.includes(v)).map(([v]) => JSON.stringify(v));
  if (unlisted.length > 0) {
    problems.push(
      `field "${key}": titleMap values ${unlisted.join(', ')} are not allowed by the schema; not kept`,
    );
  }
}

const isNested = (key: string) => /[.[\]]/.test(key);

function joinConditions(outer: string | null, inner: string | null): string | null {
  if (outer && inner) return `${outer} && ${inner}`;
  return outer ?? inner;
}

function stripTags(html: string): string {
  return html
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
