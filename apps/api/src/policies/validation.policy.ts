import type { CurrentUser } from '../auth/current-user.js';

/** Validators and admins judge observations (never their own: see the validation service). */
export function canValidate(user: CurrentUser | null): boolean {
  return user?.role === 'validator' || user?.role === 'admin';
}
