import { describe, expect, it } from 'vitest';
import type { CurrentUser } from '../auth/current-user.js';
import {
  canDeleteObservation,
  canEditObservation,
  canSeeExactLocation,
  canSeeOriginalPhoto,
} from './observations.policy.js';

const owner: CurrentUser = { id: 1, username: 'owner', role: 'observer' };
const other: CurrentUser = { id: 2, username: 'other', role: 'observer' };
const validator: CurrentUser = { id: 3, username: 'validator', role: 'validator' };
const admin: CurrentUser = { id: 4, username: 'admin', role: 'admin' };
const observation = { observerId: 1 };
const anonymous = { observerId: null };

describe('observation policies', () => {
  it.each([
    ['anonymous', null, false, false],
    ['another observer', other, false, false],
    ['the owner', owner, true, true],
    ['a validator', validator, false, true],
    ['an admin', admin, true, true],
  ])('%s: edit %s, exact location %s', (_who, user, edit, exact) => {
    expect(canEditObservation(user, observation)).toBe(edit);
    expect(canDeleteObservation(user, observation)).toBe(edit);
    expect(canSeeExactLocation(user, observation)).toBe(exact);
    expect(canSeeOriginalPhoto(user, { uploadedBy: 1, observerId: 1 })).toBe(exact);
  });

  it('gives nobody but admins an anonymous observation to edit', () => {
    expect(canEditObservation(owner, anonymous)).toBe(false);
    expect(canEditObservation(admin, anonymous)).toBe(true);
    expect(canSeeOriginalPhoto(null, { uploadedBy: null, observerId: null })).toBe(false);
  });
});
