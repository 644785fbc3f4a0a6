/**
 * The builder's form and the stored one (a JSON Schema + uiSchema, CustomForm in @citizen/shared),
 * each from the other. A schema the builder cannot show (conditions, nested objects, $refs...) is
 * left to the raw JSON editor: `fromForm` says why.
 */
import {
  emptyForm,
  type BuilderField,
  type BuilderForm,
  type BuilderStep,
  type ChoiceOption,
  type StoredForm,
} from './model';

// ---- Builder -> JSON Schema ------------------------------------------------------------------

/** The stored form: a JSON Schema of an object with the fields, and the layout hints. */
export function toForm(form: BuilderForm): StoredForm {
  const properties: Record<string, Record<string, unknown>> = {};
  const uiSchema: Record<string, unknown> = {};
  for (const field of form.fields) {
    properties[field.name] = fieldSchema(field);
    const ui: Record<string, unknown> = {};
    if (field.kind === 'longText') ui['ui:widget'] = 'textarea';
    if (Object.keys(ui).length) uiSchema[field.name] = ui;
  }
  const required = form.fields.filter((field) => field.required).map((field) => field.name);
  const jsonSchema: Record<string, unknown> = {
    type: 'object',
    ...(form.title.trim() && { title: form.title.trim() }),
    ...(form.description.trim() && { description: form.description.trim() }),
    properties,
    ...(required.length && { required }),
  };
  // Stored as jsonb, the properties lose their order: ui:order keeps it.
  uiSchema['ui:order'] = form.fields.map((field) => field.name);
  if (form.steps) {
    uiSchema.steps = form.steps.map((step) => ({
      title: step.title.trim(),
      ...(step.description.trim() && { description: step.description.trim() }),
      // The step's fields in the form's order.
      fields: form.fields.map((field) => field.name).filter((name) => step.fields.includes(name)),
    }));
  }
  return { jsonSchema, uiSchema };
}

function fieldSchema(field: BuilderField): Record<string, unknown> {
  const common = {
    title: field.title.trim(),
    ...(field.help.trim() && { description: field.help.trim() }),
  };
  switch (field.kind) {
    case 'text':
    case 'longText':
      return { type: 'string', ...common };
    case 'date':
      return { type: 'string', format: 'date', ...common };
    case 'boolean':
      return { type: 'boolean', ...common };
    case 'number':
    case 'integer':
      return {
        type: field.kind,
        ...common,
        ...(field.minimum !== null && { minimum: field.minimum }),
        ...(field.maximum !== null && { maximum: field.maximum }),
      };
    case 'choice': {
      const choices = {
        type: 'string',
        enum: field.options.map((option) => option.value),
        enumNames: field.options.map((option) => option.label),
      };
      return field.multiple
        ? { type: 'array', ...common, items: choices, uniqueItems: true }
        : { ...choices, ...common };
    }
  }
}

// ---- JSON Schema -> builder ------------------------------------------------------------------

/** Why a schema is left to the raw editor. */
export type Unsupported =
  | { code: 'notObject' }
  | { code: 'keyword'; keyword: string; field?: string }
  | { code: 'fieldType'; field: string };

export type FromFormResult = { ok: true; form: BuilderForm } | { ok: false; reason: Unsupported };

const FORM_KEYWORDS = new Set([
  'type',
  'title',
  'description',
  'properties',
  'required',
  '$schema',
  'additionalProperties',
]);
const FIELD_KEYWORDS = new Set([
  'type',
  'title',
  'description',
  'format',
  'minimum',
  'maximum',
  'enum',
  'enumNames',
  'oneOf',
  'items',
  'uniqueItems',
]);

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The builder's view of a stored form, or why it has none (edit it as JSON then). */
export function fromForm(stored: StoredForm | null | undefined): FromFormResult {
  if (!stored) return { ok: true, form: emptyForm() };
  const schema = stored.jsonSchema;
  const ui = isRecord(stored.uiSchema) ? stored.uiSchema : {};
  if (!isRecord(schema) || (schema.type !== undefined && schema.type !== 'object'))
    return { ok: false, reason: { code: 'notObject' } };
  for (const keyword of Object.keys(schema))
    if (!FORM_KEYWORDS.has(keyword)) return { ok: false, reason: { code: 'keyword', keyword } };
  const properties = isRecord(schema.properties) ? schema.properties : {};
  const required = new Set(Array.isArray(schema.required) ? schema.required : []);

  const fields: BuilderField[] = [];
  for (const [name, property] of Object.entries(properties)) {
    const field = readField(name, property, required.has(name), ui[name]);
    if ('code' in field) return { ok: false, reason: field };
    fields.push(field);
  }
  const order = Array.isArray(ui['ui:order']) ? (ui['ui:order'] as unknown[]) : [];
  const rank = (name: string) => {
    const index = order.indexOf(name);
    return index === -1 ? order.length : index;
  };
  fields.sort((a, b) => rank(a.name) - rank(b.name));

  let steps: BuilderStep[] | null = null;
  if (Array.isArray(ui.steps)) {
    steps = ui.steps.filter(isRecord).map((step) => ({
      title: typeof step.title === 'string' ? step.title : '',
      description: typeof step.description === 'string' ? step.description : '',
      fields: Array.isArray(step.fields)
        ? step.fields.filter((name): name is string => typeof name === 'string')
        : [],
    }));
  }
  return {
    ok: true,
    form: {
      title: typeof schema.title === 'string' ? schema.title : '',
      description: typeof schema.description === 'string' ? schema.description : '',
      fields,
      steps,
    },
  };
}

function readField(
  name: string,
  property: unknown,
  required: boolean,
  ui: unknown,
): BuilderField | Unsupported {
  if (!isRecord(property)) return { code: 'fieldType', field: name };
  for (const keyword of Object.keys(property))
    if (!FIELD_KEYWORDS.has(keyword)) return { code: 'keyword', keyword, field: name };
  const widget = isRecord(ui) ? ui['ui:widget'] : undefined;
  const base: BuilderField = {
    name,
    kind: 'text',
    title: typeof property.title === 'string' ? property.title : '',
    help: typeof property.description === 'string' ? property.description : '',
    required,
    minimum: null,
    maximum: null,
    options: [],
    multiple: false,
  };
  const number = (value: unknown) => (typeof value === 'number' ? value : null);

  if (property.type === 'array') {
    if (!isRecord(property.items)) return { code: 'fieldType', field: name };
    const options = readOptions(property.items);
    if (!options || property.items.type !== 'string') return { code: 'fieldType', field: name };
    return { ...base, kind: 'choice', options, multiple: true };
  }
  const options = readOptions(property);
  if (!options && (property.enum !== undefined || property.oneOf !== undefined))
    return { code: 'fieldType', field: name };
  if (options) {
    if (property.type !== 'string') return { code: 'fieldType', field: name };
    return { ...base, kind: 'choice', options };
  }
  if (property.items !== undefined || property.uniqueItems !== undefined)
    return { code: 'fieldType', field: name };
  switch (property.type) {
    case 'string':
      if (property.format === 'date') return { ...base, kind: 'date' };
      if (property.format !== undefined) return { code: 'fieldType', field: name };
      return { ...base, kind: widget === 'textarea' ? 'longText' : 'text' };
    case 'boolean':
      return { ...base, kind: 'boolean' };
    case 'number':
    case 'integer':
      return {
        ...base,
        kind: property.type,
        minimum: number(property.minimum),
        maximum: number(property.maximum),
      };
    default:
      return { code: 'fieldType', field: name };
  }
}

/** enum (+ enumNames) or oneOf of const + title, with string values; else undefined. */
function readOptions(schema: Record<string, unknown>): ChoiceOption[] | undefined {
  if (Array.isArray(schema.enum)) {
    if (!schema.enum.every((value) => typeof value === 'string')) return undefined;
    const names = Array.isArray(schema.enumNames) ? schema.enumNames : [];
    return (schema.enum as string[]).map((value, index) => ({
      value,
      label: typeof names[index] === 'string' ? (names[index] as string) : value,
    }));
  }
  if (Array.isArray(schema.oneOf)) {
    const options: ChoiceOption[] = [];
    for (const option of schema.oneOf) {
      if (!isRecord(option) || typeof option.const !== 'string') return undefined;
      options.push({
        value: option.const,
        label: typeof option.title === 'string' ? option.title : option.const,
      });
    }
    return options;
  }
  return undefined;
}

// ---- Raw JSON --------------------------------------------------------------------------------

export type ParsedJson =
  | { ok: true; value: Record<string, unknown> }
  | { ok: false; error: 'syntax'; detail: string }
  | { ok: false; error: 'notObject' };

/** The text of the raw editor as a JSON object, or what is wrong with it. */
export function parseJsonObject(text: string): ParsedJson {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    return { ok: false, error: 'syntax', detail: (cause as Error).message };
  }
  return isRecord(value) ? { ok: true, value } : { ok: false, error: 'notObject' };
}

export const formatJson = (value: unknown): string => JSON.stringify(value ?? {}, null, 2);
