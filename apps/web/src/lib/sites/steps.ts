import type { FormStep } from '@citizen/shared';
import { isObject, resolveObject, type JsonSchema, type UiSchema } from '../forms/schema';

/**
 * Long protocol forms come in steps (`uiSchema.steps`, see FormStep): the form shows one step
 * at a time, and the server checks the whole answers at the end. These decide what each step
 * shows and where the server's errors belong.
 */

export interface Step {
  title: string;
  description: string | undefined;
  /** The top-level fields the step shows now, in order. */
  fields: string[];
}

function readSteps(ui: UiSchema | undefined): FormStep[] {
  const steps = ui?.steps;
  if (!Array.isArray(steps)) return [];
  return steps.filter(
    (step): step is FormStep =>
      isObject(step) &&
      typeof step.title === 'string' &&
      Array.isArray(step.fields) &&
      step.fields.every((field) => typeof field === 'string'),
  );
}

/**
 * The steps of a form given its current answers, or null for a form shown all at once. A step
 * keeps its fields in its own order, without those that conditions hide; fields no step names
 * (added by a condition, or forgotten) go to the last step, so that every field can be answered.
 * A step whose fields are all hidden stays, empty: steps keep their numbers while one answers.
 */
export function formSteps(
  schema: JsonSchema | undefined,
  ui: UiSchema | undefined,
  value: unknown,
): Step[] | null {
  const declared = readSteps(ui);
  if (!schema || declared.length === 0) return null;
  const shown = resolveObject(schema, value, schema, ui).properties.map(([name]) => name);
  const visible = new Set(shown);
  const named = new Set(declared.flatMap((step) => step.fields));
  const steps: Step[] = declared.map((step) => ({
    title: step.title,
    description: step.description,
    fields: [...new Set(step.fields)].filter((field) => visible.has(field)),
  }));
  steps.at(-1)!.fields.push(...shown.filter((field) => !named.has(field)));
  return steps;
}

/**
 * The form's schema with its top-level fields in the order the person filled them in: the steps'
 * order, else `ui:order`, else the schema's. Answers come back from the database in another order
 * (jsonb sorts keys), so the pages that show them put them back in this one.
 */
export function inFormOrder(schema: JsonSchema, ui: UiSchema | undefined): JsonSchema {
  const properties = schema.properties;
  if (!properties) return schema;
  const order = ui?.['ui:order'];
  const names = [
    ...readSteps(ui).flatMap((step) => step.fields),
    ...(Array.isArray(order) ? order : []),
    ...Object.keys(properties),
  ].filter((name) => Object.hasOwn(properties, name));
  return {
    ...schema,
    properties: Object.fromEntries([...new Set(names)].map((name) => [name, properties[name]!])),
  };
}

/** The top-level field an API error names ('customData.nest.height' → 'nest'), if any. */
export function topLevelField(errorField: string): string | undefined {
  if (!errorField.startsWith('customData.')) return undefined;
  return errorField.slice('customData.'.length).split('.')[0] || undefined;
}

/** The step holding the field an API error names, or -1 (an error outside the custom form). */
export function stepOfError(steps: Step[], errorField: string): number {
  const field = topLevelField(errorField);
  if (field === undefined) return -1;
  return steps.findIndex((step) => step.fields.includes(field));
}

/** How many of the API's errors fall in each step. */
export function errorsPerStep(steps: Step[], errors: Record<string, string>): number[] {
  const counts = steps.map(() => 0);
  for (const field of Object.keys(errors)) {
    const index = stepOfError(steps, field);
    if (index >= 0) counts[index]! += 1;
  }
  return counts;
}

/** The first step with an error, or -1. */
export function firstStepWithError(steps: Step[], errors: Record<string, string>): number {
  return errorsPerStep(steps, errors).findIndex((count) => count > 0);
}

/**
 * The id SchemaField gives the control of a custom field, from the API's name for it
 * ('customData.nest.height' → 'cf-nest-height'), so that an error summary can link to it.
 */
export function customFieldId(errorField: string): string {
  return `cf-${errorField
    .slice('customData.'.length)
    .split('.')
    .map((part) => part.replace(/[^A-Za-z0-9_-]/g, '_'))
    .join('-')}`;
}
