/** [west, south, east, north] in degrees. */
export type Bbox = [number, number, number, number];

export interface TileId {
  z: number;
  x: number;
  y: number;
}

/** Web Mercator's latitude limit: tiles stop there. */
const MAX_LATITUDE = 85.0511287798;

function tileX(longitude: number, z: number): number {
  const n = 2 ** z;
  return Math.min(n - 1, Math.max(0, Math.floor(((longitude + 180) / 360) * n)));
}

function tileY(latitude: number, z: number): number {
  const n = 2 ** z;
  const lat = (Math.max(-MAX_LATITUDE, Math.min(MAX_LATITUDE, latitude)) * Math.PI) / 180;
  const y = Math.floor(((1 - Math.log(Math.tan(lat) + 1 / Math.cos(lat)) / Math.PI) / 2) * n);
  return Math.min(n - 1, Math.max(0, y));
}

/** The range of tiles covering the box at one zoom level. */
function rangeAt([west, south, east, north]: Bbox, z: number) {
  return { x0: tileX(west, z), x1: tileX(east, z), y0: tileY(north, z), y1: tileY(south, z) };
}

/** How many tiles cover the box from zoom `min` to `max` (both included). */
export function countTiles(bbox: Bbox, min: number, max: number): number {
  let count = 0;
  for (let z = min; z <= max; z++) {
    const { x0, x1, y0, y1 } = rangeAt(bbox, z);
    count += (x1 - x0 + 1) * (y1 - y0 + 1);
  }
  return count;
}

/** The tiles covering the box from zoom `min` to `max`, lowest zoom first. */
export function* tilesIn(bbox: Bbox, min: number, max: number): Generator<TileId> {
  for (let z = min; z <= max; z++) {
    const { x0, x1, y0, y1 } = rangeAt(bbox, z);
    for (let x = x0; x <= x1; x++) for (let y = y0; y <= y1; y++) yield { z, x, y };
  }
}

/**
 * A tile's address from a `{z}/{x}/{y}` template, or null for templates the pack cannot fill
 * (quadkeys, bbox, subdomain lists).
 */
export function tileAddress(template: string, { z, x, y }: TileId): string | null {
  const filled = template
    .replaceAll('{z}', String(z))
    .replaceAll('{x}', String(x))
    .replaceAll('{y}', String(y));
  return /\{[^}]*\}/.test(filled) ? null : filled;
}
