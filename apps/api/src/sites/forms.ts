import { Type } from 'typebox';
import { FormStep, type CustomForm } from '@citizen/shared';
import { formProperties } from '../exports/tabular.js';
import { DomainError } from '../http/errors.js';
import { validateAgainst } from '../http/validate.js';
import { checkFormSchema, validateCustomData } from '../observations/custom-data.js';

const Steps = Type.Array(FormStep, { minItems: 1, maxItems: 50 });

/**
 * Checks a site type's form: a JSON Schema Citizen can validate answers with, and, when the
 * uiSchema has `steps`, steps that name the form's top-level properties, each at most once, and
 * every required one somewhere (otherwise the form could never be completed).
 */
export function checkProtocolForm(form: CustomForm, label: 'siteForm' | 'visitForm'): void {
  checkFormSchema(form.jsonSchema, `${label}.jsonSchema`);
  const steps = (form.uiSchema as { steps?: unknown } | undefined)?.steps;
  if (steps === undefined) return;
  const at = `${label}.uiSchema.steps`;
  const checked = validateAgainst(Steps, steps, at);
  const properties = new Set(formProperties(form.jsonSchema));
  const seen = new Set<string>();
  for (const [i, step] of checked.entries()) {
    for (const field of step.fields) {
      if (!properties.has(field)) {
        throw new DomainError('form.stepUnknownField', { step: i + 1, name: field }, { field: at });
      }
      if (seen.has(field)) {
        throw new DomainError('form.fieldInTwoSteps', { name: field }, { field: at });
      }
      seen.add(field);
    }
  }
  const required = (form.jsonSchema as { required?: unknown }).required;
  const missing = Array.isArray(required)
    ? required.filter((name): name is string => typeof name === 'string' && !seen.has(name))
    : [];
  if (missing.length > 0) {
    throw new DomainError('form.requiredFieldInNoStep', { name: missing[0]! }, { field: at });
  }
}

/** A stored form, as the validator caches it (its id and last change). */
export type StoredForm = { id: number; jsonSchema: unknown; updatedAt: Date | string } | null;

/** Checks answers against a site type's site or visit form; a 400 lists every bad field. */
export function validateAnswers(
  form: StoredForm,
  data: Record<string, unknown>,
  what: 'site' | 'visit',
): void {
  if (!form) {
    if (Object.keys(data).length > 0) {
      throw new DomainError(
        what === 'site' ? 'siteType.noSiteForm' : 'siteType.noVisitForm',
        {},
        { field: 'customData' },
      );
    }
    return;
  }
  validateCustomData(
    {
      id: form.id,
      jsonSchema: form.jsonSchema,
      version: String(new Date(form.updatedAt).valueOf()),
    },
    data,
  );
}

/**
 * jsonb does not keep the order of an object's keys, so a form's fields would come back in
 * another order than the administrator wrote them: the order is kept in the uiSchema, as
 * `ui:order` (the JSON Schema form renderers' convention), unless it already says one.
 */
export function withFieldOrder(form: CustomForm): CustomForm {
  const uiSchema = (form.uiSchema ?? {}) as Record<string, unknown>;
  const properties = formProperties(form.jsonSchema);
  if (uiSchema['ui:order'] !== undefined || properties.length === 0) return form;
  return { ...form, uiSchema: { ...uiSchema, 'ui:order': properties } };
}

/** A form's top-level fields in the order its uiSchema gives (`ui:order`, then steps). */
export function orderedFields(jsonSchema: unknown, uiSchema: unknown): string[] {
  const fields = formProperties(jsonSchema);
  const ui = (uiSchema ?? {}) as { 'ui:order'?: unknown; steps?: { fields?: unknown }[] };
  const hinted = [
    ...(Array.isArray(ui['ui:order']) ? ui['ui:order'] : []),
    ...(Array.isArray(ui.steps)
      ? ui.steps.flatMap((s) => (Array.isArray(s?.fields) ? s.fields : []))
      : []),
  ].filter((f): f is string => typeof f === 'string' && fields.includes(f));
  return [...new Set([...hinted, ...fields])];
}
