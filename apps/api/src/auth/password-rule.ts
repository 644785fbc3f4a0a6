import { PASSWORD_MIN_LENGTH } from '@citizen/shared';

/**
 * Passwords people pick first (and their obvious variants are caught by the length rule). A short
 * list on purpose: the length rule does most of the work, as NIST SP 800-63B recommends over
 * "one digit, one capital" rules.
 */
const COMMON = new Set([
  '1234567890',
  '12345678910',
  '0123456789',
  '1111111111',
  'qwertyuiop',
  'azertyuiop',
  'qwertzuiop',
  'password123',
  'password1234',
  'motdepasse',
  'motdepasse1',
  'motdepasse123',
  'passwort123',
  'iloveyou123',
  'abcdefghij',
  'abcd1234abcd',
  'aaaaaaaaaa',
  'azerty123456',
  'qwerty123456',
  'letmein1234',
  'welcome123',
  'bienvenue123',
  'willkommen123',
  'administrator',
  'citizen123',
  'citizenscience',
]);

/** Why a password is refused, or null when it is acceptable. */
export function passwordProblem(
  password: string,
  about: { username?: string; email?: string } = {},
): string | null {
  if ([...password].length < PASSWORD_MIN_LENGTH) {
    return `must have at least ${PASSWORD_MIN_LENGTH} characters`;
  }
  const lower = password.toLowerCase();
  if (COMMON.has(lower)) return 'is too common';
  if (new Set(lower).size < 4) return 'must use at least 4 different characters';
  const personal = [about.username, about.email, about.email?.split('@')[0]]
    .map((s) => s?.toLowerCase())
    .filter((s): s is string => !!s && s.length >= 3);
  if (personal.some((s) => lower.includes(s))) {
    return 'must not contain your username or e-mail address';
  }
  return null;
}
