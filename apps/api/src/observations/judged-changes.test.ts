import { describe, expect, it } from 'vitest';
import { judgedChanges, type JudgedFacts } from './judged-changes.js';

const current: JudgedFacts = {
  cd_nom: 4117,
  observed_on: '2026-05-03',
  observed_time: '07:30:00',
  count: 2,
  location: '{"type":"Point","coordinates":[4.853,45.778]}',
  coordinate_uncertainty_m: 10,
};

describe('what a change does to a judgement', () => {
  it('leaves it standing for a comment, custom answers and values sent unchanged', () => {
    const patch = {
      comment: 'Singing',
      customData: { habitat: 'hedge' },
      cdNom: 4117,
      observedOn: '2026-05-03',
      observedTime: '07:30',
      count: 2,
      coordinateUncertaintyM: 10,
    };
    expect(judgedChanges(current, patch, [4.85300001, 45.778], false)).toEqual([]);
  });

  it('names each judged field that changes', () => {
    expect(
      judgedChanges(
        current,
        { cdNom: 2623, observedTime: '08:00', count: 3, coordinateUncertaintyM: 50 },
        null,
        true,
      ),
    ).toEqual(['taxon', 'date', 'place', 'count', 'photos']);
    expect(judgedChanges(current, {}, [4.9, 45.778], false)).toEqual(['place']);
  });
});
