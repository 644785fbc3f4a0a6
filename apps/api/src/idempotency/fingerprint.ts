import { createHash } from 'node:crypto';

/**
 * JSON with the keys of every object in sorted order: two requests that say the same thing give
 * the same text, whatever order their client wrote the keys in.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner !== null && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(
          Object.entries(inner as Record<string, unknown>).sort(([a], [b]) =>
            a < b ? -1 : a > b ? 1 : 0,
          ),
        )
      : inner,
  );
}

/**
 * What identifies a request for its Idempotency-Key: the operation, its JSON in canonical form
 * and each uploaded file (name and content, in order), as one SHA-256.
 */
export function requestFingerprint(
  operation: string,
  input: unknown,
  files: readonly { bytes: Buffer; filename: string }[] = [],
): string {
  const hash = createHash('sha256').update(operation).update('\0').update(canonicalJson(input));
  for (const file of files) {
    const content = createHash('sha256').update(file.bytes).digest('hex');
    hash.update('\0').update(file.filename).update('\0').update(content);
  }
  return hash.digest('hex');
}
