import type { Message } from '../translate.js';

/** Notifications in English (spread into en.ts): the page, the header's counter, mail choices. */
export const notificationsEn = {
  'notifications.markAllRead': 'Mark all as read',
  'notifications.allRead': 'All notifications are marked as read.',
  'notifications.mailSettings': 'Choose which ones are e-mailed to me',
  'notifications.empty':
    'No notification yet. You will be told here when a validator reviews or asks about one of your observations, and when you earn a badge.',
  'notifications.new': 'New',
  'notifications.more': 'Show older notifications',
  'notifications.validated': 'Your observation of {taxon} ({date}) was reviewed',
  'notifications.reidentified': 'Your observation of {date} was re-identified as {taxon}',
  'notifications.question': 'A validator has a question about your observation of {taxon} ({date})',
  'notifications.badge': 'You earned the badge “{name}”',
  'notifications.mail.title': 'Notifications by e-mail',
  'notifications.mail.hint':
    'Every notification shows in the app. Choose those you also want by e-mail, in the language of your account.',
  'notifications.mail.legend': 'E-mail me when',
  'notifications.mail.questions': 'a validator asks a question about one of my observations',
  'notifications.mail.judgements': 'a validator reviews or re-identifies one of my observations',
  'notifications.mail.badges': 'I earn a badge',
  'notifications.mail.saved': 'Your e-mail choices are saved.',
} satisfies Record<string, Message>;
