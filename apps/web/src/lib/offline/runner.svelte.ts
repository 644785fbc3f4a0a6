import { invalidateAll } from '$app/navigation';
import { dev } from '$app/environment';
import { base } from '$app/paths';
import { onChange } from './changes';
import { listQueued } from './queue';
import { listPacks } from './stored-pack';
import type { SyncOutcome, SyncProgress } from './sync';

/** What the pages show of the offline machinery: connection, queue, sending, updates. */
class OfflineState {
  online = $state(true);
  waiting = $state(0);
  refused = $state(0);
  progress = $state<SyncProgress | null>(null);
  last = $state<SyncOutcome | null>(null);
  updateReady = $state(false);
}

export const offline = new OfflineState();

async function count() {
  const queue = await listQueued();
  offline.waiting = queue.filter((item) => item.status === 'waiting').length;
  offline.refused = queue.length - offline.waiting;
}

let running: Promise<SyncOutcome> | undefined;

/** After a run stopped by the network or the server, the next try: sooner first, then less often. */
const RETRY_FIRST_MS = 10_000;
const RETRY_MAX_MS = 5 * 60_000;
let retryDelay = RETRY_FIRST_MS;
let retryTimer: ReturnType<typeof setTimeout> | undefined;

/**
 * The browser says "online" before the network answers (a weak signal, a captive portal), and a
 * server being updated answers 503 for a while: such a stop is tried again without waiting for
 * the next "online" event or page.
 */
function retryLater(outcome: SyncOutcome) {
  clearTimeout(retryTimer);
  if (outcome.stopped !== 'offline' && outcome.stopped !== 'server') {
    retryDelay = RETRY_FIRST_MS;
    return;
  }
  retryTimer = setTimeout(() => {
    if (navigator.onLine && offline.waiting > 0) void syncNow();
  }, retryDelay);
  retryDelay = Math.min(retryDelay * 2, RETRY_MAX_MS);
}

/** Sends the queue now (one run at a time, across tabs where the browser can lock). */
export function syncNow(): Promise<SyncOutcome> {
  running ??= (async () => {
    try {
      // The sending code comes when there is something to send (offline, from the service
      // worker's cache; where there is none, unreachable like the server: tried again later).
      const loaded = await Promise.all([import('./sync'), import('./transport')]).catch(() => null);
      if (!loaded) {
        const outcome: SyncOutcome = { sent: 0, refused: 0, stopped: 'offline' };
        retryLater(outcome);
        return outcome;
      }
      const [{ sendQueue }, { apiTransport }] = loaded;
      const run = () => sendQueue(apiTransport, (progress) => (offline.progress = progress));
      const outcome = navigator.locks
        ? await navigator.locks.request('citizen-sync', run)
        : await run();
      offline.last = outcome;
      retryLater(outcome);
      if (outcome.sent > 0) await invalidateAll();
      return outcome;
    } finally {
      offline.progress = null;
      running = undefined;
    }
  })();
  return running;
}

/**
 * Started once by the root layout: follows the connection and the queue, sends the queue when
 * the connection comes back (and now, if there is one), and watches for a new version.
 */
export function startOffline(): () => void {
  offline.online = navigator.onLine;
  const sendIfOnline = () => {
    if (navigator.onLine && offline.waiting > 0) void syncNow();
  };
  const ononline = () => {
    offline.online = true;
    sendIfOnline();
  };
  const onoffline = () => (offline.online = false);
  addEventListener('online', ononline);
  addEventListener('offline', onoffline);
  const stop = onChange(() => void count());
  void count().then(sendIfOnline);
  void watchUpdates();
  return () => {
    removeEventListener('online', ononline);
    removeEventListener('offline', onoffline);
    stop();
  };
}

let waitingWorker: ServiceWorker | null = null;

/** Registers the service worker; undefined where the browser has none or refuses it. */
async function registerWorker(): Promise<ServiceWorkerRegistration | undefined> {
  if (!('serviceWorker' in navigator)) return undefined;
  try {
    return await navigator.serviceWorker.register(`${base}/service-worker.js`, {
      type: dev ? 'module' : 'classic',
    });
  } catch {
    // Storage denied (private modes, blocked site data): the pages work online all the same.
    return undefined;
  }
}

async function watchUpdates() {
  const registration = await registerWorker();
  if (!registration) return;
  const announce = (worker: ServiceWorker | null) => {
    // The first install has nothing to replace: only a worker waiting behind another is news.
    if (worker && navigator.serviceWorker.controller) {
      waitingWorker = worker;
      offline.updateReady = true;
    }
  };
  const follow = (worker: ServiceWorker | null) =>
    worker?.addEventListener('statechange', () => {
      if (worker.state === 'installed') announce(worker);
    });
  announce(registration.waiting);
  // Found by the check this page's navigation made, before this script ran: installing already.
  follow(registration.installing);
  registration.addEventListener('updatefound', () => follow(registration.installing));
  // A check now and then: a page left open for days learns of new versions too.
  setInterval(() => void registration.update().catch(() => {}), 30 * 60_000);
  // The code that stores programmes, only on devices that store some.
  if ((await listPacks()).length > 0) await (await import('./pack')).restorePackPages();
}

/** Applies the waiting version: the worker takes over, then the page reloads onto it. */
export function applyUpdate(): void {
  if (!waitingWorker) return;
  navigator.serviceWorker.addEventListener('controllerchange', () => location.reload(), {
    once: true,
  });
  waitingWorker.postMessage({ type: 'apply-update' });
}
