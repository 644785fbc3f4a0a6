import type { Section } from './en.js';
import type { offlineEn } from './offline.en.js';

export const offlineDe: Section<typeof offlineEn> = {
  // Die Leiste unter der Kopfzeile
  'offline.offline':
    'Sie sind offline. Ihre Beobachtungen bleiben auf diesem Gerät und werden gesendet, sobald die Verbindung zurück ist.',
  'offline.waiting': {
    one: '{count} Beobachtung wartet auf das Senden.',
    other: '{count} Beobachtungen warten auf das Senden.',
  },
  'offline.refusedCount': {
    one: '{count} Beobachtung wurde abgelehnt: sehen Sie den Grund und korrigieren Sie sie.',
    other: '{count} Beobachtungen wurden abgelehnt: sehen Sie die Gründe und korrigieren Sie sie.',
  },
  'offline.sendNow': 'Jetzt senden',
  'offline.sending': '{done} von {total} wird gesendet …',
  'offline.sent': {
    one: '{count} Beobachtung gesendet.',
    other: '{count} Beobachtungen gesendet.',
  },
  'offline.loginAgain':
    'Ihre Sitzung ist abgelaufen: Melden Sie sich erneut an, um Ihre Beobachtungen zu senden.',
  'offline.serverTrouble':
    'Der Server konnte sie gerade nicht annehmen; sie werden später gesendet.',
  'offline.update': 'Eine neue Version der Website ist verfügbar.',
  'offline.updateKeeps': 'Ihre noch nicht gesendeten Beobachtungen bleiben auf diesem Gerät.',
  'offline.updateNow': 'Jetzt aktualisieren',
  'offline.seeQueue': 'Ansehen',
  // Gespeicherte Programme
  'offline.packTitle': 'Offline nutzen',
  'offline.packIntro':
    'Speichern Sie dieses Programm auf diesem Gerät, um auch ohne Netz Beobachtungen zu erfassen: seine Seite, sein Formular, seine Arten und seine Karte.',
  'offline.packStored':
    'Am {date} für die Offline-Nutzung gespeichert: {size}, Karte von Zoomstufe {min} bis {max}{layer}.',
  'offline.packWithLayer': ', Hintergrundkarte {name}',
  'offline.packRefresh': 'Erneut speichern',
  'offline.packRemove': 'Von diesem Gerät entfernen',
  'offline.packProgress': 'Download: {done} von {total}',
  'offline.packDone': 'Gespeichert: Dieses Programm funktioniert offline auf diesem Gerät.',
  'offline.packFailed':
    'Der Download ist fehlgeschlagen; nichts wurde gespeichert. Versuchen Sie es mit einer Verbindung erneut.',
  'offline.packNeedsWorker':
    'Dieser Browser kann keine Seiten für die Offline-Nutzung speichern (kein Service Worker).',
  'offline.mapStored':
    'Karte für die Offline-Nutzung gespeichert: Zoom {min} bis {max}, innerhalb des Rahmens.',
  'offline.mapStoredNoLayer':
    'Ohne Hintergrundkarte für die Offline-Nutzung gespeichert: das Gebiet und die Beobachtungen, Zoom {min} bis {max}, innerhalb des Rahmens.',
};
