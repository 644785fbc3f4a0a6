import type { Message } from '../translate.js';

/**
 * The offline texts of the lists and forms (the waiting observations, storing a programme, the
 * observation kept on this device): spread into en.ts, and downloaded by the home and programme
 * pages (which have offline.*.ts with every page's texts) when they show one of those.
 */
export const offlineMoreEn = {
  // The list of waiting observations
  'offline.queueTitle': 'Waiting to be sent',
  'offline.queueIntro':
    'Saved on this device only. They are sent in order as soon as there is a connection.',
  'offline.statusWaiting': 'Waiting to be sent',
  'offline.statusRefused': 'Refused by the server: {reason}',
  'offline.edit': 'Correct',
  'offline.delete': 'Delete',
  'offline.deleteTitle': 'Delete this observation?',
  'offline.deleteText': 'It has not been sent: it will be lost.',
  'offline.photoCount': { zero: 'no photo', one: '{count} photo', other: '{count} photos' },
  'offline.queuedPhoto': 'Photo {n} of {name}',
  // The form
  'offline.savedTitle': 'Saved on this device',
  'offline.savedText':
    'Your observation of {name} will be sent as soon as there is a connection. You can still correct or delete it until then.',
  'offline.another': 'Record another observation',
  'offline.backToProgramme': 'Back to the programme',
  'offline.editing': 'You are correcting an observation that has not been sent yet.',
  'offline.notFound': 'This observation is no longer waiting on this device (sent or deleted).',
  'offline.saveQueued': 'Save on this device',
  'offline.packLayer': 'Base map',
  'offline.packNoLayer': 'None: the area and the observations only',
  'offline.packLayerHint':
    'Only the base maps whose providers allow storing their tiles are offered; elsewhere the map shows a plain backdrop offline.',
  'offline.packFrom': 'From zoom',
  'offline.packTo': 'To zoom',
  'offline.packEstimate': '{tiles} tiles, about {size} to download.',
  'offline.packRoom': 'Room left for stored programmes: {size}.',
  'offline.packTooBig': 'That is more than the room left: choose fewer zoom levels.',
  'offline.packTooManyTiles': 'That is too many tiles: choose fewer zoom levels.',
  'offline.packStart': 'Download',
  'offline.packCancel': 'Cancel',
} satisfies Record<string, Message>;
