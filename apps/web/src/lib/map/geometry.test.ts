import { describe, expect, it } from 'vitest';
import { boundsOf, pointInArea } from './geometry';

const square = [
  [0, 0],
  [10, 0],
  [10, 10],
  [0, 10],
  [0, 0],
];
const hole = [
  [4, 4],
  [6, 4],
  [6, 6],
  [4, 6],
  [4, 4],
];

describe('pointInArea', () => {
  it('tests polygons, their holes and multipolygons', () => {
    const polygon = { type: 'Polygon' as const, coordinates: [square, hole] };
    expect(pointInArea([2, 2], polygon)).toBe(true);
    expect(pointInArea([5, 5], polygon)).toBe(false);
    expect(pointInArea([11, 5], polygon)).toBe(false);
    const multi = {
      type: 'MultiPolygon' as const,
      coordinates: [[square], [square.map(([x = 0, y = 0]) => [x + 20, y])]],
    };
    expect(pointInArea([25, 5], multi)).toBe(true);
    expect(pointInArea([15, 5], multi)).toBe(false);
  });

  it('handles negative longitudes (west of Greenwich)', () => {
    const west = {
      type: 'Polygon' as const,
      coordinates: [square.map(([x = 0, y = 0]) => [x - 20, y])],
    };
    expect(pointInArea([-15, 5], west)).toBe(true);
  });
});

describe('boundsOf', () => {
  it('is the box around the points', () => {
    expect(
      boundsOf([
        [1, 2],
        [-3, 5],
        [4, -1],
      ]),
    ).toEqual([-3, -1, 4, 5]);
    expect(boundsOf([])).toBeUndefined();
  });
});
