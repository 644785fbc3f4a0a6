import type { Section } from './en.js';
import type { speciesEn } from './species.en.js';

export const speciesDe: Section<typeof speciesEn> = {
  // Die Seite einer Art
  'species.family': 'Familie: {family}',
  'species.otherNames': 'Auch genannt: {names}',
  'species.sensitive':
    'Eine sensible Art: Ihre öffentlichen Beobachtungen werden auf einem Raster von {km}-km-Quadraten gezeigt.',
  'species.summary': {
    zero: 'Noch keine öffentliche Beobachtung dieser Art.',
    one: '{count} Beobachtung, am {first}.',
    other: '{count} Beobachtungen, vom {first} bis {last}.',
  },
  'species.photos': 'Fotos',
  'species.noPhotos': 'Noch kein Foto dieser Art.',
  'species.photoAlt': '{name}, beobachtet am {date}',
  'species.map': 'Wo sie gesehen wurde',
  'species.mapLabel': 'Karte der Beobachtungen von {name}',
  'species.mapTruncated': 'Die Karte zeigt die {count} neuesten Beobachtungen.',
  'species.months': 'Beobachtungen nach Monat',
  'species.month': 'Monat',
  'species.observations': 'Beobachtungen',
  'species.programs': 'Programme, in denen sie beobachtet wird',
  'species.programCount': {
    zero: 'keine Beobachtung',
    one: '{count} Beobachtung',
    other: '{count} Beobachtungen',
  },
  // Herunterladen der Daten eines Programms
  'exports.adminTitle': 'Exporte',
  'exports.photos': 'Fotos',
  'exports.anyPhotos': 'Mit oder ohne',
  'exports.withPhotos': 'Mit Fotos',
  'exports.withoutPhotos': 'Ohne Fotos',
  // Art nicht in der Liste
  'offList.open': 'Art nicht in der Liste?',
  'offList.close': 'Zurück zu den Arten des Programms',
  'offList.search': 'In allen Arten suchen',
  'offList.hint': 'Jede Art kann erfasst werden; eine Prüferin oder ein Prüfer sieht sie sich an.',
  'offList.flag': 'Nicht auf der Artenliste des Programms',
  'offList.allow': 'Arten außerhalb der Liste annehmen',
  'offList.allowHint':
    'Beobachtende können auch die ganze Taxonomie durchsuchen; ihre Beobachtungen werden für die Prüfung markiert.',
};
