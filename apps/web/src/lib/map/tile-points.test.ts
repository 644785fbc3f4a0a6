import { describe, expect, it } from 'vitest';
import { uniquePoints } from './tile-points';

describe('uniquePoints', () => {
  it('keeps each observation once, whichever tiles it came in, and only points', () => {
    const point = (id: string, lng: number) => ({
      geometry: { type: 'Point', coordinates: [lng, 45] },
      properties: { id, name: 'Merle noir' },
    });
    const points = uniquePoints([
      point('a', 4.8),
      point('a', 4.80001),
      point('b', 4.9),
      { geometry: { type: 'Point', coordinates: [5, 45] }, properties: { count: 40 } },
    ]);
    expect([...points.keys()]).toEqual(['a', 'b']);
    expect(points.get('a')).toEqual({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [4.8, 45] },
      properties: { id: 'a', name: 'Merle noir' },
    });
  });
});
