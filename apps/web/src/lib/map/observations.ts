import type { ObservationFeatureCollection } from '@citizen/shared';
import type { FeatureCollection, Point } from 'geojson';

/** What a popup shows about one observation. */
export interface ObservationProperties {
  observationId: string;
  taxonName: string;
  scientificName: string;
  observedOn: string;
  count: number;
}

/**
 * The observations as a GeoJSON source. The uuid is copied into the properties because
 * MapLibre drops non-numeric feature ids, and the test hook needs an id to deduplicate.
 */
export function toObservationSource(
  observations: ObservationFeatureCollection,
): FeatureCollection<Point, ObservationProperties> {
  return {
    type: 'FeatureCollection',
    features: observations.features.map((feature) => ({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: feature.geometry.coordinates },
      properties: {
        observationId: feature.id,
        taxonName: feature.properties.taxonName,
        scientificName: feature.properties.scientificName,
        observedOn: feature.properties.observedOn,
        count: feature.properties.count,
      },
    })),
  };
}

interface RenderedFeature {
  properties: Record<string, unknown>;
}

/**
 * How many observations the rendered cluster and point features stand for. A feature that
 * crosses a tile boundary is returned once per tile, hence the deduplication.
 */
export function countRenderedObservations(features: readonly RenderedFeature[]): number {
  const seen = new Set<string>();
  let total = 0;
  for (const { properties } of features) {
    const key =
      properties.cluster_id !== undefined
        ? `cluster:${String(properties.cluster_id)}`
        : `point:${String(properties.observationId)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    total += typeof properties.point_count === 'number' ? properties.point_count : 1;
  }
  return total;
}

/** Reads an observation back from a rendered feature's properties (values are untyped there). */
export function readObservation(properties: Record<string, unknown>): ObservationProperties {
  return {
    observationId: String(properties.observationId ?? ''),
    taxonName: String(properties.taxonName ?? ''),
    scientificName: String(properties.scientificName ?? ''),
    observedOn: String(properties.observedOn ?? ''),
    count: Number(properties.count ?? 1),
  };
}
