import type { TaxonHit } from '@citizen/shared';
import { describe, expect, it } from 'vitest';
import { matchTaxa } from './taxon-match';

const taxon = (cdNom: number, vernacularName: string | null, scientificName: string): TaxonHit => ({
  cdNom,
  cdRef: cdNom,
  scientificName,
  vernacularName,
  authority: null,
  rank: 'ES',
  family: null,
  observerGroup: null,
  pictureUrl: null,
  thumbnailUrl: null,
  matchedName: null,
});

const LIST = [
  taxon(1, 'Merle noir', 'Turdus merula'),
  taxon(2, 'Mésange charbonnière', 'Parus major'),
  taxon(3, 'Grive musicienne', 'Turdus philomelos'),
  taxon(4, null, 'Erithacus rubecula'),
];

describe('matching the stored species list offline', () => {
  it('ignores case and accents, and needs every word', () => {
    expect(matchTaxa(LIST, 'MESANGE').map((t) => t.cdNom)).toEqual([2]);
    expect(matchTaxa(LIST, 'turdus mer').map((t) => t.cdNom)).toEqual([1]);
  });

  it('puts names that start with the text first, and reads scientific names', () => {
    expect(matchTaxa(LIST, 'tu').map((t) => t.cdNom)).toEqual([1, 3]);
    expect(matchTaxa(LIST, 'musi').map((t) => t.cdNom)).toEqual([3]);
    expect(matchTaxa(LIST, 'rubec').map((t) => t.cdNom)).toEqual([4]);
  });

  it('finds nothing for blank text and stops at the limit', () => {
    expect(matchTaxa(LIST, '  ')).toEqual([]);
    expect(matchTaxa(LIST, 'a', 2)).toHaveLength(2);
  });
});
