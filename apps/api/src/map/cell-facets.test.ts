import { describe, expect, it } from 'vitest';
import { cellFacetsOf } from './cell-facets.js';

describe('cellFacetsOf', () => {
  it('serves a taxon (with its synonyms), statuses and whole years', () => {
    expect(cellFacetsOf({ programId: 1 })).toEqual({});
    expect(
      cellFacetsOf({
        programId: 1,
        taxon: 3764,
        cdNoms: [3764, 3765],
        statuses: ['certain', 'probable'],
        from: '2023-01-01',
        to: '2024-12-31',
      }),
    ).toEqual({
      cdNoms: [3764, 3765],
      statuses: ['certain', 'probable'],
      fromYear: 2023,
      toYear: 2024,
    });
    expect(cellFacetsOf({ programId: 1, from: '2024-01-01' })).toEqual({ fromYear: 2024 });
    expect(cellFacetsOf({ programId: 1, to: '2020-12-31' })).toEqual({ toYear: 2020 });
  });

  it('leaves the other filters to the observations themselves', () => {
    expect(cellFacetsOf({ programId: 1, from: '2024-05-01' })).toBeNull();
    expect(cellFacetsOf({ programId: 1, to: '2024-12-30' })).toBeNull();
    expect(cellFacetsOf({ programId: 1, from: '2024-01-01', to: '2024-06-30' })).toBeNull();
    expect(cellFacetsOf({ programId: 1, bbox: [4, 45, 5, 46] })).toBeNull();
    expect(cellFacetsOf({ programId: 1, areaId: 3 })).toBeNull();
    expect(cellFacetsOf({ programId: 1, observerId: 7 })).toBeNull();
    expect(cellFacetsOf({ programId: 1, excludeObserverId: 7 })).toBeNull();
    expect(cellFacetsOf({ programId: 1, hasPhoto: false })).toBeNull();
    // A taxon not resolved to its names cannot be matched.
    expect(cellFacetsOf({ programId: 1, taxon: 3764 })).toBeNull();
  });
});
