import { LRUCache } from 'lru-cache';

/** Memory kept for built tiles, by default. */
export const TILE_CACHE_BYTES = 64 * 1024 * 1024;
/** What an entry costs beside its bytes (key, bookkeeping), so that empty tiles count too. */
const ENTRY_OVERHEAD = 256;

/**
 * Tiles already built, the most recently used first, by a key naming everything a tile is made
 * of. The tiles service uses its ETag, which holds the programme's data version (any change to
 * its observations, their sensitivity included), the reference data version, the filter, the
 * language and who looks (the public, one observer, or validators and admins): a tile is only
 * served to eyes that may see it, and a change leaves the older tiles unreachable until they age
 * out. Requests for a tile being built wait for the same build; a failed build is not kept.
 */
export function createTileCache(maxBytes = TILE_CACHE_BYTES) {
  const cache = new LRUCache<string, Buffer, () => Promise<Buffer>>({
    maxSize: maxBytes,
    sizeCalculation: (tile) => tile.length + ENTRY_OVERHEAD,
    fetchMethod: (_key, _stale, { context: build }) => build(),
  });
  return {
    async get(key: string, build: () => Promise<Buffer>): Promise<Buffer> {
      return (await cache.fetch(key, { context: build }))!;
    },
  };
}

export type TileCache = ReturnType<typeof createTileCache>;
