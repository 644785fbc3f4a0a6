import { describe, expect, it } from 'vitest';
import { visibleClusters } from './cluster-counts';

const cell = (lng: number, lat: number, count: number) => ({
  geometry: { type: 'Point', coordinates: [lng, lat] },
  properties: { count },
});

describe('visibleClusters', () => {
  it('keeps each cluster once, though it comes back from every tile it touches', () => {
    expect(
      visibleClusters([cell(4.85, 45.77, 12), cell(4.85, 45.77, 12), cell(4.9, 45.8, 3)], 'count'),
    ).toEqual([
      { at: [4.85, 45.77], count: 12 },
      { at: [4.9, 45.8], count: 3 },
    ]);
  });

  it('labels no single observation and reads the count property it is told', () => {
    expect(visibleClusters([cell(1, 2, 1)], 'count')).toEqual([]);
    expect(
      visibleClusters(
        [{ geometry: { type: 'Point', coordinates: [1, 2] }, properties: { point_count: 5 } }],
        'point_count',
      ),
    ).toEqual([{ at: [1, 2], count: 5 }]);
  });
});
