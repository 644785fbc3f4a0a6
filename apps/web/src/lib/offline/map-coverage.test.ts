import type { BaseLayer } from '@citizen/shared';
import { describe, expect, it } from 'vitest';
import { coverageFrame, offlineBaseLayers, type StoredMap } from './map-coverage';

const street: BaseLayer = {
  id: 'street',
  name: 'Street',
  type: 'raster',
  tiles: ['https://street.example.org/{z}/{x}/{y}.png'],
  maxzoom: 19,
};
const field: BaseLayer = {
  id: 'field',
  name: 'Field',
  type: 'raster',
  tiles: ['https://field.example.org/{z}/{x}/{y}.png'],
  offlinePacking: true,
};
const stored = (baseLayerId: string | null): StoredMap => ({
  bbox: [4.845, 45.7713, 4.8612, 45.7852],
  zooms: [12, 16],
  baseLayerId,
});

describe('the base layers of a map offline', () => {
  it('puts the stored layer first, its tiles enlarged past the highest stored zoom', () => {
    expect(offlineBaseLayers([street, field], stored('field'))).toEqual([
      { ...field, maxzoom: 16 },
      street,
    ]);
  });

  it('keeps a layer whose own tiles stop below the stored zooms at its own last zoom', () => {
    const coarse = { ...field, maxzoom: 14 };
    expect(offlineBaseLayers([coarse], stored('field'))[0]).toEqual(coarse);
  });

  it('leaves the layers as they are when no base map was stored (or it is gone)', () => {
    expect(offlineBaseLayers([street, field], stored(null))).toEqual([street, field]);
    expect(offlineBaseLayers([street], stored('field'))).toEqual([street]);
  });

  it('frames the stored box', () => {
    expect(coverageFrame([1, 2, 3, 4])).toEqual({
      type: 'Polygon',
      coordinates: [
        [
          [1, 2],
          [3, 2],
          [3, 4],
          [1, 4],
          [1, 2],
        ],
      ],
    });
  });
});
