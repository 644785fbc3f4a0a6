import { randomBytes } from 'node:crypto';
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

export function verifyPassword(hash: string, password: string): Promise<boolean> {
  return argon2.verify(hash, password);
}

/** True when the hash was made at another cost than the one in force: redo it at login. */
export function needsRehash(hash: string): boolean {
  return argon2.needsRehash(hash, cost);
}

/** A readable random password, e.g. for a generated admin account. */
export function generatePassword(): string {
  return randomBytes(12).toString('base64url');
}
