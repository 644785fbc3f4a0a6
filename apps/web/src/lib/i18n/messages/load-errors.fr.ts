import type { LoadErrorKey } from './load-errors.en.js';

/**
 * Les erreurs qu’un chargement de page peut renvoyer sur les pages qui ne téléchargent pas tous les
 * textes (accueil, programme : voir lib/i18n/index.ts) : elles viennent avec les textes de chaque
 * page, les autres avec la partie `errors`.
 */
export const loadErrorsFr: Record<LoadErrorKey, string> = {
  'error.request.invalid': 'Le champ {field} n’est pas valide',
  'error.request.invalidJson': 'Le corps de la requête n’est pas du JSON valide',
  'error.request.emptyBody': 'Le corps de la requête est vide',
  'error.request.bodyTooLarge': 'La requête est trop volumineuse',
  'error.request.unsupportedMediaType': 'Ce type de contenu n’est pas accepté',
  'error.request.refused': 'La requête a été refusée : {detail}',
  'error.route.notFound': 'Aucune route {method} {path}',
  'error.server.internal': 'Une erreur s’est produite de notre côté',
  'error.page.notFound': 'Aucune page « {slug} »',
  'error.program.notFound': 'Le programme {id} n’existe pas',
  'error.program.notActive': 'Le programme {id} n’existe pas ou n’est pas actif',
  'error.program.notSiteProgram': 'Le programme {id} n’est pas un programme de sites',
  'error.filter.bboxFormat': 'bbox doit être quatre nombres : ouest,sud,est,nord',
  'error.filter.bboxRange':
    'bbox doit rester dans les longitudes -180..180 et les latitudes -90..90',
  'error.filter.bboxOrder': 'bbox doit avoir ouest < est et sud < nord',
  'error.filter.fromAfterTo': 'La date de début ne doit pas suivre la date de fin',
  'error.filter.cursorInvalid':
    'Le curseur n’est pas valide : reprenez tel quel le nextCursor d’une page précédente',
  'error.filter.cursorOtherSort':
    'Le curseur appartient à un autre ordre de tri : recommencez sans lui',
  'error.filter.unknownTaxon': 'Le taxon {cdNom} ne figure pas dans le référentiel',
  'error.filter.unknownArea': 'La zone {id} n’existe pas',
  'error.site.notFound': 'Le site {id} n’existe pas',
};
