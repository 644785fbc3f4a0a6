import type { Message } from '../translate.js';

/** The offline texts in English (spread into en.ts): stored programmes, the queue, updates. */
export const offlineEn = {
  // The bar under the header
  'offline.offline':
    'You are offline. The observations you record are kept on this device and sent when the connection returns.',
  'offline.waiting': {
    one: '{count} observation is waiting to be sent.',
    other: '{count} observations are waiting to be sent.',
  },
  'offline.refusedCount': {
    one: '{count} observation was refused: see why and correct it.',
    other: '{count} observations were refused: see why and correct them.',
  },
  'offline.sendNow': 'Send now',
  'offline.sending': 'Sending {done} of {total}…',
  'offline.sent': { one: '{count} observation sent.', other: '{count} observations sent.' },
  'offline.loginAgain': 'Your session has ended: log in again to send your observations.',
  'offline.serverTrouble': 'The server could not take them now; they will be sent later.',
  'offline.update': 'A new version of the site is available.',
  'offline.updateKeeps': 'Your observations waiting to be sent stay on this device.',
  'offline.updateNow': 'Update now',
  'offline.seeQueue': 'See them',
  // Stored programmes
  'offline.packTitle': 'Use offline',
  'offline.packIntro':
    'Store this programme on this device to record observations where there is no signal: its page, its form, its species and its map.',
  'offline.packStored': 'Stored for offline use on {date}: {size}, map zoom {min} to {max}{layer}.',
  'offline.packWithLayer': ', base map {name}',
  'offline.packRefresh': 'Store again',
  'offline.packRemove': 'Remove from this device',
  'offline.packProgress': 'Downloading: {done} of {total}',
  'offline.packDone': 'Stored: this programme works offline on this device.',
  'offline.packFailed': 'The download failed; nothing was stored. Try again with a connection.',
  'offline.packNeedsWorker': 'This browser cannot store pages for offline use (no service worker).',
  'offline.mapStored': 'Map stored for offline use: zoom {min} to {max}, inside the frame.',
  'offline.mapStoredNoLayer':
    'Stored for offline use without a base map: the area and the observations, zoom {min} to {max}, inside the frame.',
} satisfies Record<string, Message>;
