/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
/**
 * The service worker: the app's files from the cache, pages and API answers from the network
 * and, when it cannot be reached, as last fetched; the tiles and pictures of stored programmes.
 * A new version waits until the page says to apply it (the offline queue is in IndexedDB and
 * stays through updates); it fetches the stored programmes' pages while it installs, so that
 * they open offline as soon as it takes over.
 */
import { build, files, version } from '$service-worker';
import {
  API_CACHE,
  API_CACHE_LIMIT,
  isCachedApi,
  isObservationTile,
  PACK_CACHE,
  pagesCache,
  shellCache,
} from '$lib/offline/caches';
import { offlineDb } from '$lib/offline/db';

const sw = self as unknown as ServiceWorkerGlobalScope;
const SHELL = shellCache(version);
const PAGES = pagesCache(version);
/** The static build's single page, which renders any address in the browser. */
const SPA_PAGE = '/index.html';
const isSpa = import.meta.env.VITE_SPA === '1';

sw.addEventListener('install', (event) => {
  const shell = [...build, ...files, ...(isSpa ? [SPA_PAGE] : [])];
  event.waitUntil(
    Promise.all([caches.open(SHELL).then((cache) => cache.addAll(shell)), storePackPages()]),
  );
});

/**
 * The stored programmes' pages as this version renders them (a page names its version's files,
 * and the previous version's pages go with it): fetched while installing, which happens online.
 */
async function storePackPages(): Promise<void> {
  try {
    const packs = await (await offlineDb()).getAll('packs');
    const cache = await caches.open(PAGES);
    for (const href of new Set(packs.flatMap((pack) => pack.pages))) {
      const response = await fetch(href, { credentials: 'same-origin' });
      if (response.ok) await cache.put(href, response);
    }
  } catch {
    // Not all of them: the pages store the rest when next opened online (restorePackPages).
  }
}

sw.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        const versioned = name.startsWith('citizen-shell-') || name.startsWith('citizen-pages-');
        if (versioned && name !== SHELL && name !== PAGES) await caches.delete(name);
      }
      await sw.clients.claim();
    })(),
  );
});

sw.addEventListener('message', (event) => {
  const type = (event.data as { type?: string } | null)?.type;
  if (type === 'apply-update') void sw.skipWaiting();
  // A page whose navigation began before this worker was active, and ended after it claimed the
  // pages open then, stays uncontrolled: it asks (lib/offline/pack.ts).
  if (type === 'claim') event.waitUntil(sw.clients.claim());
});

sw.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);

  if (url.origin !== sw.location.origin) {
    // A stored base-map tile; anything else goes to the network untouched.
    event.respondWith(fromCacheElseNetwork(PACK_CACHE, request));
    return;
  }
  if (request.mode === 'navigate') {
    event.respondWith(page(request));
  } else if (build.includes(url.pathname) || files.includes(url.pathname)) {
    event.respondWith(fromCacheElseNetwork(SHELL, request));
  } else if (isObservationTile(url.pathname)) {
    event.respondWith(networkElse(request, () => caches.match(url.origin + url.pathname)));
  } else if (url.pathname.startsWith('/api/media/')) {
    event.respondWith(fromCacheElseNetwork(PACK_CACHE, request));
  } else if (isCachedApi(url.pathname)) {
    event.respondWith(api(request));
  }
});

async function fromCacheElseNetwork(cacheName: string, request: Request): Promise<Response> {
  // Stored by address alone: a tile server's Vary (Accept, Origin…) must not hide its tiles.
  const cached = await (await caches.open(cacheName)).match(request, { ignoreVary: true });
  return cached ?? fetch(request);
}

/** The network's answer; when it cannot be reached, the fallback's (else the network error). */
async function networkElse(
  request: Request,
  fallback: () => Promise<Response | undefined>,
): Promise<Response> {
  try {
    return await fetch(request);
  } catch (cause) {
    const stored = await fallback();
    if (stored) return stored;
    throw cause;
  }
}

/** Pages: always fresh when online (and kept); offline, as last seen, else the app's shell. */
async function page(request: Request): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(request);
  } catch (cause) {
    const stored =
      (await caches.match(request, { cacheName: PAGES })) ??
      (await caches.match(request, { cacheName: PAGES, ignoreSearch: true })) ??
      (isSpa ? await caches.match(SPA_PAGE, { cacheName: SHELL }) : undefined);
    if (stored) return stored;
    throw cause;
  }
  if (response.ok && response.type === 'basic') {
    await (await caches.open(PAGES)).put(request, response.clone());
  }
  return response;
}

/** API answers: fresh when online (and kept, the oldest dropped past the limit); offline, as kept. */
async function api(request: Request): Promise<Response> {
  const cache = await caches.open(API_CACHE);
  let response: Response;
  try {
    // The HTTP cache's copy would do offline but not online: ask the server.
    response = await fetch(request);
  } catch (cause) {
    const stored = await cache.match(request);
    if (stored) return stored;
    throw cause;
  }
  if (response.ok) {
    await cache.put(request, response.clone());
    const keys = await cache.keys();
    for (const old of keys.slice(0, Math.max(0, keys.length - API_CACHE_LIMIT))) {
      await cache.delete(old);
    }
  }
  return response;
}
