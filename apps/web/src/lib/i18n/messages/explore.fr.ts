import type { Section } from './en.js';
import type { exploreEn } from './explore.en.js';

export const exploreFr: Section<typeof exploreEn> = {
  'explore.title': 'Explorer les observations',
  'explore.intro':
    'Ce que tout le monde a noté dans tous les programmes : les dernières observations, les espèces les plus observées et les contributeurs les plus actifs.',
  'explore.map': 'Carte des dernières observations',
  'explore.mapHint': {
    zero: 'Aucune observation pour l’instant.',
    one: 'La dernière observation, tous programmes confondus.',
    other: 'Les {count} dernières observations, tous programmes confondus.',
  },
  'explore.latest': 'Dernières observations',
  'explore.none': 'Aucune observation pour l’instant.',
  'explore.topSpecies': 'Espèces les plus observées',
  'explore.contributors': 'Contributeurs les plus actifs',
  'explore.noContributors': 'Personne à afficher pour l’instant.',
  'programStats.title': 'Statistiques : {program}',
  'programStats.back': 'Retour à {program}',
  'programStats.perMonth': 'Observations par mois',
  'programStats.accumulation': 'Espèces trouvées au fil du temps',
  'programStats.month': 'Mois',
  'programStats.observations': 'Observations',
  'programStats.species': 'Espèces trouvées jusque-là',
  'programStats.topObservers': 'Observateurs les plus actifs',
};
