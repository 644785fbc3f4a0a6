import type { Feature, Point } from 'geojson';
import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';

/** A point of a vector tile as MapLibre's querySourceFeatures returns it. */
interface TileFeature {
  geometry: { type: string; coordinates?: unknown };
  properties: Record<string, unknown>;
}

/** The tiles' points once each (a point near a tile's edge is in both tiles), by their id. */
export function uniquePoints(features: readonly TileFeature[]): Map<string, Feature<Point>> {
  const points = new Map<string, Feature<Point>>();
  for (const { geometry, properties } of features) {
    const id = String(properties.id ?? '');
    if (!id || geometry.type !== 'Point' || points.has(id)) continue;
    // Plain copies: MapLibre's own feature objects cannot be sent to its worker.
    const [lng, lat] = (geometry as Point).coordinates;
    points.set(id, {
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [Number(lng), Number(lat)] },
      properties: { ...properties },
    });
  }
  return points;
}

/**
 * Vector tiles cannot be clustered by MapLibre, GeoJSON can: `sync` copies the points of the
 * loaded tiles into the clustered GeoJSON source, and says whether it changed anything (then
 * the map draws again, and goes idle once more).
 */
export function tilePointsMirror(
  map: MapLibreMap,
  { tiles, sourceLayer, target }: { tiles: string; sourceLayer: string; target: string },
): () => boolean {
  let shown = new Set<string>();
  return () => {
    const source = map.getSource<GeoJSONSource>(target);
    if (!source || !map.getSource(tiles)) return false;
    const points = uniquePoints(map.querySourceFeatures(tiles, { sourceLayer }));
    if (points.size === shown.size && [...points.keys()].every((id) => shown.has(id))) {
      return false;
    }
    shown = new Set(points.keys());
    // The promise never rejects: MapLibre reports a failure as the map's 'error' event.
    void source.setData({ type: 'FeatureCollection', features: [...points.values()] });
    return true;
  };
}
