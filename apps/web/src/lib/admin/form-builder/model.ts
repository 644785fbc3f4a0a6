/**
 * The form builder's model: a custom form as a list of simple fields, and the conversions to and
 * from the JSON Schema (+ uiSchema) that programmes and site types store. Pure functions, so that
 * the visual editor, the raw JSON editor and the tests share them.
 *
 * The builder handles flat forms: text, long text, number, integer, yes/no, date and choices (one
 * or several), each with a title, an optional help text and a required flag, and optional steps
 * (`uiSchema.steps`, the site protocols' long forms). A schema with anything else (conditions,
 * nested objects, $refs...) is left to the raw editor: `fromForm` says why it cannot take it.
 */

export const FIELD_KINDS = [
  'text',
  'longText',
  'number',
  'integer',
  'boolean',
  'choice',
  'date',
] as const;
export type FieldKind = (typeof FIELD_KINDS)[number];

export interface ChoiceOption {
  value: string;
  label: string;
}

export interface BuilderField {
  /** The answer's key in customData (and the column in exports). */
  name: string;
  kind: FieldKind;
  title: string;
  /** Help shown under the field. */
  help: string;
  required: boolean;
  /** number and integer only. */
  minimum: number | null;
  maximum: number | null;
  /** choice only. */
  options: ChoiceOption[];
  /** choice only: several answers (check boxes) rather than one. */
  multiple: boolean;
}

export interface BuilderStep {
  title: string;
  description: string;
  /** Names of the fields shown in this step, in order. */
  fields: string[];
}

export interface BuilderForm {
  /** The form's heading (the observation form's "More" section title). */
  title: string;
  description: string;
  fields: BuilderField[];
  /** null: one page. Otherwise every field is in exactly one step. */
  steps: BuilderStep[] | null;
}

/** What programmes and site types store (CustomForm in @citizen/shared). */
export interface StoredForm {
  jsonSchema: Record<string, unknown>;
  uiSchema?: Record<string, unknown> | undefined;
}

export const emptyForm = (): BuilderForm => ({
  title: '',
  description: '',
  fields: [],
  steps: null,
});

export function newField(kind: FieldKind, existing: readonly BuilderField[]): BuilderField {
  return {
    name: uniqueName('field', existing),
    kind,
    title: '',
    help: '',
    required: false,
    minimum: null,
    maximum: null,
    options: [],
    multiple: false,
  };
}

// ---- Names -----------------------------------------------------------------------------------

/** "Nest height (m)" -> "nestHeightM": a key for customData from a field's title. */
export function nameFromTitle(title: string): string {
  const words = title
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter(Boolean)
    .map((word) => word.toLowerCase());
  const name = words
    .map((word, index) => (index === 0 ? word : word.charAt(0).toUpperCase() + word.slice(1)))
    .join('')
    .slice(0, 60);
  return /^[a-z]/.test(name) ? name : `field${name ? `_${name}` : ''}`;
}

/** `base`, or `base2`, `base3`... whichever no other field uses. */
export function uniqueName(
  base: string,
  existing: readonly { name: string }[],
  except?: { name: string },
): string {
  const taken = new Set(existing.filter((field) => field !== except).map((field) => field.name));
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}${n}`)) return `${base}${n}`;
}

/** A choice's stored value from its label: "Nesting pair" -> "nesting-pair". */
export function valueFromLabel(label: string): string {
  const value = label
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return value || 'option';
}

// ---- Changes (each returns a new form) -------------------------------------------------------

export function addField(form: BuilderForm, kind: FieldKind): BuilderForm {
  const field = newField(kind, form.fields);
  const steps = form.steps?.map((step, index, all) =>
    index === all.length - 1 ? { ...step, fields: [...step.fields, field.name] } : step,
  );
  return { ...form, fields: [...form.fields, field], steps: steps ?? null };
}

export function removeField(form: BuilderForm, index: number): BuilderForm {
  const name = form.fields[index]?.name;
  return {
    ...form,
    fields: form.fields.filter((_, i) => i !== index),
    steps:
      form.steps?.map((step) => ({ ...step, fields: step.fields.filter((f) => f !== name) })) ??
      null,
  };
}

/** Moves a field up (-1) or down (+1). */
export function moveField(form: BuilderForm, index: number, delta: -1 | 1): BuilderForm {
  const target = index + delta;
  if (target < 0 || target >= form.fields.length) return form;
  const fields = [...form.fields];
  [fields[index], fields[target]] = [fields[target]!, fields[index]!];
  return { ...form, fields };
}

/** Changes a field; a new name is followed in the steps. */
export function updateField(
  form: BuilderForm,
  index: number,
  change: Partial<BuilderField>,
): BuilderForm {
  const before = form.fields[index];
  if (!before) return form;
  const after = { ...before, ...change };
  return {
    ...form,
    fields: form.fields.map((field, i) => (i === index ? after : field)),
    steps:
      form.steps?.map((step) => ({
        ...step,
        fields: step.fields.map((name) => (name === before.name ? after.name : name)),
      })) ?? null,
  };
}

/** Puts a field in a step (and out of the others). */
export function setFieldStep(form: BuilderForm, name: string, stepIndex: number): BuilderForm {
  if (!form.steps) return form;
  return {
    ...form,
    steps: form.steps.map((step, i) => ({
      ...step,
      fields:
        i === stepIndex
          ? [...step.fields.filter((f) => f !== name), name]
          : step.fields.filter((f) => f !== name),
    })),
  };
}

/** Splits the form into steps (all fields in a first step), or back into one page. */
export function withSteps(form: BuilderForm, on: boolean, firstTitle: string): BuilderForm {
  if (!on) return { ...form, steps: null };
  if (form.steps) return form;
  return {
    ...form,
    steps: [{ title: firstTitle, description: '', fields: form.fields.map((f) => f.name) }],
  };
}

export function addStep(form: BuilderForm, title: string): BuilderForm {
  return { ...form, steps: [...(form.steps ?? []), { title, description: '', fields: [] }] };
}

/** Removes a step; its fields go to the step before (or after, for the first). */
export function removeStep(form: BuilderForm, index: number): BuilderForm {
  if (!form.steps || form.steps.length <= 1) return { ...form, steps: null };
  const removed = form.steps[index]!;
  const heir = index === 0 ? 1 : index - 1;
  const steps = form.steps.map((step, i) =>
    i === heir ? { ...step, fields: [...step.fields, ...removed.fields] } : step,
  );
  return { ...form, steps: steps.filter((_, i) => i !== index) };
}

/** The index of the step a field is in, or -1. */
export const stepOf = (form: BuilderForm, name: string): number =>
  form.steps?.findIndex((step) => step.fields.includes(name)) ?? -1;

// ---- Checking --------------------------------------------------------------------------------

export type Problem =
  | { code: 'noTitle'; field: number }
  | { code: 'badName'; field: number }
  | { code: 'duplicateName'; field: number }
  | { code: 'noOptions'; field: number }
  | { code: 'emptyOption'; field: number; option: number }
  | { code: 'duplicateOption'; field: number; option: number }
  | { code: 'minAboveMax'; field: number }
  | { code: 'stepNoTitle'; step: number }
  | { code: 'stepEmpty'; step: number }
  | { code: 'fieldInNoStep'; field: number };

/** What keeps the form from being saved, in the order of the fields. */
export function problems(form: BuilderForm): Problem[] {
  const found: Problem[] = [];
  const seen = new Set<string>();
  form.fields.forEach((field, index) => {
    if (!field.title.trim()) found.push({ code: 'noTitle', field: index });
    if (!/^[A-Za-z_][A-Za-z0-9_-]*$/.test(field.name))
      found.push({ code: 'badName', field: index });
    else if (seen.has(field.name)) found.push({ code: 'duplicateName', field: index });
    seen.add(field.name);
    if (field.kind === 'choice') {
      if (field.options.length === 0) found.push({ code: 'noOptions', field: index });
      const values = new Set<string>();
      field.options.forEach((option, o) => {
        if (!option.label.trim() || !option.value.trim())
          found.push({ code: 'emptyOption', field: index, option: o });
        else if (values.has(option.value))
          found.push({ code: 'duplicateOption', field: index, option: o });
        values.add(option.value);
      });
    }
    if (
      (field.kind === 'number' || field.kind === 'integer') &&
      field.minimum !== null &&
      field.maximum !== null &&
      field.minimum > field.maximum
    ) {
      found.push({ code: 'minAboveMax', field: index });
    }
  });
  if (form.steps) {
    form.steps.forEach((step, index) => {
      if (!step.title.trim()) found.push({ code: 'stepNoTitle', step: index });
      if (!step.fields.some((name) => form.fields.some((field) => field.name === name)))
        found.push({ code: 'stepEmpty', step: index });
    });
    const placed = new Set(form.steps.flatMap((step) => step.fields));
    form.fields.forEach((field, index) => {
      if (!placed.has(field.name)) found.push({ code: 'fieldInNoStep', field: index });
    });
  }
  return found;
}

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

/** The same form, field order included (jsonb sorts keys: compare the uiSchema's order too). */
export function sameForm(a: StoredForm | null, b: StoredForm | null): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
