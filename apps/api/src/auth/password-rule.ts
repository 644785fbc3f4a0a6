import { PASSWORD_MIN_LENGTH } from '@citizen/shared';
import { DomainError } from '../http/errors.js';

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

/** Why a password (the field `password`) is refused, or null when it is acceptable. */
export function passwordProblem(
  password: string,
  about: { username?: string; email?: string } = {},
): DomainError | null {
  const field = { field: 'password' };
  if ([...password].length < PASSWORD_MIN_LENGTH) {
    return new DomainError('password.tooShort', { min: PASSWORD_MIN_LENGTH }, field);
  }
  const lower = password.toLowerCase();
  if (COMMON.has(lower)) return new DomainError('password.tooCommon', {}, field);
  if (new Set(lower).size < 4) return new DomainError('password.tooFewCharacters', {}, field);
  const personal = [about.username, about.email, about.email?.split('@')[0]]
    .map((s) => s?.toLowerCase())
    .filter((s): s is string => !!s && s.length >= 3);
  if (personal.some((s) => lower.includes(s))) {
    return new DomainError('password.personal', {}, field);
  }
  return null;
}
