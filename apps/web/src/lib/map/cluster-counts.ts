import type { Map as MapLibreMap, Marker } from 'maplibre-gl';
import type { MapLibre } from './maplibre';

/** More labels than this and the map is a crowd anyway: the colours say the rest. */
const MAX_LABELS = 400;

interface RenderedCluster {
  geometry: { type: string; coordinates?: unknown };
  properties: Record<string, unknown>;
}

/**
 * The clusters drawn in view, once each (a feature comes back once per tile it touches), as
 * [longitude, latitude] and count.
 */
export function visibleClusters(
  features: readonly RenderedCluster[],
  countProperty: string,
): { at: [number, number]; count: number }[] {
  const seen = new Map<string, { at: [number, number]; count: number }>();
  for (const { geometry, properties } of features) {
    if (geometry.type !== 'Point' || !Array.isArray(geometry.coordinates)) continue;
    const [lng, lat] = geometry.coordinates as [number, number];
    const count = Number(properties[countProperty] ?? 0);
    if (!(count > 1)) continue;
    const key = `${lng.toFixed(6)},${lat.toFixed(6)}`;
    if (!seen.has(key)) seen.set(key, { at: [lng, lat], count });
    if (seen.size >= MAX_LABELS) break;
  }
  return [...seen.values()];
}

/**
 * Writes each cluster's count on its circle, as HTML labels over the map: the styles have no
 * glyphs (no font server), and the labels let clicks through to the circle, which zooms in.
 * Redrawn when the map settles, hidden while it zooms.
 */
export function showClusterCounts(
  maplibregl: MapLibre,
  map: MapLibreMap,
  {
    layer,
    countProperty,
    format,
  }: {
    layer: string;
    countProperty: string;
    format: (count: number) => string;
  },
): void {
  let markers: Marker[] = [];
  const clear = () => {
    for (const marker of markers) marker.remove();
    markers = [];
  };
  map.on('zoomstart', clear);
  map.on('idle', () => {
    clear();
    if (!map.getLayer(layer)) return;
    for (const { at, count } of visibleClusters(
      map.queryRenderedFeatures({ layers: [layer] }),
      countProperty,
    )) {
      const element = document.createElement('span');
      element.className = 'cluster-count';
      element.textContent = format(count);
      element.setAttribute('aria-hidden', 'true');
      element.dataset.count = String(count);
      markers.push(new maplibregl.Marker({ element }).setLngLat(at).addTo(map));
    }
  });
  map.on('remove', clear);
}
