import type { BaseLayer, PolygonalGeometry } from '@citizen/shared';
import { offlineDb } from './db';
import type { StoredPack } from './stored-pack';
import type { Bbox } from './tiles';

/** What a programme stored on this device holds of its map: the maps show it offline. */
export type StoredMap = Pick<StoredPack, 'bbox' | 'zooms' | 'baseLayerId'>;

/**
 * The programme's stored map when the device is offline (undefined online, when nothing is
 * stored, or where the browser has no IndexedDB): online, every tile comes from its server.
 */
export async function storedMapOffline(programId: number): Promise<StoredMap | undefined> {
  if (navigator.onLine || !('indexedDB' in globalThis)) return undefined;
  try {
    const pack = await (await offlineDb()).get('packs', programId);
    return pack && { bbox: pack.bbox, zooms: pack.zooms, baseLayerId: pack.baseLayerId };
  } catch {
    return undefined;
  }
}

/**
 * The base layers as an offline map offers them: the stored one first (whatever the site lists
 * first, its tiles are the ones on the device), its highest stored zoom as its last, so that
 * MapLibre enlarges those tiles when zoomed further in instead of asking for missing ones.
 */
export function offlineBaseLayers(layers: BaseLayer[], stored: StoredMap): BaseLayer[] {
  const packed = layers.find((layer) => layer.id === stored.baseLayerId);
  if (packed?.type !== 'raster') return layers;
  const maxzoom = Math.min(packed.maxzoom ?? stored.zooms[1], stored.zooms[1]);
  return [{ ...packed, maxzoom }, ...layers.filter((layer) => layer !== packed)];
}

/** The stored box as a polygon, to draw its frame on the map. */
export function coverageFrame([west, south, east, north]: Bbox): PolygonalGeometry {
  return {
    type: 'Polygon',
    coordinates: [
      [
        [west, south],
        [east, south],
        [east, north],
        [west, north],
        [west, south],
      ],
    ],
  };
}
