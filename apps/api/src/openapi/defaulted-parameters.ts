type Parameter = { in?: string; required?: boolean; schema?: { default?: unknown } };
type Document = { paths?: Record<string, Record<string, unknown>> };

/**
 * A query parameter with a default (`limit`, `sort`) is required by its schema only so that
 * the handler always has a value: Fastify fills it in when the client leaves it out. The document
 * says the client may leave it out.
 */
export function defaultedParametersOptional<T extends object>(document: T): T {
  for (const operations of Object.values((document as Document).paths ?? {})) {
    for (const operation of Object.values(operations)) {
      const parameters = (operation as { parameters?: Parameter[] } | undefined)?.parameters;
      for (const parameter of parameters ?? []) {
        if (parameter.in === 'query' && parameter.schema?.default !== undefined) {
          parameter.required = false;
        }
      }
    }
  }
  return document;
}
