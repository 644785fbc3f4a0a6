import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { FieldError } from '@citizen/shared';
import { BadRequestError } from '../http/errors.js';

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

/** Throws unless `schema` is a JSON Schema Citizen can validate answers with. */
export function checkFormSchema(schema: unknown): void {
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) {
    throw new BadRequestError('The form must be a JSON Schema object');
  }
  try {
    compilerFor(schema).compile(schema as object);
  } catch (error) {
    throw new BadRequestError(`The form is not a valid JSON Schema: ${(error as Error).message}`);
  }
}

/** Checks a programme's custom form answers; a 400 lists every bad field. */
export function validateCustomData(form: CustomForm | null, data: Record<string, unknown>): void {
  if (!form) {
    if (Object.keys(data).length > 0) {
      throw new BadRequestError('This programme has no custom form: customData must be empty', {
        errors: [{ field: 'customData', message: 'must be empty' }],
      });
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
    const errors = (validate.errors ?? []).map(toFieldError);
    throw new BadRequestError(
      `Invalid custom data: ${errors.map((e) => `${e.field} ${e.message}`).join('; ')}`,
      { errors },
    );
  }
}

function toFieldError(error: ErrorObject): FieldError {
  const path = error.instancePath.split('/').filter(Boolean);
  if (error.keyword === 'required') path.push(String(error.params.missingProperty));
  if (error.keyword === 'additionalProperties') path.push(String(error.params.additionalProperty));
  return { field: ['customData', ...path].join('.'), message: error.message ?? 'is invalid' };
}
