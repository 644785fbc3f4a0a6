import { describe, expect, it } from 'vitest';
import { decodeMvt } from '../../test/reading/helpers.js';
import { etagOf, ifNoneMatchHits } from './http-cache.js';
import { encodeTile } from './mvt.js';
import { tileBounds } from './tile-grid.js';

describe('encodeTile', () => {
  it('writes point layers that a vector tile reader reads back', () => {
    const tile = encodeTile([
      {
        name: 'observations',
        extent: 4096,
        features: [
          {
            x: 10,
            y: 20,
            properties: { id: 'a', count: 3, blurred: false, ratio: 0.5, name: null },
          },
          { x: -64, y: 4160, properties: { id: 'b', count: 3, blurred: true, delta: -7 } },
        ],
      },
      { name: 'empty', extent: 4096, features: [] },
    ]);
    const layers = decodeMvt(tile);
    expect([...layers.keys()]).toEqual(['observations']);
    const layer = layers.get('observations')!;
    expect(layer).toMatchObject({ version: 2, extent: 4096 });
    expect(layer.features).toEqual([
      {
        type: 1,
        properties: { id: 'a', count: 3, blurred: false, ratio: 0.5 },
        points: [[10, 20]],
      },
      {
        type: 1,
        properties: { id: 'b', count: 3, blurred: true, delta: -7 },
        points: [[-64, 4160]],
      },
    ]);
  });

  it('writes nothing for a tile without features', () => {
    expect(encodeTile([{ name: 'x', extent: 4096, features: [] }])).toHaveLength(0);
  });

  it('handles many features and long strings', () => {
    const features = Array.from({ length: 3000 }, (_, i) => ({
      x: i,
      y: 4096 - i,
      properties: { id: `feature-${i}`.repeat(20), count: i },
    }));
    const layer = decodeMvt(encodeTile([{ name: 'l', extent: 4096, features }])).get('l')!;
    expect(layer.features).toHaveLength(3000);
    expect(layer.features[2999]).toEqual({
      type: 1,
      properties: { id: 'feature-2999'.repeat(20), count: 2999 },
      points: [[2999, 1097]],
    });
  });
});

describe('tileBounds', () => {
  it('gives the bounds of a tile in degrees, optionally grown', () => {
    expect(tileBounds(0, 0, 0)).toEqual([
      -180,
      expect.closeTo(-85.0511, 3),
      180,
      expect.closeTo(85.0511, 3),
    ]);
    const [west, south, east, north] = tileBounds(10, 526, 365);
    expect(west).toBeCloseTo(4.921875, 6);
    expect(east).toBeCloseTo(5.2734375, 6);
    expect(south).toBeLessThan(north);
    const grown = tileBounds(10, 526, 365, 0.0625);
    expect(grown[0]).toBeLessThan(west);
    expect(grown[3]).toBeGreaterThan(north);
  });
});

describe('ETags', () => {
  it('name what a response is made of', () => {
    expect(etagOf(['tile', 1])).toBe(etagOf(['tile', 1]));
    expect(etagOf(['tile', 1])).not.toBe(etagOf(['tile', 2]));
    expect(etagOf(['x'])).toMatch(/^"[\w-]{27}"$/);
  });

  it('match If-None-Match lists, weak tags and *', () => {
    const etag = '"abc"';
    expect(ifNoneMatchHits(undefined, etag)).toBe(false);
    expect(ifNoneMatchHits('"abc"', etag)).toBe(true);
    expect(ifNoneMatchHits('W/"abc"', etag)).toBe(true);
    expect(ifNoneMatchHits('"x", "abc"', etag)).toBe(true);
    expect(ifNoneMatchHits('"abcd"', etag)).toBe(false);
    expect(ifNoneMatchHits('*', etag)).toBe(true);
  });
});
