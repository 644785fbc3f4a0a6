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
  // La liste des observations en attente
  'offline.queueTitle': 'En attente d’envoi',
  'offline.queueIntro':
    'Enregistrées sur cet appareil seulement. Elles sont envoyées dans l’ordre dès qu’il y a une connexion.',
  'offline.statusWaiting': 'En attente d’envoi',
  'offline.statusRefused': 'Refusée par le serveur : {reason}',
  'offline.edit': 'Corriger',
  'offline.delete': 'Supprimer',
  'offline.deleteTitle': 'Supprimer cette observation ?',
  'offline.deleteText': 'Elle n’a pas été envoyée : elle sera perdue.',
  'offline.photoCount': { zero: 'aucune photo', one: '{count} photo', other: '{count} photos' },
  'offline.queuedPhoto': 'Photo {n} de {name}',
  // Le formulaire
  'offline.savedTitle': 'Enregistrée sur cet appareil',
  'offline.savedText':
    'Votre observation de {name} sera envoyée dès qu’il y aura une connexion. D’ici là, vous pouvez encore la corriger ou la supprimer.',
  'offline.another': 'Saisir une autre observation',
  'offline.backToProgramme': 'Retour au programme',
  'offline.editing': 'Vous corrigez une observation qui n’a pas encore été envoyée.',
  'offline.notFound':
    'Cette observation n’est plus en attente sur cet appareil (envoyée ou supprimée).',
  'offline.saveQueued': 'Enregistrer sur cet appareil',
  // Programmes enregistrés
  'offline.packTitle': 'Utiliser hors ligne',
  'offline.packIntro':
    'Enregistrez ce programme sur cet appareil pour saisir des observations là où il n’y a pas de réseau : sa page, son formulaire, ses espèces et sa carte.',
  'offline.packStored':
    'Enregistré pour une utilisation hors ligne le {date} : {size}, carte du zoom {min} au zoom {max}{layer}.',
  'offline.packWithLayer': ', fond de carte {name}',
  'offline.packRefresh': 'Enregistrer à nouveau',
  'offline.packRemove': 'Retirer de cet appareil',
  'offline.packLayer': 'Fond de carte',
  'offline.packNoLayer': 'Aucun : la zone et les observations seulement',
  'offline.packLayerHint':
    'Seuls les fonds de carte dont le fournisseur autorise l’enregistrement des tuiles sont proposés ; ailleurs, la carte hors ligne montre un fond uni.',
  'offline.packFrom': 'Du zoom',
  'offline.packTo': 'Au zoom',
  'offline.packEstimate': '{tiles} tuiles, environ {size} à télécharger.',
  'offline.packRoom': 'Place restante pour les programmes enregistrés : {size}.',
  'offline.packTooBig': 'C’est plus que la place restante : choisissez moins de niveaux de zoom.',
  'offline.packTooManyTiles': 'Cela fait trop de tuiles : choisissez moins de niveaux de zoom.',
  'offline.packStart': 'Télécharger',
  'offline.packCancel': 'Annuler',
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
