import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '@citizen/shared';
import { EVENT_GROUPS, eventLabel, readEntry } from './audit';
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

describe('the audit log of the catalogue and programmes', () => {
  it('files every new event under a group and names it', () => {
    const grouped = EVENT_GROUPS.flatMap((g) => g.events);
    expect(new Set(grouped).size).toBe(grouped.length);
    const t = (key: string) => `«${key}»`;
    for (const event of [
      'species_list_created',
      'species_list_picture_removed',
      'taxonomy_imported',
      'badge_rule_deleted',
      'badges_recomputed',
      'program_badge_settings_updated',
      'project_created',
      'site_type_deleted',
      'site_settings_updated',
      'area_kind_deleted',
      'sensitivity_imported',
      'sensitivity_set',
      'sensitivity_cleared',
    ]) {
      expect(grouped).toContain(event);
      expect(eventLabel(event, t)).toBe(`«adminPeople.audit.event.${event}»`);
    }
  });

  it('shows a species list change with its name, counts and a link to the list', () => {
    expect(
      readEntry(
        entry('species_list_updated', {
          speciesListId: 4,
          name: 'Birds of gardens',
          previousName: 'Garden birds',
          taxa: 1,
          inserted: 0,
          updated: 0,
          removed: 1,
        }),
      ),
    ).toEqual({
      details: [
        { label: 'adminPeople.audit.detail.name', value: 'Birds of gardens' },
        { label: 'adminPeople.audit.detail.previousName', value: 'Garden birds' },
        { label: 'adminPeople.audit.detail.taxa', value: '1' },
        { label: 'adminPeople.audit.detail.inserted', value: '0' },
        { label: 'adminPeople.audit.detail.updated', value: '0' },
        { label: 'adminPeople.audit.detail.removed', value: '1' },
      ],
      link: { kind: 'speciesList', id: 4 },
    });
    const deleted = readEntry(entry('species_list_deleted', { speciesListId: 4, name: 'Old' }));
    expect(deleted.link).toBeUndefined();
    const picture = readEntry(
      entry('species_list_picture_set', {
        speciesListId: 4,
        cdNom: 4117,
        scientificName: 'Turdus merula',
        mediaId: 'c0ffee',
      }),
    );
    expect(picture.details).toEqual([
      { label: 'adminPeople.audit.detail.taxon', value: 'Turdus merula' },
    ]);
  });

  it('reads a taxonomy import: format, file and counts, errors only when there were some', () => {
    const read = readEntry(
      entry('taxonomy_imported', {
        format: 'taxref',
        fileName: 'TAXREFv18.txt',
        version: '18.0',
        inserted: 231,
        updated: 0,
        unchanged: 0,
        errorCount: 0,
      }),
    );
    expect(read.details.map((d) => [d.label.split('.').at(-1), d.value])).toEqual([
      ['format', 'taxref'],
      ['file', 'TAXREFv18.txt'],
      ['version', '18.0'],
      ['inserted', '231'],
      ['updated', '0'],
      ['unchanged', '0'],
    ]);
    expect(read.link).toEqual({ kind: 'taxonomy' });
  });

  it("names a badge in the reader's language, and shows switches and choices as words", () => {
    const badge = entry('badge_rule_deleted', {
      badgeRuleId: 3,
      name: { en: 'First steps', fr: 'Débuts' },
      holders: 2,
    });
    expect(readEntry(badge, 'fr').details[0]).toEqual({
      label: 'adminPeople.audit.detail.name',
      value: 'Débuts',
    });
    expect(readEntry(badge, 'de').details[0]?.value).toBe('First steps');
    expect(readEntry(badge).link).toEqual({ kind: 'badges' });

    const settings = readEntry(
      entry('program_badge_settings_updated', {
        programId: 9,
        fields: ['leaderboardEnabled'],
        badgesEnabled: true,
        leaderboardEnabled: false,
      }),
    );
    expect(settings.details).toEqual([
      { label: 'adminPeople.audit.detail.fields', value: 'leaderboardEnabled' },
      {
        label: 'adminPeople.audit.detail.badgesEnabled',
        value: 'true',
        text: 'adminPeople.audit.yes',
      },
      {
        label: 'adminPeople.audit.detail.leaderboardEnabled',
        value: 'false',
        text: 'adminPeople.audit.no',
      },
    ]);
    expect(settings.link).toEqual({ kind: 'program', id: 9 });
    const visits = readEntry(entry('site_settings_updated', { programId: 9, visitsBy: 'creator' }));
    expect(visits.details).toEqual([
      {
        label: 'adminPeople.audit.detail.visitsBy',
        value: 'creator',
        text: 'adminPeople.audit.visitsBy.creator',
      },
    ]);
    expect(readEntry(entry('site_type_deleted', { programId: 9, name: 'Pond' })).link).toEqual({
      kind: 'program',
      id: 9,
    });
    expect(readEntry(entry('project_created', { projectId: 2, title: 'Wetlands' }))).toEqual({
      details: [{ label: 'adminPeople.audit.detail.name', value: 'Wetlands' }],
      link: undefined,
    });
    expect(readEntry(entry('area_kind_deleted', { kind: 'natural_park', areas: 12 }))).toEqual({
      details: [
        { label: 'adminPeople.audit.detail.kind', value: 'natural_park' },
        { label: 'adminPeople.audit.detail.areas', value: '12' },
      ],
      link: { kind: 'areas' },
    });
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
