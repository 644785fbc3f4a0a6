import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { Static, TSchema } from 'typebox';
import { BadRequestError } from './errors.js';
import { boundIntegers, refuseNulCharacters } from './input-guard.js';

// The options Fastify uses for request bodies, so that a JSON field of a multipart request is
// checked exactly like a JSON body: unknown properties dropped, defaults filled in.
const ajv = addFormats.default(
  new Ajv({ removeAdditional: true, useDefaults: true, coerceTypes: false, allErrors: false }),
);
const compiled = new WeakMap<TSchema, ValidateFunction>();

/** Checks `value` against a request schema; a 400 names the first bad field, as Fastify does. */
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
    const [error] = validate.errors ?? [];
    throw new BadRequestError(
      `${label}${error?.instancePath ?? ''} ${error?.message ?? 'is invalid'}`,
    );
  }
  return value as Static<T>;
}

export function parseJsonField(fields: Record<string, string>, name: string): unknown {
  const raw = fields[name];
  if (raw === undefined) throw new BadRequestError(`The multipart field "${name}" is missing`);
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    throw new BadRequestError(`The multipart field "${name}" is not valid JSON`);
  }
}
