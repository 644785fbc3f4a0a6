import type { FieldError } from '@citizen/shared';
import { fieldError } from './errors.js';

/** What Ajv (Fastify's validator, and ours) says of a value; the fields read here. */
export interface SchemaError {
  keyword: string;
  instancePath: string;
  params: Record<string, unknown>;
}

const text = (value: unknown) => (Array.isArray(value) ? value.join(', ') : String(value));

/** The keywords that set a bound, and the code of a value past it (with the bound as `limit`). */
const BOUNDS = {
  minLength: 'field.tooShort',
  maxLength: 'field.tooLong',
  minimum: 'field.tooSmall',
  maximum: 'field.tooLarge',
  exclusiveMinimum: 'field.notAbove',
  exclusiveMaximum: 'field.notBelow',
  minItems: 'field.tooFewItems',
  maxItems: 'field.tooManyItems',
  minProperties: 'field.tooFewEntries',
  maxProperties: 'field.tooManyEntries',
} as const;

/** The field error for one schema keyword; the path is the field's, dotted. */
function byKeyword(field: string, error: SchemaError): FieldError {
  if (Object.hasOwn(BOUNDS, error.keyword)) {
    const code = BOUNDS[error.keyword as keyof typeof BOUNDS];
    return fieldError(field, code, { limit: Number(error.params.limit) });
  }
  switch (error.keyword) {
    case 'required':
      return fieldError(field, 'field.required');
    case 'format':
      return fieldError(field, 'field.format', { format: text(error.params.format) });
    case 'pattern':
      return fieldError(field, 'field.pattern');
    case 'enum':
      return fieldError(field, 'field.notAllowed', { allowed: text(error.params.allowedValues) });
    case 'const':
      return fieldError(field, 'field.notAllowed', { allowed: text(error.params.allowedValue) });
    case 'type':
      return fieldError(field, 'field.wrongType', { type: text(error.params.type) });
    case 'additionalProperties':
      return fieldError(field, 'field.unknown');
    case 'uniqueItems':
      return fieldError(field, 'field.repeated');
    default:
      return fieldError(field, 'field.invalid');
  }
}

/**
 * The schema's complaints as field errors, each with its code. The field is the dotted path
 * (`customData.nest.height`) under `prefix`; a missing property is named itself, so that the
 * form can mark it.
 */
export function schemaFieldErrors(errors: readonly SchemaError[], prefix = ''): FieldError[] {
  return errors.map((error) => {
    const path = error.instancePath.split('/').filter(Boolean);
    if (error.keyword === 'required') path.push(String(error.params.missingProperty));
    if (error.keyword === 'additionalProperties')
      path.push(String(error.params.additionalProperty));
    return byKeyword([prefix, ...path].filter(Boolean).join('.') || prefix || 'body', error);
  });
}
