import { describe, expect, it } from 'vitest';
import { canonicalJson, requestFingerprint } from './fingerprint.js';

describe('request fingerprints', () => {
  it('writes the keys of nested objects in order, and keeps the order of arrays', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, 1], c: null } })).toBe(
      '{"a":{"c":null,"d":[3,1]},"b":1}',
    );
  });

  it('is the same for the same JSON whatever its key order', () => {
    expect(requestFingerprint('observation', { count: 2, cdNom: 4117 })).toBe(
      requestFingerprint('observation', { cdNom: 4117, count: 2 }),
    );
  });

  it('differs with a value, the operation, a file or its name', () => {
    const file = { bytes: Buffer.from('a photo'), filename: 'a.jpg' };
    const base = requestFingerprint('observation', { count: 2 }, [file]);
    expect(requestFingerprint('observation', { count: 3 }, [file])).not.toBe(base);
    expect(requestFingerprint('site', { count: 2 }, [file])).not.toBe(base);
    expect(requestFingerprint('observation', { count: 2 })).not.toBe(base);
    expect(
      requestFingerprint('observation', { count: 2 }, [{ ...file, bytes: Buffer.from('other') }]),
    ).not.toBe(base);
    expect(
      requestFingerprint('observation', { count: 2 }, [{ ...file, filename: 'b.jpg' }]),
    ).not.toBe(base);
  });
});
