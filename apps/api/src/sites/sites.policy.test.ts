import { describe, expect, it } from 'vitest';
import type { CurrentUser } from '../auth/current-user.js';
import { canAddVisit, canDeleteSite, canEditSite, canEditVisit } from './sites.policy.js';

const creator: CurrentUser = { id: 1, username: 'creator', role: 'observer' };
const other: CurrentUser = { id: 2, username: 'other', role: 'observer' };
const validator: CurrentUser = { id: 3, username: 'validator', role: 'validator' };
const admin: CurrentUser = { id: 4, username: 'admin', role: 'admin' };
const site = { creatorId: 1 };

describe('site policies', () => {
  it.each([
    ['anonymous', null, false, false, false],
    ['another observer', other, false, true, false],
    ['a validator', validator, false, true, false],
    ['the creator', creator, true, true, true],
    ['an admin', admin, true, true, true],
  ])(
    '%s: edit %s, visit where anyone may %s, visit where only the creator may %s',
    (_w, user, edit, anyone, creatorOnly) => {
      expect(canEditSite(user, site)).toBe(edit);
      expect(canAddVisit(user, site, { visitsBy: 'anyone' })).toBe(anyone);
      expect(canAddVisit(user, site, { visitsBy: 'creator' })).toBe(creatorOnly);
    },
  );

  it('lets the creator delete a site only while nobody else visited it; admins always', () => {
    expect(canDeleteSite(creator, { ...site, visitedByOthers: false })).toBe(true);
    expect(canDeleteSite(creator, { ...site, visitedByOthers: true })).toBe(false);
    expect(canDeleteSite(other, { ...site, visitedByOthers: false })).toBe(false);
    expect(canDeleteSite(admin, { ...site, visitedByOthers: true })).toBe(true);
    expect(canDeleteSite(null, { creatorId: null, visitedByOthers: false })).toBe(false);
  });

  it("gives a visit to its observer and admins; nobody's visit to nobody but admins", () => {
    expect(canEditVisit(other, { observerId: 2 })).toBe(true);
    expect(canEditVisit(creator, { observerId: 2 })).toBe(false);
    expect(canEditVisit(admin, { observerId: 2 })).toBe(true);
    expect(canEditVisit(creator, { observerId: null })).toBe(false);
    expect(canEditVisit(admin, { observerId: null })).toBe(true);
  });
});
