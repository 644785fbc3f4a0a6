import { describe, expect, it } from 'vitest';
import type { CurrentUser } from '../auth/current-user.js';
import { hasRole, isAdmin, isValidator } from './roles.js';
import {
  canChangeAccount,
  canManageUsers,
  canReadAuditLog,
  canSeePrivateAccount,
} from './users.policy.js';

const observer: CurrentUser = { id: 1, username: 'obs', role: 'observer' };
const validator: CurrentUser = { id: 2, username: 'val', role: 'validator' };
const admin: CurrentUser = { id: 3, username: 'adm', role: 'admin' };

describe('roles', () => {
  it.each([
    ['anonymous', null, false, false],
    ['an observer', observer, false, false],
    ['a validator', validator, true, false],
    ['an admin', admin, true, true],
  ])('%s: validator rights %s, admin rights %s', (_who, user, validates, administers) => {
    expect(isValidator(user)).toBe(validates);
    expect(isAdmin(user)).toBe(administers);
    expect(canManageUsers(user)).toBe(administers);
    expect(canReadAuditLog(user)).toBe(administers);
    expect(hasRole(user, 'observer')).toBe(user !== null);
  });
});

describe('account policies', () => {
  it('shows an account privately to its owner and to admins only', () => {
    expect(canSeePrivateAccount(observer, { id: 1 })).toBe(true);
    expect(canSeePrivateAccount(observer, { id: 2 })).toBe(false);
    expect(canSeePrivateAccount(validator, { id: 1 })).toBe(false);
    expect(canSeePrivateAccount(admin, { id: 1 })).toBe(true);
    expect(canSeePrivateAccount(null, { id: 1 })).toBe(false);
  });

  it('lets only admins change roles and activation, never to demote or lock out themselves', () => {
    expect(canChangeAccount(observer, { id: 1 }, { role: 'admin' })).toBe(false);
    expect(canChangeAccount(validator, { id: 2 }, { role: 'admin' })).toBe(false);
    expect(canChangeAccount(validator, { id: 1 }, { role: 'validator' })).toBe(false);
    expect(canChangeAccount(null, { id: 1 }, { active: true })).toBe(false);
    expect(canChangeAccount(admin, { id: 1 }, { role: 'validator', active: false })).toBe(true);
    expect(canChangeAccount(admin, { id: 3 }, { role: 'observer' })).toBe(false);
    expect(canChangeAccount(admin, { id: 3 }, { active: false })).toBe(false);
    expect(canChangeAccount(admin, { id: 3 }, { role: 'admin', active: true })).toBe(true);
  });
});
