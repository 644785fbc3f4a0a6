import type { Section } from './en.js';
import type { offlineEn } from './offline.en.js';

export const offlineFr: Section<typeof offlineEn> = {
  // Le bandeau sous l'en-tête
  'offline.offline':
    'Vous êtes hors ligne. Les observations que vous saisissez sont gardées sur cet appareil et envoyées au retour de la connexion.',
  'offline.waiting': {
    one: '{count} observation attend d’être envoyée.',
    other: '{count} observations attendent d’être envoyées.',
  },
  'offline.refusedCount': {
    one: '{count} observation a été refusée : voyez pourquoi et corrigez-la.',
    other: '{count} observations ont été refusées : voyez pourquoi et corrigez-les.',
  },
  'offline.sendNow': 'Envoyer maintenant',
  'offline.sending': 'Envoi de {done} sur {total}…',
  'offline.sent': { one: '{count} observation envoyée.', other: '{count} observations envoyées.' },
  'offline.loginAgain':
    'Votre session a pris fin : reconnectez-vous pour envoyer vos observations.',
  'offline.serverTrouble':
    'Le serveur n’a pas pu les recevoir pour l’instant ; elles seront envoyées plus tard.',
  'offline.update': 'Une nouvelle version du site est disponible.',
  'offline.updateKeeps': 'Vos observations en attente d’envoi restent sur cet appareil.',
  'offline.updateNow': 'Mettre à jour',
  'offline.seeQueue': 'Les voir',
  // Programmes enregistrés
  'offline.packTitle': 'Utiliser hors ligne',
  'offline.packIntro':
    'Enregistrez ce programme sur cet appareil pour saisir des observations là où il n’y a pas de réseau : sa page, son formulaire, ses espèces et sa carte.',
  'offline.packStored':
    'Enregistré pour une utilisation hors ligne le {date} : {size}, carte du zoom {min} au zoom {max}{layer}.',
  'offline.packWithLayer': ', fond de carte {name}',
  'offline.packRefresh': 'Enregistrer à nouveau',
  'offline.packRemove': 'Retirer de cet appareil',
  'offline.packProgress': 'Téléchargement : {done} sur {total}',
  'offline.packDone': 'Enregistré : ce programme fonctionne hors ligne sur cet appareil.',
  'offline.packFailed':
    'Le téléchargement a échoué ; rien n’a été enregistré. Réessayez avec une connexion.',
  'offline.packNeedsWorker':
    'Ce navigateur ne peut pas enregistrer de pages pour une utilisation hors ligne (pas de service worker).',
  'offline.mapStored':
    'Carte enregistrée pour une utilisation hors ligne : zoom {min} à {max}, dans le cadre.',
  'offline.mapStoredNoLayer':
    'Enregistré pour une utilisation hors ligne sans fond de carte : la zone et les observations, zoom {min} à {max}, dans le cadre.',
};
