import type { Message } from '../translate.js';

/** The explore page and programme statistics in English (spread into en.ts). */
export const exploreEn = {
  'explore.title': 'Explore the observations',
  'explore.intro':
    'What everyone has recorded across all programmes: the latest observations, the most observed species and the most active contributors.',
  'explore.map': 'Map of the latest observations',
  'explore.mapHint': {
    zero: 'No observation yet.',
    one: 'The latest observation, across all programmes.',
    other: 'The latest {count} observations, across all programmes.',
  },
  'explore.latest': 'Latest observations',
  'explore.none': 'No observation yet.',
  'explore.topSpecies': 'Most observed species',
  'explore.contributors': 'Top contributors',
  'explore.noContributors': 'Nobody to list yet.',
  'programStats.title': 'Statistics: {program}',
  'programStats.back': 'Back to {program}',
  'programStats.perMonth': 'Observations per month',
  'programStats.accumulation': 'Species found over time',
  'programStats.month': 'Month',
  'programStats.observations': 'Observations',
  'programStats.species': 'Species found so far',
  'programStats.topObservers': 'Top observers',
} satisfies Record<string, Message>;
