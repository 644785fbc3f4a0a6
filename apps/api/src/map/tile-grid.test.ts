import { describe, expect, it } from 'vitest';
import { mortonKey, TILE_BUFFER, TILE_EXTENT, tileKeys } from './tile-grid.js';

/** Whether the point at (u, v), in its cell as migration 0011 keeps it, passes tileKeys' tests. */
const holds = (keys: ReturnType<typeof tileKeys>, u: number, v: number) => {
  const [mx, my] = [Math.floor(u * 2 ** 24), Math.floor(v * 2 ** 24)];
  const key = mortonKey(mx, my);
  return (
    keys.ranges.some(([first, last]) => key >= first && key <= last) &&
    mx >= keys.mx[0] &&
    mx <= keys.mx[1] &&
    my >= keys.my[0] &&
    my <= keys.my[1]
  );
};

describe('tileKeys', () => {
  it('holds every key of the tile and, with the ring, of its buffer; nothing far off', () => {
    for (const [z, x, y] of [
      [5, 16, 11],
      [8, 131, 90],
      [12, 2100, 1460],
      [22, 2_150_000, 1_500_000],
      [6, 0, 0],
      [7, 127, 127],
    ] as const) {
      const n = 2 ** z;
      const buffer = TILE_BUFFER / TILE_EXTENT;
      const own = tileKeys(z, x, y);
      const ring = tileKeys(z, x, y, buffer);
      for (let i = 0; i <= 40; i++) {
        for (let j = 0; j <= 40; j++) {
          const [fu, fv] = [-0.5 + (2 * i) / 40, -0.5 + (2 * j) / 40];
          const [u, v] = [(x + fu) / n, (y + fv) / n];
          if (u < 0 || v < 0 || u >= 1 || v >= 1) continue;
          const what = `z${z} ${fu} ${fv}`;
          const inTile = fu >= 0 && fu < 1 && fv >= 0 && fv < 1;
          const inBuffer = fu >= -buffer && fu < 1 + buffer && fv >= -buffer && fv < 1 + buffer;
          if (inTile) expect(holds(own, u, v), what).toBe(true);
          if (inBuffer) expect(holds(ring, u, v), what).toBe(true);
          // Beyond the buffer, one cell of level 24 and some rounding.
          const far = 0.03 + 2 ** (z - 24) * 2;
          if (fu < -far || fu >= 1 + far || fv < -far || fv >= 1 + far) {
            expect(holds(own, u, v), what).toBe(false);
            expect(holds(ring, u, v), what).toBe(false);
          }
        }
      }
      // Sorted, apart from one another.
      const { ranges } = ring;
      ranges.slice(1).forEach(([first], k) => expect(first > ranges[k]![1] + 1n).toBe(true));
    }
  });
});
