import { describe, expect, it } from 'vitest';
import type { ObservationListItem } from '@citizen/shared';
import {
  activeFilterCount,
  areaChoices,
  bulkOutcome,
  judgementBody,
  judgementProblems,
  nextInQueue,
  queueApiQuery,
  queueSearch,
  readQueueFilters,
  withSearch,
} from './queue';
import { apiHref } from '../api-client/url';

const read = (query: string) => readQueueFilters(new URLSearchParams(query));

describe('the queue filters in the URL', () => {
  it('reads every filter, pending by default', () => {
    expect(read('')).toEqual({ status: 'pending' });
    expect(
      read(
        'program=2&taxon=4117&area=7&from=2026-04-01&to=2026-05-01&status=doubtful&photo=with&sort=date_asc',
      ),
    ).toEqual({
      program: 2,
      taxon: 4117,
      area: 7,
      from: '2026-04-01',
      to: '2026-05-01',
      status: 'doubtful',
      photo: true,
      sort: 'date_asc',
    });
    expect(read('status=all&photo=without').status).toBe('all');
    expect(read('photo=without').photo).toBe(false);
  });

  it('leaves out what is malformed rather than failing', () => {
    expect(
      read('program=abc&taxon=-3&area=1.5&from=2026-13-45&to=yesterday&status=great&photo=yes'),
    ).toEqual({ status: 'pending' });
    expect(read('sort=random')).toEqual({ status: 'pending' });
    // The default order is not a filter.
    expect(read('sort=date_desc')).toEqual({ status: 'pending' });
  });

  it('takes dates given the wrong way round as a range', () => {
    expect(read('from=2026-05-01&to=2026-04-01')).toMatchObject({
      from: '2026-04-01',
      to: '2026-05-01',
    });
  });

  it('writes them back without the defaults, and reads them again unchanged', () => {
    const query = 'program=2&taxon=4117&from=2026-04-01&status=all&photo=without&sort=created_desc';
    const filters = read(query);
    const written = queueSearch(filters);
    expect(readQueueFilters(written)).toEqual(filters);
    expect(queueSearch({ status: 'pending' }).toString()).toBe('');
    expect(queueSearch({ status: 'pending', program: 1 }, 'abc').toString()).toBe(
      'program=1&cursor=abc',
    );
    expect(withSearch('/en/validation', new URLSearchParams())).toBe('/en/validation');
    expect(withSearch('/en/validation', new URLSearchParams('status=all'))).toBe(
      '/en/validation?status=all',
    );
  });

  it('counts the filters that narrow the queue, the order aside', () => {
    expect(activeFilterCount({ status: 'pending' })).toBe(0);
    expect(activeFilterCount({ status: 'pending', sort: 'date_asc' })).toBe(0);
    expect(activeFilterCount({ status: 'all', program: 1, photo: false })).toBe(3);
  });
});

describe('the queue as the API is asked for it', () => {
  const params = (query: Parameters<typeof queueApiQuery>) =>
    new URL(apiHref('/api/validation/queue', { query: queueApiQuery(...query) }), 'http://x')
      .searchParams;

  it('names the filters as the API does', () => {
    const query = params([
      { status: 'doubtful', program: 2, taxon: 4117, area: 7, from: '2026-04-01', photo: true },
      { lang: 'fr', cursor: 'next' },
    ]);
    expect(Object.fromEntries(query)).toEqual({
      program: '2',
      taxon: '4117',
      area: '7',
      from: '2026-04-01',
      status: 'doubtful',
      hasPhoto: 'true',
      cursor: 'next',
      limit: '50',
      lang: 'fr',
    });
  });

  it('spells out "all statuses" (the API reads no status as pending)', () => {
    expect(params([{ status: 'all' }, { lang: 'en' }]).get('status')).toBe(
      'pending,certain,probable,doubtful,invalid,not_assessable',
    );
    expect(params([{ status: 'pending' }, { lang: 'en' }]).get('status')).toBe('pending');
    expect(params([{ status: 'pending', photo: false }, { lang: 'en' }]).get('hasPhoto')).toBe(
      'false',
    );
  });
});

describe('a judgement', () => {
  const draft = { status: 'certain' as const, reason: '' as const, comment: '  ' };

  it('needs a reason for doubtful and invalid, and a taxon to re-identify to', () => {
    expect(judgementProblems(draft, false)).toEqual([]);
    expect(judgementProblems({ ...draft, status: 'doubtful' }, false)).toEqual(['reason']);
    expect(judgementProblems({ ...draft, status: 'invalid' }, true)).toEqual(['taxon', 'reason']);
    expect(
      judgementProblems({ ...draft, status: 'invalid', reason: 'duplicate', cdNom: 4129 }, true),
    ).toEqual([]);
  });

  it('sends only what applies: a reason for the statuses that take one, a trimmed comment', () => {
    expect(judgementBody(draft)).toEqual({ status: 'certain' });
    expect(
      judgementBody({ status: 'probable', reason: 'duplicate', comment: ' Song ', cdNom: 4129 }),
    ).toEqual({ status: 'probable', comment: 'Song', cdNom: 4129 });
    expect(judgementBody({ status: 'doubtful', reason: 'not_wild', comment: '' })).toEqual({
      status: 'doubtful',
      reason: 'not_wild',
    });
  });
});

describe('going through the queue', () => {
  const items = [{ id: 'a' }, { id: 'b' }, { id: 'c' }];

  it('moves on to the first observation neither just reviewed nor passed over', () => {
    expect(nextInQueue(items, 'a', new Set())).toBe('b');
    expect(nextInQueue(items, 'b', new Set())).toBe('a');
    expect(nextInQueue(items, 'a', new Set(['b']))).toBe('c');
    expect(nextInQueue(items, 'a', new Set(['b', 'c']))).toBeNull();
    expect(nextInQueue([], 'a', new Set())).toBeNull();
  });
});

describe('a bulk result', () => {
  const item = (id: string, name: string) =>
    ({ id, taxon: { name }, observedOn: '2026-05-01' }) as ObservationListItem;

  it('names each observation, and keeps why each refused one was refused', () => {
    const outcome = bulkOutcome(
      {
        updated: ['a'],
        skipped: [
          { id: 'b', code: 'own', why: 'is your own observation' },
          { id: 'z', code: 'not_found', why: 'does not exist' },
        ],
      },
      [item('a', 'Blackbird'), item('b', 'Robin')],
      (i) => `${i.taxon.name} (${i.observedOn})`,
    );
    expect(outcome).toEqual({
      updated: [{ id: 'a', label: 'Blackbird (2026-05-01)' }],
      refused: [
        { id: 'b', label: 'Robin (2026-05-01)', code: 'own' },
        { id: 'z', label: 'z', code: 'not_found' },
      ],
    });
  });
});

describe('the areas offered', () => {
  const area = (id: number, kind: string, name: string) => ({ id, kind, code: String(id), name });

  it('groups them by kind, by name, and leaves out kinds too long for a list', () => {
    const municipalities = Array.from({ length: 5 }, (_, i) =>
      area(100 + i, 'municipality', `Town ${i}`),
    );
    const areas = [area(2, 'park', 'Vercors'), area(1, 'park', 'Chartreuse'), ...municipalities];
    expect(areaChoices(areas, undefined, 3)).toEqual([
      { kind: 'park', areas: [area(1, 'park', 'Chartreuse'), area(2, 'park', 'Vercors')] },
    ]);
    // The chosen area stays, whatever its kind.
    expect(areaChoices(areas, 103, 3).map((g) => [g.kind, g.areas.map((a) => a.id)])).toEqual([
      ['municipality', [103]],
      ['park', [1, 2]],
    ]);
    expect(areaChoices(areas).map((g) => g.areas.length)).toEqual([5, 2]);
  });
});
