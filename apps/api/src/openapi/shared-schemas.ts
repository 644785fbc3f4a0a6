import * as contracts from '@citizen/shared';
import { Type, type TSchema } from 'typebox';
import { boundIntegers } from '../http/input-guard.js';

type Json = { [key: string]: unknown };
type Document = { paths?: unknown; components?: { schemas?: Record<string, unknown> } };

/**
 * The named schemas of the contracts (@citizen/shared) worth a name in the OpenAPI document:
 * objects, unions and enumerations; plain strings and numbers stay inline.
 */
export const SHARED_SCHEMAS: Record<string, TSchema> = Object.fromEntries(
  Object.entries(contracts)
    .filter(([name, value]) => /^[A-Z]/.test(name) && Type.IsSchema(value) && isNamable(value))
    .sort(([a], [b]) => a.localeCompare(b)),
);

function isNamable(schema: TSchema): boolean {
  const json = schema as Json;
  return (
    json.type === 'object' ||
    Array.isArray(json.anyOf) ||
    Array.isArray(json.allOf) ||
    (Array.isArray(json.enum) && json.enum.length > 1)
  );
}

/**
 * Route schemas reach @fastify/swagger inline: every subschema equal to a contract (given to it
 * as components, converted the same way) becomes a reference to it, so that the document and the
 * client generated from it name ProgramDetail, ErrorResponse… once instead of repeating them.
 * Request schemas have their integers bounded (http/input-guard.ts): a contract met only there
 * is named in that form. Components no operation reaches are left out.
 */
export function nameSharedSchemas<T extends object>(openapiObject: T): T {
  const document = openapiObject as Document;
  const components = document.components?.schemas ?? {};
  const forms = new Map<string, { name: string; schema: unknown; bounded: boolean }>();
  for (const name of Object.keys(SHARED_SCHEMAS)) {
    const schema = components[name];
    const bounded = boundIntegers(schema);
    for (const [form, isBounded] of [
      [bounded, true],
      [schema, false],
    ] as const) {
      const text = JSON.stringify(form);
      if (!forms.has(text) || !isBounded)
        forms.set(text, { name, schema: form, bounded: isBounded });
    }
  }
  const reachedRaw = new Set<string>();
  const toRef = (node: unknown, isRoot = false): unknown => {
    if (typeof node !== 'object' || node === null) return node;
    if (Array.isArray(node)) return node.map((item) => toRef(item));
    const match = isRoot ? undefined : forms.get(JSON.stringify(node));
    if (match) {
      if (!match.bounded) reachedRaw.add(match.name);
      return { $ref: `#/components/schemas/${match.name}` };
    }
    return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, toRef(value)]));
  };

  const paths = toRef(document.paths ?? {}, true) as Json;
  const named: Record<string, unknown> = {};
  for (const [name, schema] of Object.entries(components)) {
    const form = reachedRaw.has(name) || !(name in SHARED_SCHEMAS) ? schema : boundIntegers(schema);
    named[name] = toRef(form, true);
  }
  const reached = referencedNames(paths, named);
  const schemas = Object.fromEntries(Object.entries(named).filter(([name]) => reached.has(name)));
  return { ...openapiObject, paths, components: { ...document.components, schemas } };
}
/** The components referenced from the paths, directly or through other components. */
function referencedNames(paths: Json, components: Record<string, unknown>): Set<string> {
  const reached = new Set<string>();
  const visit = (node: unknown) => {
    if (typeof node !== 'object' || node === null) return;
    const ref = (node as Json).$ref;
    if (typeof ref === 'string' && ref.startsWith('#/components/schemas/')) {
      const name = ref.slice('#/components/schemas/'.length);
      if (!reached.has(name)) {
        reached.add(name);
        visit(components[name]);
      }
    }
    for (const value of Object.values(node)) visit(value);
  };
  visit(paths);
  return reached;
}
