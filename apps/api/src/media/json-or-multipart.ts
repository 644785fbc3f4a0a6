import type { TSchema } from 'typebox';

/**
 * Content types of a route that takes a JSON body, or the same JSON as a text field of a
 * multipart request beside its files (`consumes` of its schema: the API document says both).
 */
export const JSON_OR_MULTIPART = ['application/json', 'multipart/form-data'];

/**
 * The body schema of such a route: Fastify checks the JSON body; the handler checks the multipart
 * field against the same schema.
 */
export const jsonOrMultipart = (schema: TSchema) => ({
  content: { 'application/json': { schema } },
});
