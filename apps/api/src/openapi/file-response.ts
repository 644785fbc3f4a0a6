import type { Readable } from 'node:stream';
import { Type } from 'typebox';

/**
 * The response schema of a body that is not JSON (an image, a tile): the document names its
 * content types. Fastify sends such a body (a buffer or a stream) as it is.
 */
export const fileResponse = (description: string, contentTypes: string[]) =>
  Type.Unsafe<Uint8Array | Readable>({
    description,
    content: Object.fromEntries(
      contentTypes.map((type) => [type, { schema: { type: 'string', format: 'binary' } }]),
    ),
  });
