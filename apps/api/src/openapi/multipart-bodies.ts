import type { FastifySchema } from 'fastify';

type BodyWithContent = { content: Record<string, { schema: unknown }> };

/** What the document says a multipart body holds: the route's summary names its fields. */
const MULTIPART_BODY = {
  type: 'object',
  description: 'Files and text fields, as named in the summary',
};

/**
 * swagger `transform`: a route that reads multipart/form-data declares it in `consumes` only,
 * since Fastify would check a multipart body schema against a body it never parses. The document
 * gets the multipart body here, beside the JSON one when the route takes both.
 */
export function documentMultipartBodies({ schema, url }: { schema: FastifySchema; url: string }) {
  const consumes = (schema as { consumes?: unknown } | undefined)?.consumes;
  if (!Array.isArray(consumes) || !consumes.includes('multipart/form-data')) return { schema, url };
  const body = schema.body as BodyWithContent | undefined;
  const content = body?.content ?? {};
  return {
    schema: {
      ...schema,
      body: { content: { ...content, 'multipart/form-data': { schema: MULTIPART_BODY } } },
    },
    url,
  };
}
