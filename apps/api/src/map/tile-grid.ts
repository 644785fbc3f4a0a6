import type { BBox } from '../observations/filters.js';

export const TILE_EXTENT = 4096;
/** Points this far (in tile units) beyond the edge are kept, so that symbols are not cut. */
export const TILE_BUFFER = 64;
/**
 * A tile shows its observations as points when it holds at most this many, as cells beyond:
 * 1000 points (a unique id each) make a tile of about 65 kB, built in 10-20 ms.
 */
export const TILE_POINT_LIMIT = 1000;
/** Cells per tile side, as a power of 2: 16 × 16 cells, i.e. 32 px cells on a 512 px tile. */
export const CELLS_LOG2 = 4;
/** The finest level of observation_cells (migration 0005). */
export const CELL_TABLE_MAX_LEVEL = 16;
/**
 * The levels of observation_cell_facets (migrations 0024, 0026: by taxon): tiles up to zoom 4 add
 * up level 8, up to zoom 8 level 12 (their cells, of level z + 4, are unions of these).
 */
export const FACET_LEVELS = [8, 12] as const;
export const FACET_MAX_LEVEL = 12;
/**
 * The levels of observation_cell_status_years (migration 0026: every taxon, by status and year):
 * tiles up to zoom 4 add up level 8, zooms 5-6 level 10, 7-8 level 12, 9-12 their own cells'.
 */
export const STATUS_YEAR_LEVELS = [8, 10, 12, 13, 14, 15, 16] as const;
export const STATUS_YEAR_MAX_LEVEL = 16;
/** Level of the map keys of migration 0011 (public_mx, public_my, public_key). */
export const KEY_LEVEL = 24;

const mercatorLon = (u: number) => Math.min(Math.max(u, 0), 1) * 360 - 180;
const mercatorLat = (v: number) =>
  (Math.atan(Math.sinh(Math.PI * (1 - 2 * Math.min(Math.max(v, 0), 1)))) * 180) / Math.PI;

function spread(v: number): bigint {
  let s = BigInt(v) & 0xffffffn;
  s = (s | (s << 16n)) & 0x0000ffff0000ffffn;
  s = (s | (s << 8n)) & 0x00ff00ff00ff00ffn;
  s = (s | (s << 4n)) & 0x0f0f0f0f0f0f0f0fn;
  s = (s | (s << 2n)) & 0x3333333333333333n;
  s = (s | (s << 1n)) & 0x5555555555555555n;
  return s;
}

/** The Morton key of cell (x, y) of level 24, as morton_key() in SQL (migration 0011). */
export function mortonKey(x: number, y: number): bigint {
  return spread(x) | (spread(y) << 1n);
}

/** The tile's bounds in degrees, grown by `buffer` (a fraction of the tile's side). */
export function tileBounds(z: number, x: number, y: number, buffer = 0): BBox {
  const n = 2 ** z;
  return [
    mercatorLon((x - buffer) / n),
    mercatorLat((y + 1 + buffer) / n),
    mercatorLon((x + 1 + buffer) / n),
    mercatorLat((y - buffer) / n),
  ];
}

/** The range of level-24 Morton keys of cell (cx, cy) of `level`: a cell's keys are contiguous. */
function cellKeys(level: number, cx: number, cy: number): [bigint, bigint] {
  const shift = KEY_LEVEL - level;
  const first = mortonKey(cx * 2 ** shift, cy * 2 ** shift);
  return [first, first + 4n ** BigInt(shift) - 1n];
}

type TileKeys = {
  /** [first, last] ranges of map keys, sorted, adjacent ones merged. */
  ranges: [bigint, bigint][];
  /** The level-24 cells holding the tile (grown by `buffer`), one cell more on each side. */
  mx: [number, number];
  my: [number, number];
};

/**
 * The map keys (migration 0011) of every point of tile (z, x, y) grown by `buffer` (a fraction of
 * its side, up to 1/8): the key ranges of the tile and, with a buffer, of a ring of cells of level
 * z + 3 around it, within the world; and the level-24 cells of the grown tile, one more on each
 * side for the rounding of the bounding-box test. A superset of the tile's points, to narrow an
 * index scan; the exact spatial test stays beside it.
 */
export function tileKeys(z: number, x: number, y: number, buffer = 0): TileKeys {
  const ranges = [cellKeys(z, x, y)];
  if (buffer > 0) {
    const level = Math.min(z + 3, KEY_LEVEL);
    const side = 2 ** (level - z);
    const cells = 2 ** level;
    const [x0, y0] = [x * side - 1, y * side - 1];
    for (let cy = y0; cy <= y0 + side + 1; cy++) {
      for (let cx = x0; cx <= x0 + side + 1; cx++) {
        const inside = cx > x0 && cx <= x0 + side && cy > y0 && cy <= y0 + side;
        if (inside || cx < 0 || cy < 0 || cx >= cells || cy >= cells) continue;
        ranges.push(cellKeys(level, cx, cy));
      }
    }
  }
  ranges.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const merged: [bigint, bigint][] = [];
  for (const range of ranges) {
    const last = merged.at(-1);
    if (last && range[0] <= last[1] + 1n) last[1] = range[1] > last[1] ? range[1] : last[1];
    else merged.push(range);
  }
  const scale = 2 ** (KEY_LEVEL - z);
  const span = (t: number): [number, number] => [
    Math.max(Math.floor((t - buffer) * scale) - 1, 0),
    Math.min(Math.ceil((t + 1 + buffer) * scale) + 1, 2 ** KEY_LEVEL - 1),
  ];
  return { ranges: merged, mx: span(x), my: span(y) };
}
