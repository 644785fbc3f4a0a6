import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '@citizen/shared';
import { eventLabel, readEntry } from './audit';
import { checkColour, ratio } from './colours';

const entry = (event: string, details: Record<string, unknown>): AuditEntry => ({
  id: 1,
  at: '2026-05-01T10:00:00Z',
  event,
  userId: 7,
  username: 'heron-fan',
  actorId: 1,
  actorName: 'admin',
  ip: '127.0.0.1',
  details,
});

describe('the audit log as people read it', () => {
  it('shows a moderation with its reason and a link to the observation', () => {
    const read = readEntry(
      entry('photo_hidden', { observationId: 'abc', mediaId: 'm1', reason: 'A face' }),
    );
    expect(read.details).toEqual([{ label: 'adminPeople.audit.detail.reason', value: 'A face' }]);
    expect(read.link).toEqual({ kind: 'observation', id: 'abc' });
  });

  it('shows a role change as from and to roles, a deleted observation without a dead link', () => {
    expect(readEntry(entry('role_changed', { from: 'observer', to: 'validator' })).details).toEqual(
      [
        { label: 'adminPeople.audit.detail.from', value: 'observer', role: true },
        { label: 'adminPeople.audit.detail.to', value: 'validator', role: true },
      ],
    );
    const deleted = readEntry(
      entry('observation_deleted', {
        observationId: 'abc',
        reason: 'Spam',
        scientificName: 'Turdus merula',
      }),
    );
    expect(deleted.link).toBeUndefined();
    expect(deleted.details.map((d) => d.value)).toEqual(['Spam', 'Turdus merula']);
  });

  it('names settings changes and pages, and an unknown event by its code', () => {
    expect(readEntry(entry('settings_updated', { fields: ['siteName', 'colours'] }))).toEqual({
      details: [{ label: 'adminPeople.audit.detail.fields', value: 'siteName, colours' }],
      link: { kind: 'settings' },
    });
    expect(readEntry(entry('page_saved', { slug: 'about' })).link).toEqual({
      kind: 'page',
      slug: 'about',
    });
    const t = (key: string) => `«${key}»`;
    expect(eventLabel('photo_deleted', t)).toBe('«adminPeople.audit.event.photo_deleted»');
    expect(eventLabel('something_new', t)).toBe('something_new');
  });
});

describe('colour contrast checks', () => {
  it('flags colours text cannot be read on, and those darkened as text', () => {
    const dark = checkColour('#1f6f43')!;
    expect(dark.textOnColour).toBeGreaterThan(4.5);
    expect(dark.asText).toBeGreaterThan(4.5);
    const yellow = checkColour('#ffd84d')!;
    expect(yellow.textOnColour).toBeGreaterThan(4.5);
    expect(yellow.asText).toBeLessThan(4.5);
    const mid = checkColour('#7f7f7f')!;
    expect(mid.textOnColour).toBeLessThan(4.5);
    expect(checkColour('red')).toBeUndefined();
    expect(ratio(4.56)).toBe('4.5:1');
  });
});
