import { describe, expect, it } from 'vitest';
import { countRendered } from './rendered';

describe('countRendered', () => {
  it('adds cell counts and points, counting tile duplicates once', () => {
    const cell = { type: 'Point', coordinates: [4.85, 45.77] };
    expect(
      countRendered([
        { properties: { count: 12 }, geometry: cell },
        { properties: { count: 12 }, geometry: cell },
        { properties: { count: 3 }, geometry: { type: 'Point', coordinates: [4.9, 45.8] } },
        { properties: { id: 'a', count: 2 }, geometry: {} },
        { properties: { id: 'a', count: 2 }, geometry: {} },
        { properties: { id: 'b', count: 1 }, geometry: {} },
      ]),
    ).toBe(17);
    expect(countRendered([])).toBe(0);
  });

  it("counts a cluster's points", () => {
    const at = { type: 'Point', coordinates: [4.85, 45.77] };
    expect(
      countRendered([
        { properties: { cluster: true, cluster_id: 7, point_count: 25 }, geometry: at },
        { properties: { id: 'a', count: 4 }, geometry: {} },
      ]),
    ).toBe(26);
  });
});
