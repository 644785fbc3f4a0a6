import { describe, expect, it } from 'vitest';
import { parseArea } from './area-input.js';

const square = [
  [
    [5, 45],
    [5.1, 45],
    [5.1, 45.1],
    [5, 45.1],
    [5, 45],
  ],
];

describe('parseArea', () => {
  it('takes a Polygon, a Feature or a FeatureCollection and returns a MultiPolygon', () => {
    const expected = { type: 'MultiPolygon', coordinates: [square] };
    expect(parseArea({ type: 'Polygon', coordinates: square })).toEqual(expected);
    expect(
      parseArea({
        type: 'Feature',
        properties: {},
        geometry: { type: 'Polygon', coordinates: square },
      }),
    ).toEqual(expected);
    expect(
      parseArea(
        JSON.stringify({
          type: 'FeatureCollection',
          features: [
            { type: 'Feature', geometry: { type: 'Polygon', coordinates: square } },
            { type: 'Feature', geometry: { type: 'Point', coordinates: [5, 45] } },
          ],
        }),
      ),
    ).toEqual(expected);
  });

  it('reads KML polygons', () => {
    const text = `<?xml version="1.0" encoding="UTF-8"?>
<kml xmlns="http://www.opengis.net/kml/2.2"><Document><Placemark><name>Zone</name>
<Polygon><outerBoundaryIs><LinearRing><coordinates>5,45,0 5.1,45,0 5.1,45.1,0 5,45.1,0 5,45,0</coordinates></LinearRing></outerBoundaryIs></Polygon>
</Placemark></Document></kml>`;
    const area = parseArea(text, 'zone.kml') as { coordinates: number[][][][] };
    expect(area.coordinates[0]![0]!.map((p) => p.slice(0, 2))).toEqual(square[0]);
  });

  it('explains what is wrong', () => {
    expect(() => parseArea('not json')).toThrow(
      expect.objectContaining({ code: 'program.areaUnreadable' }),
    );
    expect(() => parseArea({ type: 'Point', coordinates: [5, 45] })).toThrow(
      expect.objectContaining({ code: 'program.areaNoPolygon' }),
    );
    expect(() =>
      parseArea({
        type: 'Polygon',
        coordinates: [
          [
            [850000, 6500000],
            [851000, 6500000],
            [851000, 6501000],
            [850000, 6500000],
          ],
        ],
      }),
    ).toThrow(expect.objectContaining({ code: 'program.areaNotWgs84' }));
    expect(() =>
      parseArea({
        type: 'Polygon',
        coordinates: [
          [
            [5, 45],
            [5.1, 45],
            [5, 45],
          ],
        ],
      }),
    ).toThrow(expect.objectContaining({ code: 'program.areaRingTooShort' }));
    expect(() => parseArea({ type: 'Banana' })).toThrow(
      expect.objectContaining({ code: 'program.areaNotGeoJson' }),
    );
  });
});
