import { describe, expect, it } from 'vitest';
import type { ObservationFeatureCollection } from '@citizen/shared';
import { countRenderedObservations, readObservation, toObservationSource } from './observations';

const observations: ObservationFeatureCollection = {
  type: 'FeatureCollection',
  truncated: false,
  features: [
    {
      type: 'Feature',
      id: '0b7e6a4e-6f0e-4d4b-9a55-2d1f4f3c9a01',
      geometry: { type: 'Point', coordinates: [2.35, 48.85] },
      properties: {
        cdNom: 3764,
        taxonName: 'European robin',
        scientificName: 'Erithacus rubecula',
        observedOn: '2024-05-17',
        count: 2,
      },
    },
  ],
};

describe('toObservationSource', () => {
  it('copies the observation id into the properties', () => {
    const [feature] = toObservationSource(observations).features;
    expect(feature?.properties).toEqual({
      observationId: '0b7e6a4e-6f0e-4d4b-9a55-2d1f4f3c9a01',
      taxonName: 'European robin',
      scientificName: 'Erithacus rubecula',
      observedOn: '2024-05-17',
      count: 2,
    });
    expect(feature?.geometry.coordinates).toEqual([2.35, 48.85]);
  });
});

describe('countRenderedObservations', () => {
  it('adds cluster sizes and single points, counting tile duplicates once', () => {
    const rendered = [
      { properties: { cluster_id: 7, point_count: 12 } },
      { properties: { cluster_id: 7, point_count: 12 } },
      { properties: { cluster_id: 9, point_count: 3 } },
      { properties: { observationId: 'a' } },
      { properties: { observationId: 'a' } },
      { properties: { observationId: 'b' } },
    ];
    expect(countRenderedObservations(rendered)).toBe(17);
  });

  it('is zero when nothing is rendered', () => {
    expect(countRenderedObservations([])).toBe(0);
  });
});

describe('readObservation', () => {
  it('reads untyped feature properties back', () => {
    expect(
      readObservation({ observationId: 'x', taxonName: 'Robin', observedOn: '2024-01-02' }),
    ).toEqual({
      observationId: 'x',
      taxonName: 'Robin',
      scientificName: '',
      observedOn: '2024-01-02',
      count: 1,
    });
  });
});
