/**
 * The form builder's model: a custom form as a list of simple fields, and the changes made to it
 * (stored-form.ts converts it to and from the JSON Schema that programmes and site types store).
 * Pure functions, so that the visual editor, the raw JSON editor and the tests share them.
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
