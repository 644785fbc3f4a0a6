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

  // passlib's own test vectors (passlib/tests/test_handlers_pbkdf2.py), 1,212 rounds.
  const PASSLIB =
    '$pbkdf2-sha256$1212$4vjV83LKPjQzk31VI4E0Vw$hsYF68OiOUPdDZ1Fg.fJPeq1h/gXXY7acBp9/6c.tmQ';
  const PASSLIB_UNICODE =
    '$pbkdf2-sha256$1212$3SABFJGDtyhrQMVt1uABPw$WyaUoqCLgvz97s523nF4iuOqZNbp5Nt8do/cuaa7AiI';

  it('verify the pbkdf2_sha256 hashes of accounts imported from GeoNature-citizen, and redo them', async () => {
    expect(await verifyPassword(PASSLIB, 'password')).toBe(true);
    expect(await verifyPassword(PASSLIB, 'Password')).toBe(false);
    expect(
      await verifyPassword(PASSLIB_UNICODE, '\u0399\u03c9\u03b1\u03bd\u03bd\u03b7\u03c2'),
    ).toBe(true);
    expect(needsRehash(PASSLIB)).toBe(true);
  });

  it('refuse malformed or absurdly costly pbkdf2_sha256 hashes instead of throwing', async () => {
    const [, , , salt, checksum] = PASSLIB.split('$');
    for (const bad of [
      `$pbkdf2-sha256$0$${salt}$${checksum}`,
      `$pbkdf2-sha256$99999999$${salt}$${checksum}`,
      `$pbkdf2-sha256$1212$${salt}$${checksum!.slice(1)}`,
      `$pbkdf2-sha256$1212$${salt}`,
      `$pbkdf2-sha256$x$${salt}$${checksum}`,
    ]) {
      expect(await verifyPassword(bad, 'password')).toBe(false);
    }
  });
});
