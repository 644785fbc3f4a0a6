/**
 * Just enough JSON Schema to render a programme's custom form and show its answers: types,
 * enums (with titles), nested objects, arrays, local $refs and the conditions (if/then/else,
 * allOf, dependentSchemas, dependentRequired, dependencies). The API validates the answers
 * fully (Ajv); this only decides which fields to show.
 */

export interface JsonSchema {
  $ref?: string;
  type?: string | string[];
  title?: string;
  description?: string;
  default?: unknown;
  const?: unknown;
  enum?: unknown[];
  /** Labels of `enum` values (react-jsonschema-form's convention). */
  enumNames?: string[];
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  allOf?: JsonSchema[];
  not?: JsonSchema;
  if?: JsonSchema;
  then?: JsonSchema;
  else?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  dependentSchemas?: Record<string, JsonSchema>;
  dependentRequired?: Record<string, string[]>;
  dependencies?: Record<string, JsonSchema | string[]>;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  multipleOf?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  definitions?: Record<string, JsonSchema>;
  $defs?: Record<string, JsonSchema>;
}

/** Layout hints in react-jsonschema-form's style, keyed like the data. */
export type UiSchema = {
  'ui:widget'?: string;
  'ui:help'?: string;
  'ui:placeholder'?: string;
  'ui:order'?: string[];
} & { [key: string]: unknown };

export type FieldKind = 'object' | 'array' | 'string' | 'number' | 'integer' | 'boolean';

export interface Choice {
  value: unknown;
  label: string;
}

export const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Follows a local reference (#/definitions/x, #/$defs/x) against the root schema. */
export function deref(schema: JsonSchema, root: JsonSchema): JsonSchema {
  let current = schema;
  for (let depth = 0; current.$ref && depth < 10; depth++) {
    const path = current.$ref.replace(/^#\/?/, '').split('/').filter(Boolean);
    let target: unknown = root;
    for (const part of path)
      target = isObject(target) ? target[decodeURIComponent(part)] : undefined;
    if (!isObject(target)) break;
    const { $ref: _ref, ...rest } = current;
    current = { ...(target as JsonSchema), ...rest };
  }
  return current;
}

export function kindOf(schema: JsonSchema): FieldKind {
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  const type = types.find((t) => t !== 'null');
  if (
    type === 'object' ||
    type === 'array' ||
    type === 'number' ||
    type === 'integer' ||
    type === 'boolean'
  ) {
    return type;
  }
  if (!type && schema.properties) return 'object';
  if (!type && schema.items) return 'array';
  return 'string';
}

/** The values a field may take, with labels, when the schema lists them. */
export function choicesOf(schema: JsonSchema): Choice[] | undefined {
  if (schema.enum) {
    return schema.enum.map((value, index) => ({
      value,
      label: schema.enumNames?.[index] ?? String(value),
    }));
  }
  const alternatives = schema.oneOf ?? schema.anyOf;
  if (alternatives?.length && alternatives.every((option) => 'const' in option)) {
    return alternatives.map((option) => ({
      value: option.const,
      label: option.title ?? String(option.const),
    }));
  }
  return undefined;
}

/** "nestCount" -> "Nest count": a label for a field the schema gives no title. */
export function labelOf(name: string, schema: JsonSchema): string {
  if (schema.title) return schema.title;
  const words = name
    .replace(/[_-]+/g, ' ')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** True when `value` satisfies the parts of `schema` that conditions are written with. */
export function matches(schema: JsonSchema, value: unknown, root: JsonSchema = schema): boolean {
  const s = deref(schema, root);
  if ('const' in s && !sameValue(s.const, value)) return false;
  if (s.enum && !s.enum.some((option) => sameValue(option, value))) return false;
  if (s.type && value !== undefined && !hasType(s.type, value)) return false;
  if (typeof value === 'number') {
    if (s.minimum !== undefined && value < s.minimum) return false;
    if (s.maximum !== undefined && value > s.maximum) return false;
    if (s.exclusiveMinimum !== undefined && value <= s.exclusiveMinimum) return false;
    if (s.exclusiveMaximum !== undefined && value >= s.exclusiveMaximum) return false;
  }
  if (typeof value === 'string') {
    if (s.minLength !== undefined && value.length < s.minLength) return false;
    if (s.maxLength !== undefined && value.length > s.maxLength) return false;
    if (s.pattern !== undefined && !safeRegExp(s.pattern)?.test(value)) return false;
  }
  if (Array.isArray(value)) {
    if (s.minItems !== undefined && value.length < s.minItems) return false;
    if (s.maxItems !== undefined && value.length > s.maxItems) return false;
  }
  if (s.required?.length) {
    if (!isObject(value) || s.required.some((key) => value[key] === undefined)) return false;
  }
  if (s.properties && isObject(value)) {
    for (const [key, property] of Object.entries(s.properties)) {
      if (value[key] !== undefined && !matches(property, value[key], root)) return false;
    }
  }
  if (s.allOf && !s.allOf.every((part) => matches(part, value, root))) return false;
  if (
    s.anyOf &&
    !('const' in (s.anyOf[0] ?? {})) &&
    !s.anyOf.some((part) => matches(part, value, root))
  ) {
    return false;
  }
  if (s.not && matches(s.not, value, root)) return false;
  return true;
}

export interface ResolvedObject {
  /** The fields to show now, in display order. */
  properties: [string, JsonSchema][];
  required: Set<string>;
}

/** An object's fields given its current answers: conditions add (or leave out) fields. */
export function resolveObject(
  schema: JsonSchema,
  value: unknown,
  root: JsonSchema,
  ui: UiSchema | undefined,
): ResolvedObject {
  const properties = new Map<string, JsonSchema>();
  const required = new Set<string>();
  const data = isObject(value) ? value : {};

  const add = (part: JsonSchema | undefined) => {
    if (!part) return;
    const s = deref(part, root);
    for (const [key, property] of Object.entries(s.properties ?? {})) {
      const existing = properties.get(key);
      properties.set(
        key,
        existing ? { ...existing, ...deref(property, root) } : deref(property, root),
      );
    }
    for (const key of s.required ?? []) required.add(key);
    for (const sub of s.allOf ?? []) add(sub);
    if (s.if) add(matches(s.if, data, root) ? s.then : s.else);
    for (const [key, dependent] of Object.entries(s.dependentSchemas ?? {})) {
      if (data[key] !== undefined) add(dependent);
    }
    for (const [key, names] of Object.entries(s.dependentRequired ?? {})) {
      if (data[key] !== undefined) names.forEach((name) => required.add(name));
    }
    for (const [key, dependency] of Object.entries(s.dependencies ?? {})) {
      if (data[key] === undefined) continue;
      if (Array.isArray(dependency)) dependency.forEach((name) => required.add(name));
      else add(dependency);
    }
  };
  add(schema);

  const order = ui?.['ui:order'];
  const entries = [...properties];
  if (Array.isArray(order)) {
    const rank = (key: string) => {
      const index = order.indexOf(key);
      return index === -1 ? order.indexOf('*') : index;
    };
    entries.sort(([a], [b]) => rank(a) - rank(b));
  }
  return { properties: entries, required };
}

/** The layout hints of one field of an object. */
export const uiOf = (ui: UiSchema | undefined, key: string | number): UiSchema | undefined => {
  const entry = ui?.[String(key)];
  return isObject(entry) ? (entry as UiSchema) : undefined;
};

/** Leaves out the answers to fields that conditions have hidden, and empty answers. */
export function prune(schema: JsonSchema, value: unknown, root: JsonSchema): unknown {
  const s = deref(schema, root);
  const kind = kindOf(s);
  if (kind === 'object' && isObject(value)) {
    const { properties } = resolveObject(s, value, root, undefined);
    const result: Record<string, unknown> = {};
    for (const [key, property] of properties) {
      const pruned = prune(property, value[key], root);
      if (pruned !== undefined) result[key] = pruned;
    }
    return result;
  }
  if (kind === 'array' && Array.isArray(value)) {
    const items = s.items ?? {};
    return value.map((item) => prune(items, item, root)).filter((item) => item !== undefined);
  }
  if (value === '' || value === null || (typeof value === 'number' && Number.isNaN(value))) {
    return undefined;
  }
  return value;
}

/** The first value a new array item (or an unanswered field) starts with. */
export function initialValue(schema: JsonSchema, root: JsonSchema): unknown {
  const s = deref(schema, root);
  if (s.default !== undefined) return structuredClone(s.default);
  switch (kindOf(s)) {
    case 'object':
      return {};
    case 'array':
      return [];
    case 'boolean':
      return false;
    default:
      return undefined;
  }
}

/** One answer as text, for the observation page. */
export function displayValue(
  schema: JsonSchema,
  value: unknown,
  words: { yes: string; no: string },
): string {
  if (value === undefined || value === null || value === '') return '';
  if (typeof value === 'boolean') return value ? words.yes : words.no;
  const choices = choicesOf(schema) ?? (schema.items ? choicesOf(schema.items) : undefined);
  const label = (item: unknown) =>
    choices?.find((choice) => sameValue(choice.value, item))?.label ?? String(item);
  if (Array.isArray(value)) return value.map(label).join(', ');
  return label(value);
}

/** The answers as rows (label, text), nested objects flattened with "Parent: child" labels. */
export function answerRows(
  schema: JsonSchema,
  data: Record<string, unknown>,
  root: JsonSchema,
  words: { yes: string; no: string },
  prefix = '',
): { label: string; value: string }[] {
  const { properties } = resolveObject(schema, data, root, undefined);
  const known = new Set(properties.map(([key]) => key));
  const rows: { label: string; value: string }[] = [];
  for (const [key, property] of properties) {
    const value = data[key];
    if (value === undefined) continue;
    const label = prefix + labelOf(key, property);
    if (kindOf(property) === 'object' && isObject(value)) {
      rows.push(...answerRows(property, value, root, words, `${label}: `));
    } else if (kindOf(property) === 'array' && Array.isArray(value) && value.some(isObject)) {
      value.forEach((item, index) => {
        if (isObject(item)) {
          rows.push(
            ...answerRows(property.items ?? {}, item, root, words, `${label} ${index + 1}: `),
          );
        }
      });
    } else {
      rows.push({ label, value: displayValue(property, value, words) });
    }
  }
  // Answers to fields the form no longer has are still shown, under their own name.
  for (const [key, value] of Object.entries(data)) {
    if (known.has(key) || value === undefined) continue;
    rows.push({ label: prefix + labelOf(key, {}), value: displayValue({}, value, words) });
  }
  return rows.filter((row) => row.value !== '');
}

function hasType(type: string | string[], value: unknown): boolean {
  const types = Array.isArray(type) ? type : [type];
  return types.some((t) => {
    switch (t) {
      case 'null':
        return value === null;
      case 'integer':
        return Number.isInteger(value);
      case 'number':
        return typeof value === 'number';
      case 'array':
        return Array.isArray(value);
      case 'object':
        return isObject(value);
      default:
        return typeof value === t;
    }
  });
}

function sameValue(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

function safeRegExp(pattern: string): RegExp | undefined {
  try {
    return new RegExp(pattern, 'u');
  } catch {
    return undefined;
  }
}
