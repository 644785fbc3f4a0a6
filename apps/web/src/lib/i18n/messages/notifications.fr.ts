import type { Section } from './en.js';
import type { notificationsEn } from './notifications.en.js';

export const notificationsFr: Section<typeof notificationsEn> = {
  'notifications.markAllRead': 'Tout marquer comme lu',
  'notifications.allRead': 'Toutes les notifications sont marquées comme lues.',
  'notifications.mailSettings': 'Choisir celles qui me sont envoyées par e-mail',
  'notifications.empty':
    'Aucune notification pour l’instant. Vous serez prévenu ici quand un validateur examinera l’une de vos observations ou posera une question à son sujet, et quand vous obtiendrez un badge.',
  'notifications.new': 'Nouveau',
  'notifications.more': 'Afficher les notifications plus anciennes',
  'notifications.validated': 'Votre observation de {taxon} ({date}) a été examinée',
  'notifications.reidentified': 'Votre observation du {date} a été réidentifiée : {taxon}',
  'notifications.question':
    'Un validateur a une question sur votre observation de {taxon} ({date})',
  'notifications.badge': 'Vous avez obtenu le badge « {name} »',
  'notifications.mail.title': 'Notifications par e-mail',
  'notifications.mail.hint':
    'Toutes les notifications s’affichent dans l’application. Choisissez celles que vous voulez aussi recevoir par e-mail, dans la langue de votre compte.',
  'notifications.mail.legend': 'M’écrire quand',
  'notifications.mail.questions': 'un validateur pose une question sur l’une de mes observations',
  'notifications.mail.judgements': 'un validateur examine ou réidentifie l’une de mes observations',
  'notifications.mail.badges': 'j’obtiens un badge',
  'notifications.mail.saved': 'Vos choix d’e-mails sont enregistrés.',
};
