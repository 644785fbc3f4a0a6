/** Text helpers of the CSV, GeoJSON and Darwin Core exports. */

/**
 * The top-level property names of a custom form's JSON Schema, in order of appearance: those of
 * `properties`, and of the schemas its combinators and conditionals apply to the same object
 * (allOf, anyOf, oneOf, if/then/else, dependentSchemas, dependencies).
 */
export function formProperties(schema: unknown): string[] {
  const names = new Set<string>();
  const visit = (node: unknown, depth: number) => {
    if (!node || typeof node !== 'object' || Array.isArray(node) || depth > 20) return;
    const s = node as Record<string, unknown>;
    if (s.properties && typeof s.properties === 'object' && !Array.isArray(s.properties)) {
      for (const name of Object.keys(s.properties)) names.add(name);
    }
    for (const key of ['allOf', 'anyOf', 'oneOf']) {
      if (Array.isArray(s[key])) for (const sub of s[key] as unknown[]) visit(sub, depth + 1);
    }
    for (const key of ['if', 'then', 'else']) visit(s[key], depth + 1);
    for (const key of ['dependentSchemas', 'dependencies']) {
      const map = s[key];
      if (map && typeof map === 'object' && !Array.isArray(map)) {
        for (const sub of Object.values(map)) visit(sub, depth + 1);
      }
    }
  };
  visit(schema, 0);
  return [...names];
}

/** A custom answer as one cell: text as is, numbers and booleans as JSON, objects and arrays as JSON text. */
export function customCell(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

/**
 * A CSV field (RFC 4180): quoted when it holds a comma, quote or line break. Free text that a
 * spreadsheet would run as a formula (starting with = + - @, a tab or a carriage return) gets a
 * leading apostrophe (OWASP "CSV injection").
 */
export function csvField(value: string | number | boolean | null, freeText = false): string {
  if (value === null) return '';
  let text = String(value);
  if (freeText && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvLine(fields: string[]): string {
  return `${fields.join(',')}\r\n`;
}

/** A field of a tab-separated Darwin Core file: no enclosing quotes, so no tab or line break inside. */
export function tsvField(value: string | number | boolean | null): string {
  if (value === null) return '';
  return String(value).replace(/[\t\r\n]+/g, ' ');
}

export function xmlEscape(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&apos;')
    .split('')
    .filter((c) => {
      // XML 1.0 allows no control character but tab, line feed and carriage return.
      const code = c.charCodeAt(0);
      return code >= 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
    })
    .join('');
}
