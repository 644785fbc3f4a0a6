import type { Section } from './en.js';
import type { offlineMoreEn } from './offline-more.en.js';

export const offlineMoreFr: Section<typeof offlineMoreEn> = {
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
};
