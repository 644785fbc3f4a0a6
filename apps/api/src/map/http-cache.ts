import { createHash } from 'node:crypto';
import { VERSION } from '../version.js';

/** A strong ETag naming a response by what it is computed from (and the code version). */
export function etagOf(parts: unknown[]): string {
  const hash = createHash('sha256')
    .update(JSON.stringify([VERSION, ...parts]))
    .digest('base64url');
  return `"${hash.slice(0, 27)}"`;
}

/** Whether an If-None-Match header names `etag` (weak comparison, as RFC 9110 asks for it). */
export function ifNoneMatchHits(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, ''))
    .includes(etag);
}

/**
 * Cache-Control for a response computed for `personal` eyes or for anyone. Clients may reuse it
 * for `maxAge` seconds, then must revalidate (a 304 when nothing changed).
 */
export function cacheHeaders(personal: boolean, maxAge: number): Record<string, string> {
  return personal
    ? {
        'cache-control': `private, max-age=${maxAge}, must-revalidate`,
        vary: 'Cookie, Authorization',
      }
    : { 'cache-control': `public, max-age=${maxAge}, must-revalidate` };
}
