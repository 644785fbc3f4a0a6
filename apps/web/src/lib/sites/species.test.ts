import { describe, expect, it } from 'vitest';
import type { EarnedBadge, SavedObservation, TaxonHit } from '@citizen/shared';
import {
  mergeBadges,
  observationOf,
  sendSpecies,
  unsent,
  validCount,
  type SpeciesEntry,
} from './species';

const taxon = (cdNom: number, name: string): TaxonHit => ({
  cdNom,
  cdRef: cdNom,
  scientificName: name,
  authority: null,
  rank: 'ES',
  vernacularName: null,
  family: null,
  observerGroup: null,
  pictureUrl: null,
  thumbnailUrl: null,
  matchedName: null,
});
const entry = (key: number, status: SpeciesEntry['status'] = 'pending'): SpeciesEntry => ({
  key,
  taxon: taxon(1000 + key, `Species ${key}`),
  count: key,
  status,
});
const badge = (id: number): EarnedBadge => ({
  id,
  kind: 'total_observations',
  programId: null,
  taxonRank: null,
  taxonName: null,
  threshold: id,
  level: 1,
  name: { en: `Badge ${id}` },
  description: {},
  pictureUrl: null,
  active: true,
  awardedAt: '2026-05-01T10:00:00.000Z',
});
const saved = (id: string, badges: EarnedBadge[] = []) =>
  ({ id, newBadges: badges }) as unknown as SavedObservation;

describe('species of a visit', () => {
  it('are observations on the visit’s day and time, at the site, linked to the visit', () => {
    const location = { type: 'Point' as const, coordinates: [4.85, 45.77] };
    expect(
      observationOf(
        { taxon: taxon(4117, 'Turdus merula'), count: 2 },
        { id: 9, programId: 3, visitedOn: '2026-05-01', visitedTime: '09:30' },
        location,
      ),
    ).toEqual({
      programId: 3,
      cdNom: 4117,
      observedOn: '2026-05-01',
      observedTime: '09:30',
      count: 2,
      location,
      visitId: 9,
    });
  });

  it('sends the new and failed ones only, reporting each status and keeping the failures', async () => {
    const entries = [entry(1, 'saved'), entry(2), entry(3, 'failed'), entry(4)];
    expect(unsent(entries).map((e) => e.key)).toEqual([2, 3, 4]);
    const changes: string[] = [];
    const sent: number[] = [];
    const badges = await sendSpecies(
      entries,
      async (e) => {
        sent.push(e.key);
        if (e.key === 3) throw new Error('refused');
        return saved(`obs-${e.key}`, e.key === 2 ? [badge(1), badge(2)] : [badge(2)]);
      },
      (cause) => `failed: ${(cause as Error).message}`,
      (e) => changes.push(`${e.key}:${e.status}${e.error ? ` (${e.error})` : ''}`),
    );
    expect(sent).toEqual([2, 3, 4]);
    expect(changes).toEqual([
      '2:saving',
      '2:saved',
      '3:saving',
      '3:failed (failed: refused)',
      '4:saving',
      '4:saved',
    ]);
    // Each badge once, though two observations announced the second.
    expect(badges.map((b) => b.id)).toEqual([1, 2]);
  });

  it('merges badges from several answers, each once', () => {
    expect(mergeBadges([badge(1)], undefined, [badge(1), badge(3)]).map((b) => b.id)).toEqual([
      1, 3,
    ]);
  });

  it('takes whole counts of at least 1', () => {
    expect([1, 12, 0, -1, 1.5, Number.NaN, '2', null].map(validCount)).toEqual([
      true,
      true,
      false,
      false,
      false,
      false,
      false,
      false,
    ]);
  });
});
