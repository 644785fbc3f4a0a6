import { describe, expect, it } from 'vitest';
import { countTiles, tileAddress, tilesIn, type Bbox } from './tiles';

// The demo programme's park in Lyon.
const PARK: Bbox = [4.845, 45.7713, 4.8612, 45.7852];

describe('tiles over a box', () => {
  it('finds the tile of a point as the slippy-map formula does', () => {
    // The park at z12 is tile 2103/1460 (as OpenStreetMap numbers them).
    expect([...tilesIn(PARK, 12, 12)]).toEqual([{ z: 12, x: 2103, y: 1460 }]);
  });

  it('counts what it lists, never fewer tiles at a higher zoom', () => {
    const listed = [...tilesIn(PARK, 12, 16)];
    expect(listed).toHaveLength(countTiles(PARK, 12, 16));
    const perZoom = [12, 13, 14, 15, 16].map((z) => listed.filter((t) => t.z === z).length);
    for (let i = 1; i < perZoom.length; i++) {
      expect(perZoom[i]).toBeGreaterThanOrEqual(perZoom[i - 1]!);
    }
    expect(perZoom).toEqual([1, 1, 4, 6, 15]);
  });

  it('stays inside the world at its edges', () => {
    expect(countTiles([-180, -90, 180, 90], 0, 1)).toBe(1 + 4);
  });

  it('fills {z}/{x}/{y} templates and refuses the ones it cannot fill', () => {
    const tile = { z: 3, x: 4, y: 5 };
    expect(tileAddress('https://tiles.example.org/{z}/{x}/{y}.png', tile)).toBe(
      'https://tiles.example.org/3/4/5.png',
    );
    expect(tileAddress('https://example.org/{quadkey}.png', tile)).toBeNull();
  });
});
