import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifySchemaCompiler } from 'fastify';
import type { Static, TSchema } from 'typebox';
import { DomainError } from './errors.js';
import { boundIntegers, refuseNulCharacters } from './input-guard.js';
import { schemaFieldErrors } from './schema-errors.js';

// Bodies (JSON, and the JSON fields of multipart requests): unknown properties dropped, defaults
// filled in, and no type coercion: JSON has its types, and coercing would turn a `null` into
// `0` or `""` wherever a schema allows `integer | null` (an unknown precision saved as "± 0 m").
const ajv = addFormats.default(
  new Ajv({ removeAdditional: true, useDefaults: true, coerceTypes: false, allErrors: false }),
);
// Query strings, path parameters and headers are text: Fastify's own options, which coerce.
const textAjv = addFormats.default(
  new Ajv({ removeAdditional: true, useDefaults: true, coerceTypes: 'array', allErrors: false }),
);
const compiled = new WeakMap<TSchema, ValidateFunction>();

/** Fastify's validator compiler: bodies without coercion, the other parts of a request with. */
export const requestValidatorCompiler: FastifySchemaCompiler<unknown> = ({ schema, httpPart }) =>
  (httpPart === 'body' ? ajv : textAjv).compile(schema as object);

/** Checks `value` (the request's `label`) against a request schema; a 400 names the bad field. */
export function validateAgainst<T extends TSchema>(
  schema: T,
  value: unknown,
  label: string,
): Static<T> {
  refuseNulCharacters(value, label);
  let validate = compiled.get(schema);
  if (!validate) {
    validate = ajv.compile(boundIntegers(schema));
    compiled.set(schema, validate);
  }
  if (!validate(value)) {
    const errors = schemaFieldErrors(validate.errors ?? [], label);
    throw new DomainError('request.invalid', { field: errors[0]?.field ?? label }, { errors });
  }
  return value as Static<T>;
}

export function parseJsonField(fields: Record<string, string>, name: string): unknown {
  const raw = fields[name];
  if (raw === undefined) throw new DomainError('upload.fieldMissing', { field: name });
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    throw new DomainError('upload.fieldNotJson', { field: name });
  }
}
