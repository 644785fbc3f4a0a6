import { afterEach, describe, expect, it } from 'vitest';
import { hashPassword, needsRehash, usePasswordHashCost, verifyPassword } from './passwords.js';

describe('password hashes', () => {
  afterEach(() => usePasswordHashCost('standard'));

  it('hash with argon2id at the standard cost unless told otherwise', async () => {
    const hash = await hashPassword('correct horse');
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=65536,t=3,p=4\$/);
    expect(await verifyPassword(hash, 'correct horse')).toBe(true);
    expect(await verifyPassword(hash, 'wrong horse')).toBe(false);
    expect(needsRehash(hash)).toBe(false);
  });

  it('redo a test-cost hash at the standard cost, and verify it until then', async () => {
    usePasswordHashCost('test');
    const cheap = await hashPassword('correct horse');
    expect(cheap).toMatch(/^\$argon2id\$v=19\$m=1024,t=2,p=1\$/);
    expect(needsRehash(cheap)).toBe(false);
    usePasswordHashCost('standard');
    expect(needsRehash(cheap)).toBe(true);
    expect(await verifyPassword(cheap, 'correct horse')).toBe(true);
  });
});
