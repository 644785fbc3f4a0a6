import type { Section } from './en.js';
import type { exploreEn } from './explore.en.js';

export const exploreDe: Section<typeof exploreEn> = {
  'explore.title': 'Beobachtungen entdecken',
  'explore.intro':
    'Was alle in allen Programmen erfasst haben: die neuesten Beobachtungen, die am häufigsten beobachteten Arten und die aktivsten Beitragenden.',
  'explore.map': 'Karte der neuesten Beobachtungen',
  'explore.mapHint': {
    zero: 'Noch keine Beobachtung.',
    one: 'Die neueste Beobachtung aus allen Programmen.',
    other: 'Die neuesten {count} Beobachtungen aus allen Programmen.',
  },
  'explore.latest': 'Neueste Beobachtungen',
  'explore.none': 'Noch keine Beobachtung.',
  'explore.topSpecies': 'Am häufigsten beobachtete Arten',
  'explore.contributors': 'Aktivste Beitragende',
  'explore.noContributors': 'Noch niemand aufzuführen.',
  'programStats.title': 'Statistiken: {program}',
  'programStats.back': 'Zurück zu {program}',
  'programStats.perMonth': 'Beobachtungen pro Monat',
  'programStats.accumulation': 'Gefundene Arten im Lauf der Zeit',
  'programStats.month': 'Monat',
  'programStats.observations': 'Beobachtungen',
  'programStats.species': 'Bisher gefundene Arten',
  'programStats.topObservers': 'Aktivste Beobachtende',
};
