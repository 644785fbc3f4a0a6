import type { BaseLayer, ProgramDetail, TaxonHit } from '@citizen/shared';
import { version } from '$app/environment';
import { invalidateAll, preloadData } from '$app/navigation';
import { resolve } from '$app/paths';
import { apiPath } from '$lib/api-client/url';
import type { Locale } from '$lib/i18n/locales';
import { ESTIMATED_BYTES, askPersistence } from './budget';
import { pagesCache, PACK_CACHE } from './caches';
import { announceChange } from './changes';
import { offlineDb } from './db';
import { listPacks, type StoredPack } from './stored-pack';
import { tileAddress, tilesIn, type Bbox } from './tiles';

export type { StoredPack };
export { getPack, listPacks } from './stored-pack';

/** The zoom levels a pack may cover; observers choose a range within. */
export const PACK_ZOOMS = { min: 10, max: 17 } as const;
/** Past this many tiles the pack is refused: a smaller range or area, please. */
export const MAX_PACK_TILES = 12_000;
/** The observation tiles stop here (the map draws them over-zoomed beyond). */
const OBSERVATION_MAX_ZOOM = 16;
/** Downloads at once: few, to spare the phone and the tile server. */
const PARALLEL = 4;

export type RasterLayer = Extract<BaseLayer, { type: 'raster' }>;

/** The base layers whose operators allow storing their tiles (and whose addresses we can fill). */
export function packableLayers(layers: BaseLayer[]): RasterLayer[] {
  return layers.filter(
    (layer): layer is RasterLayer =>
      layer.type === 'raster' &&
      layer.offlinePacking === true &&
      layer.tiles.every((template) => tileAddress(template, { z: 0, x: 0, y: 0 }) !== null),
  );
}

export interface PackRequest {
  program: ProgramDetail;
  taxa: TaxonHit[] | null;
  lang: Locale;
  signedIn: boolean;
  /** Null: no base map tiles (the map's own backdrop offline), observations and area only. */
  baseLayer: RasterLayer | null;
  zooms: [number, number];
  /** Names the observation tiles' version, as the map asks for them. */
  dataVersion: string | undefined;
}

/** What a pack downloads: counted and weighed before anything is fetched. */
export interface PackPlan {
  request: PackRequest;
  pages: string[];
  /** Same-origin pictures and observation tiles, and the base layer's tiles. */
  files: { fetch: string; key: string }[];
  tileCount: number;
  estimatedBytes: number;
}

export function planPack(request: PackRequest): PackPlan {
  const { program, taxa, lang, baseLayer, zooms, signedIn } = request;
  const id = String(program.id);
  const pages = [
    resolve('/[lang=locale]/programs/[id=integer]', { lang, id }),
    resolve('/[lang=locale]/programs/[id=integer]/observe', { lang, id }),
    ...(signedIn ? [resolve('/[lang=locale]/dashboard', { lang })] : []),
  ];
  const origin = location.origin;
  const files: PackPlan['files'] = [];
  let estimatedBytes = ESTIMATED_BYTES.pages;

  // Species pictures served by this site (others' servers are not downloaded in bulk).
  for (const taxon of taxa ?? []) {
    const url = taxon.thumbnailUrl && new URL(taxon.thumbnailUrl, origin);
    if (url && url.origin === origin) {
      files.push({ fetch: url.href, key: url.href });
      estimatedBytes += ESTIMATED_BYTES.picture;
    }
  }

  const bbox = program.bbox as Bbox;
  let tileCount = 0;
  const [min, max] = zooms;
  for (const tile of tilesIn(bbox, min, Math.min(max, OBSERVATION_MAX_ZOOM))) {
    // Stored without their query: offline, any version of a tile is better than none.
    const path = `/api/programs/${id}/tiles/${tile.z}/${tile.x}/${tile.y}.mvt`;
    const query = { lang, ...(request.dataVersion ? { v: request.dataVersion } : {}) };
    files.push({ fetch: origin + apiPath(path, { query }), key: origin + path });
    tileCount += 1;
    estimatedBytes += ESTIMATED_BYTES.observationTile;
  }
  if (baseLayer) {
    const templates = baseLayer.tiles;
    for (const tile of tilesIn(bbox, min, Math.min(max, baseLayer.maxzoom ?? max))) {
      // The server MapLibre asks for this tile (it spreads tiles over the listed addresses).
      const template = templates[(tile.x + tile.y) % templates.length]!;
      const url = tileAddress(template, tile);
      if (!url) continue;
      files.push({ fetch: url, key: url });
      tileCount += 1;
      estimatedBytes += ESTIMATED_BYTES.rasterTile;
    }
  }
  return { request, pages, files, tileCount, estimatedBytes };
}

export interface PackProgress {
  done: number;
  total: number;
}

/**
 * Downloads a planned pack: the pages (as HTML, and their data through the service worker,
 * which keeps the API's answers), then pictures and tiles. Returns what was stored and its size.
 * Files that fail are left out (the map shows its backdrop there); the pages must all succeed.
 */
export async function storePack(
  plan: PackPlan,
  onprogress: (progress: PackProgress) => void,
  signal: AbortSignal,
): Promise<StoredPack> {
  await whenControlled();
  await askPersistence();
  const total = plan.pages.length + plan.files.length;
  let done = 0;
  let bytes = 0;
  const tick = () => onprogress({ done: ++done, total });
  onprogress({ done, total });

  // The open page's data (its layouts' too) was loaded before the service worker kept API
  // answers (a first visit), and a preload reuses it: loaded again, through the worker. The
  // static build's pages hold no data: offline they read these answers.
  await invalidateAll();
  const pages = await caches.open(pagesCache(version));
  for (const href of plan.pages) {
    const response = await fetch(href, { credentials: 'same-origin', signal });
    if (!response.ok) throw new Error(`${href}: ${response.status}`);
    bytes += (await response.clone().blob()).size;
    await pages.put(href, response);
    // Runs the page's loads in this tab: the service worker keeps each API answer they fetch.
    await preloadData(href);
    tick();
  }

  const cache = await caches.open(PACK_CACHE);
  const stored: string[] = [];
  const queue = [...plan.files];
  async function worker() {
    for (let file = queue.shift(); file; file = queue.shift()) {
      signal.throwIfAborted();
      try {
        const response = await fetch(file.fetch, { mode: 'cors', signal });
        if (response.ok) {
          bytes += (await response.clone().blob()).size;
          await cache.put(file.key, response);
          stored.push(file.key);
        }
      } catch (cause) {
        if (signal.aborted) throw cause;
      }
      tick();
    }
  }
  await Promise.all(Array.from({ length: PARALLEL }, worker));

  const { program, lang, baseLayer, zooms } = plan.request;
  const pack: StoredPack = {
    programId: program.id,
    title: program.title,
    lang,
    bbox: program.bbox as Bbox,
    zooms,
    baseLayerId: baseLayer?.id ?? null,
    tileCount: plan.tileCount,
    bytes,
    storedAt: new Date().toISOString(),
    pages: plan.pages,
    files: stored,
  };
  await (await offlineDb()).put('packs', pack);
  announceChange();
  return pack;
}

/**
 * Resolves once a service worker controls this page, which the pack needs: the worker keeps the
 * API answers of the pages' loads as they pass. On a first visit `ready` comes before the new
 * worker has claimed the page, and a page whose navigation began before the worker was active
 * and ended after it claimed the open pages is left out: such a page asks the worker to claim
 * it. A pack stored without a controlling worker kept no data (offline, no species to choose).
 * Rejects when no worker takes the page within `timeoutMs`: the download fails and can be
 * tried again.
 */
async function whenControlled(timeoutMs = 10_000): Promise<void> {
  const workers = navigator.serviceWorker;
  const registration = await workers.ready;
  if (workers.controller) return;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error('no service worker controls the page')),
      timeoutMs,
    );
    workers.addEventListener(
      'controllerchange',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
    registration.active?.postMessage({ type: 'claim' });
  });
}

/** Forgets a stored programme and frees its room (files other packs share are kept). */
export async function removePack(programId: number): Promise<void> {
  const db = await offlineDb();
  const pack = await db.get('packs', programId);
  if (!pack) return;
  const others = new Set((await db.getAll('packs')).flatMap((p) => (p === pack ? [] : p.files)));
  const cache = await caches.open(PACK_CACHE);
  await Promise.all(pack.files.filter((url) => !others.has(url)).map((url) => cache.delete(url)));
  await db.delete('packs', programId);
  announceChange();
}

/**
 * After an update the pages of the old version are gone with it: the stored programmes'
 * pages are fetched again (their files stay).
 */
export async function restorePackPages(): Promise<void> {
  const cache = await caches.open(pagesCache(version));
  for (const pack of await listPacks()) {
    for (const href of pack.pages) {
      if (await cache.match(href)) continue;
      try {
        const response = await fetch(href, { credentials: 'same-origin' });
        if (response.ok) await cache.put(href, response);
      } catch {
        return; // offline: next time
      }
    }
  }
}
