import type { Section } from './en.js';
import type { offlineMoreEn } from './offline-more.en.js';

export const offlineMoreDe: Section<typeof offlineMoreEn> = {
  // Die Liste der wartenden Beobachtungen
  'offline.queueTitle': 'Warten auf das Senden',
  'offline.queueIntro':
    'Nur auf diesem Gerät gespeichert. Sie werden der Reihe nach gesendet, sobald eine Verbindung besteht.',
  'offline.statusWaiting': 'Wartet auf das Senden',
  'offline.statusRefused': 'Vom Server abgelehnt: {reason}',
  'offline.edit': 'Korrigieren',
  'offline.delete': 'Löschen',
  'offline.deleteTitle': 'Diese Beobachtung löschen?',
  'offline.deleteText': 'Sie wurde nicht gesendet: Sie geht verloren.',
  'offline.photoCount': { zero: 'kein Foto', one: '{count} Foto', other: '{count} Fotos' },
  'offline.queuedPhoto': 'Foto {n} von {name}',
  // Das Formular
  'offline.savedTitle': 'Auf diesem Gerät gespeichert',
  'offline.savedText':
    'Ihre Beobachtung von {name} wird gesendet, sobald eine Verbindung besteht. Bis dahin können Sie sie noch korrigieren oder löschen.',
  'offline.another': 'Eine weitere Beobachtung erfassen',
  'offline.backToProgramme': 'Zurück zum Programm',
  'offline.editing': 'Sie korrigieren eine Beobachtung, die noch nicht gesendet wurde.',
  'offline.notFound':
    'Diese Beobachtung wartet nicht mehr auf diesem Gerät (gesendet oder gelöscht).',
  'offline.saveQueued': 'Auf diesem Gerät speichern',
  'offline.packLayer': 'Hintergrundkarte',
  'offline.packNoLayer': 'Keine: nur das Gebiet und die Beobachtungen',
  'offline.packLayerHint':
    'Angeboten werden nur Hintergrundkarten, deren Anbieter das Speichern ihrer Kacheln erlaubt; sonst zeigt die Karte offline einen schlichten Hintergrund.',
  'offline.packFrom': 'Von Zoomstufe',
  'offline.packTo': 'Bis Zoomstufe',
  'offline.packEstimate': '{tiles} Kacheln, etwa {size} herunterzuladen.',
  'offline.packRoom': 'Verbleibender Platz für gespeicherte Programme: {size}.',
  'offline.packTooBig': 'Das ist mehr als der verbleibende Platz: Wählen Sie weniger Zoomstufen.',
  'offline.packTooManyTiles': 'Das sind zu viele Kacheln: Wählen Sie weniger Zoomstufen.',
  'offline.packStart': 'Herunterladen',
  'offline.packCancel': 'Abbrechen',
};
