import { describe, expect, it } from 'vitest';
import {
  TYPE_COLOURS,
  colourExpression,
  filterExpression,
  renderedSites,
  typeColour,
  withIds,
} from './map';

describe('the site map', () => {
  it('gives each site type its own colour, in the programme’s order', () => {
    expect(typeColour([7, 3], 7)).toBe(TYPE_COLOURS[0]);
    expect(typeColour([7, 3], 3)).toBe(TYPE_COLOURS[1]);
    expect(colourExpression([7, 3])).toEqual([
      'match',
      ['get', 'siteTypeId'],
      7,
      TYPE_COLOURS[0],
      3,
      TYPE_COLOURS[1],
      TYPE_COLOURS[2],
    ]);
    // A match needs at least one case: no type, one colour.
    expect(colourExpression([])).toBe(TYPE_COLOURS[0]);
    // More types than colours: they come round again.
    const many = Array.from({ length: TYPE_COLOURS.length + 1 }, (_, i) => i + 1);
    expect(typeColour(many, TYPE_COLOURS.length + 1)).toBe(TYPE_COLOURS[0]);
  });

  it('filters by type and by a set of sites', () => {
    expect(filterExpression({})).toBeNull();
    expect(filterExpression({ type: 3 })).toEqual(['==', ['get', 'siteTypeId'], 3]);
    expect(filterExpression({ ids: [1, 2] })).toEqual(['in', ['get', 'id'], ['literal', [1, 2]]]);
    expect(filterExpression({ type: 3, ids: [] })).toEqual([
      'all',
      ['==', ['get', 'siteTypeId'], 3],
      ['in', ['get', 'id'], ['literal', []]],
    ]);
  });

  it('copies the ids into the properties, and reads back the sites drawn once each', () => {
    const collection = withIds({
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          id: 5,
          geometry: { type: 'Point', coordinates: [4.85, 45.77] },
          properties: {
            name: 'Pond',
            siteTypeId: 1,
            siteTypeName: 'Pond',
            pictogramUrl: null,
            visitCount: 0,
            lastVisitOn: null,
            thumbUrl: null,
          },
        },
      ],
    });
    expect(collection.features[0]!.properties.id).toBe(5);
    expect(
      renderedSites([
        { properties: { id: 5 } },
        { properties: { id: 2 } },
        { properties: { id: 5 } },
      ]),
    ).toEqual([2, 5]);
  });
});
