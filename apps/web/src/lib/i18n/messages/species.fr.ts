import type { Section } from './en.js';
import type { speciesEn } from './species.en.js';

export const speciesFr: Section<typeof speciesEn> = {
  // La page d'une espèce
  'species.family': 'Famille : {family}',
  'species.otherNames': 'Aussi appelée : {names}',
  'species.sensitive':
    'Espèce sensible : ses observations publiques sont montrées sur une grille de mailles de {km} km.',
  'species.summary': {
    zero: 'Pas encore d’observation publique de cette espèce.',
    one: '{count} observation, le {first}.',
    other: '{count} observations, du {first} au {last}.',
  },
  'species.photos': 'Photos',
  'species.noPhotos': 'Pas encore de photo de cette espèce.',
  'species.photoAlt': '{name}, observée le {date}',
  'species.map': 'Où elle a été vue',
  'species.mapLabel': 'Carte des observations de {name}',
  'species.mapTruncated': 'La carte montre les {count} observations les plus récentes.',
  'species.months': 'Observations par mois',
  'species.month': 'Mois',
  'species.observations': 'Observations',
  'species.programs': 'Programmes où elle est observée',
  'species.programCount': {
    zero: 'aucune observation',
    one: '{count} observation',
    other: '{count} observations',
  },
  // Téléchargement des données d'un programme
  'exports.adminTitle': 'Exports',
  'exports.photos': 'Photos',
  'exports.anyPhotos': 'Avec ou sans',
  'exports.withPhotos': 'Avec photos',
  'exports.withoutPhotos': 'Sans photo',
  // Espèce absente de la liste
  'offList.open': 'Espèce absente de la liste ?',
  'offList.close': 'Revenir aux espèces du programme',
  'offList.search': 'Chercher parmi toutes les espèces',
  'offList.hint': 'Toute espèce peut être saisie ; un validateur la vérifiera.',
  'offList.flag': 'Absente de la liste d’espèces du programme',
  'offList.allow': 'Accepter les espèces absentes de la liste',
  'offList.allowHint':
    'Les observateurs peuvent aussi chercher dans toute la taxonomie ; leurs observations sont signalées aux validateurs.',
};
