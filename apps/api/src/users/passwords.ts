import { pbkdf2, randomBytes, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import argon2 from 'argon2';

export type PasswordHashCost = 'standard' | 'test';

/**
 * Argon2id's cost. `standard` is the library's default (64 MiB, 3 passes, 4 lanes); `test`
 * is the smallest argon2 accepts, which only the test suite may choose (the config refuses it
 * elsewhere). A hash made at a lower cost than the one in force is redone at the next login.
 */
const COSTS: Record<
  PasswordHashCost,
  { memoryCost: number; timeCost: number; parallelism: number }
> = {
  standard: { memoryCost: 65_536, timeCost: 3, parallelism: 4 },
  test: { memoryCost: 1024, timeCost: 2, parallelism: 1 },
};

let cost = COSTS.standard;

/** Sets the cost of the hashes made from now on in this process (from the config, at start). */
export function usePasswordHashCost(name: PasswordHashCost) {
  cost = COSTS[name];
}

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id, ...cost });
}

/** Argon2id hashes, and the passlib `pbkdf2_sha256` hashes of accounts imported from GeoNature-citizen. */
export function verifyPassword(hash: string, password: string): Promise<boolean> {
  if (hash.startsWith(PBKDF2_PREFIX)) return verifyPbkdf2Sha256(hash, password);
  return argon2.verify(hash, password);
}

/**
 * True when the hash was made at another cost than the one in force, or with another algorithm
 * (an imported pbkdf2_sha256 hash): redo it at login.
 */
export function needsRehash(hash: string): boolean {
  if (hash.startsWith(PBKDF2_PREFIX)) return true;
  return argon2.needsRehash(hash, cost);
}

const PBKDF2_PREFIX = '$pbkdf2-sha256$';
const pbkdf2Async = promisify(pbkdf2);
/** Far above passlib's default (29,000): a stored hash may not make a login take minutes. */
const MAX_PBKDF2_ROUNDS = 10_000_000;

/** passlib's "adapted base64": '.' for '+', no padding. */
const fromAb64 = (text: string) => Buffer.from(text.replaceAll('.', '+'), 'base64');

/** `$pbkdf2-sha256$<rounds>$<salt>$<checksum>`, as passlib writes it; false when malformed. */
async function verifyPbkdf2Sha256(hash: string, password: string): Promise<boolean> {
  const match = /^\$pbkdf2-sha256\$(\d{1,8})\$([A-Za-z0-9./]*)\$([A-Za-z0-9./]{43})$/.exec(hash);
  const rounds = Number(match?.[1]);
  if (!match || rounds < 1 || rounds > MAX_PBKDF2_ROUNDS) return false;
  const expected = fromAb64(match[3]!);
  const actual = await pbkdf2Async(
    password,
    fromAb64(match[2]!),
    rounds,
    expected.length,
    'sha256',
  );
  return timingSafeEqual(actual, expected);
}

/** A readable random password, e.g. for a generated admin account. */
export function generatePassword(): string {
  return randomBytes(12).toString('base64url');
}
