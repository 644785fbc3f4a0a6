import { Ajv, type ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { DomainError } from '../http/errors.js';
import { schemaFieldErrors } from '../http/schema-errors.js';

const options = { allErrors: true, strict: false, coerceTypes: false } as const;
const draft7 = addFormats.default(new Ajv(options));
const draft2020 = addFormats.default(new Ajv2020(options));

/** Compiled validators by form id and version: forms change rarely, observations often. */
const cache = new Map<string, ValidateFunction>();

export type CustomForm = { id: number; jsonSchema: unknown; version: string };

function compilerFor(schema: unknown) {
  const declared = (schema as { $schema?: string })?.$schema ?? '';
  return declared.includes('2020-12') || declared.includes('2019-09') ? draft2020 : draft7;
}

/** Throws unless `schema` (the request's `field`) is a JSON Schema Citizen can validate answers with. */
export function checkFormSchema(schema: unknown, field = 'form.jsonSchema'): void {
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) {
    throw new DomainError('form.notObject', {}, { field });
  }
  try {
    compilerFor(schema).compile(schema as object);
  } catch (error) {
    throw new DomainError('form.invalidSchema', { detail: (error as Error).message }, { field });
  }
}

/** Checks a programme's custom form answers; a 400 lists every bad field. */
export function validateCustomData(form: CustomForm | null, data: Record<string, unknown>): void {
  if (!form) {
    if (Object.keys(data).length > 0) {
      throw new DomainError('observation.noCustomForm', {}, { field: 'customData' });
    }
    return;
  }
  const key = `${form.id}:${form.version}`;
  let validate = cache.get(key);
  if (!validate) {
    validate = compilerFor(form.jsonSchema).compile(form.jsonSchema as object);
    cache.set(key, validate);
  }
  if (!validate(data)) {
    const errors = schemaFieldErrors(validate.errors ?? [], 'customData');
    throw new DomainError(
      'form.invalidAnswers',
      { fields: errors.map((e) => e.field).join(', ') },
      { errors },
    );
  }
}
