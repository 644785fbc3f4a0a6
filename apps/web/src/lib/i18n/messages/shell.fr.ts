import type { Section } from './en.js';
import { loadErrorsFr } from './load-errors.fr.js';
import { offlineFr } from './offline.fr.js';
import type { shellEn } from './shell.en.js';

export const shellFr: Section<typeof shellEn> = {
  ...loadErrorsFr,
  ...offlineFr,
  'nav.skip': 'Aller au contenu',
  'nav.footer': 'Pages du site',
  'nav.about': 'À propos',
  'footer.credit':
    'Propulsé par Citizen, la science participative libre au service de la biodiversité.',

  'home.intro':
    'Rejoignez un programme, découvrez ce que d’autres ont vu et aidez à cartographier la faune et la flore qui vous entourent.',
  'nav.explore': 'Explorer',
  'nav.menu': 'Menu',
  'nav.main': 'Principal',
  'nav.programmes': 'Programmes',
  'nav.dashboard': 'Mes observations',
  'nav.account': 'Mon compte',
  'nav.login': 'Se connecter',
  'nav.logout': 'Se déconnecter',
  'nav.register': 'S’inscrire',
  'nav.validation': 'Validation',
  'nav.admin': 'Administration',

  'notifications.title': 'Notifications',
  'notifications.unreadCount': {
    zero: 'Aucune notification non lue',
    one: '{count} notification non lue',
    other: '{count} notifications non lues',
  },
  'nav.language': 'Langue',
  'error.title': 'Une erreur est survenue',
  'error.notFoundTitle': 'Page introuvable',
  'error.notFound': 'Cette page n’existe pas, ou plus.',
  'error.unavailable': 'Le service est momentanément indisponible. Veuillez réessayer bientôt.',
  'error.unexpected': 'Une erreur inattendue est survenue.',
  'error.home': 'Retour à l’accueil',

  'counts.observations': {
    zero: 'Aucune observation',
    one: '{count} observation',
    other: '{count} observations',
  },
  'counts.species': { zero: 'Aucune espèce', one: '{count} espèce', other: '{count} espèces' },
  'counts.observers': {
    zero: 'Aucun observateur',
    one: '{count} observateur',
    other: '{count} observateurs',
  },
  'counts.programmes': {
    zero: 'Aucun programme',
    one: '{count} programme',
    other: '{count} programmes',
  },
  'home.seeProgrammes': 'Voir les programmes',
  'home.figures': 'Chiffres clés',
  'home.programmes': 'Programmes',
  'home.noProgrammes': 'Aucun programme n’est encore ouvert. Revenez bientôt.',
  'home.takePart': 'Participer',
};
