import type { Section } from './en.js';
import type { notificationsEn } from './notifications.en.js';

export const notificationsDe: Section<typeof notificationsEn> = {
  'notifications.markAllRead': 'Alle als gelesen markieren',
  'notifications.allRead': 'Alle Benachrichtigungen sind als gelesen markiert.',
  'notifications.mailSettings': 'Wählen, welche ich per E-Mail erhalte',
  'notifications.empty':
    'Noch keine Benachrichtigung. Hier erfahren Sie, wenn eine Prüferin oder ein Prüfer eine Ihrer Beobachtungen prüft oder eine Frage dazu stellt, und wenn Sie ein Abzeichen erhalten.',
  'notifications.new': 'Neu',
  'notifications.more': 'Ältere Benachrichtigungen anzeigen',
  'notifications.validated': 'Ihre Beobachtung von {taxon} ({date}) wurde geprüft',
  'notifications.reidentified': 'Ihre Beobachtung vom {date} wurde neu bestimmt: {taxon}',
  'notifications.question': 'Es gibt eine Frage zu Ihrer Beobachtung von {taxon} ({date})',
  'notifications.badge': 'Sie haben das Abzeichen „{name}“ erhalten',
  'notifications.mail.title': 'Benachrichtigungen per E-Mail',
  'notifications.mail.hint':
    'Alle Benachrichtigungen erscheinen in der Anwendung. Wählen Sie, welche Sie zusätzlich per E-Mail erhalten möchten, in der Sprache Ihres Kontos.',
  'notifications.mail.legend': 'Mir schreiben, wenn',
  'notifications.mail.questions': 'eine Frage zu einer meiner Beobachtungen gestellt wird',
  'notifications.mail.judgements': 'eine meiner Beobachtungen geprüft oder neu bestimmt wird',
  'notifications.mail.badges': 'ich ein Abzeichen erhalte',
  'notifications.mail.saved': 'Ihre E-Mail-Einstellungen sind gespeichert.',
};
