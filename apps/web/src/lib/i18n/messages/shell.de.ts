import type { Section } from './en.js';
import { loadErrorsDe } from './load-errors.de.js';
import { offlineDe } from './offline.de.js';
import type { shellEn } from './shell.en.js';

export const shellDe: Section<typeof shellEn> = {
  ...loadErrorsDe,
  ...offlineDe,
  'nav.skip': 'Zum Inhalt springen',
  'nav.footer': 'Seiten der Website',
  'nav.about': 'Über uns',
  'footer.credit': 'Betrieben mit Citizen, freier Bürgerwissenschaft für die Artenvielfalt.',

  'home.intro':
    'Machen Sie bei einem Programm mit, entdecken Sie, was andere gesehen haben, und helfen Sie, die Natur in Ihrer Umgebung zu kartieren.',
  'nav.explore': 'Entdecken',
  'nav.menu': 'Menü',
  'nav.main': 'Hauptmenü',
  'nav.programmes': 'Programme',
  'nav.dashboard': 'Meine Beobachtungen',
  'nav.account': 'Mein Konto',
  'nav.login': 'Anmelden',
  'nav.logout': 'Abmelden',
  'nav.register': 'Registrieren',
  'nav.validation': 'Validierung',
  'nav.admin': 'Verwaltung',

  'notifications.title': 'Benachrichtigungen',
  'notifications.unreadCount': {
    zero: 'Keine ungelesene Benachrichtigung',
    one: '{count} ungelesene Benachrichtigung',
    other: '{count} ungelesene Benachrichtigungen',
  },
  'nav.language': 'Sprache',
  'error.title': 'Ein Fehler ist aufgetreten',
  'error.notFoundTitle': 'Seite nicht gefunden',
  'error.notFound': 'Diese Seite gibt es nicht oder nicht mehr.',
  'error.unavailable':
    'Der Dienst ist vorübergehend nicht verfügbar. Bitte versuchen Sie es bald erneut.',
  'error.unexpected': 'Ein unerwarteter Fehler ist aufgetreten.',
  'error.home': 'Zurück zur Startseite',

  'counts.observations': {
    zero: 'Keine Beobachtungen',
    one: '{count} Beobachtung',
    other: '{count} Beobachtungen',
  },
  'counts.species': { zero: 'Keine Arten', one: '{count} Art', other: '{count} Arten' },
  'counts.observers': {
    zero: 'Keine Beobachtenden',
    one: '{count} Beobachter/in',
    other: '{count} Beobachtende',
  },
  'counts.programmes': {
    zero: 'Keine Programme',
    one: '{count} Programm',
    other: '{count} Programme',
  },
  'home.seeProgrammes': 'Zu den Programmen',
  'home.figures': 'Kennzahlen',
  'home.programmes': 'Programme',
  'home.noProgrammes': 'Noch ist kein Programm geöffnet. Schauen Sie bald wieder vorbei.',
  'home.takePart': 'Mitmachen',
};
