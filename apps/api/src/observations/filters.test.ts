import { describe, expect, it } from 'vitest';
import {
  cursorAfter,
  decodeCursor,
  encodeCursor,
  filterKey,
  isUnfiltered,
  parseBBox,
  parseFilter,
  viewerOf,
} from './filters.js';

const ID = '0b7e3946-fd0f-4c78-bef9-9454da0f4acc';

describe('parseBBox', () => {
  it('reads west,south,east,north', () => {
    expect(parseBBox('4.8, 45.7,4.9,45.8')).toEqual([4.8, 45.7, 4.9, 45.8]);
  });

  it.each([
    ['1,2,3', 'filter.bboxFormat'],
    ['1,2,3,4,5', 'filter.bboxFormat'],
    ['1,,3,4', 'filter.bboxFormat'],
    ['a,b,c,d', 'filter.bboxFormat'],
    ['Infinity,1,2,3', 'filter.bboxFormat'],
    ['-181,0,1,1', 'filter.bboxRange'],
    ['0,-91,1,1', 'filter.bboxRange'],
    ['2,0,1,1', 'filter.bboxOrder'],
    ['0,1,1,1', 'filter.bboxOrder'],
  ])('rejects %s', (text, code) => {
    expect(() => parseBBox(text)).toThrow(expect.objectContaining({ code }));
  });
});

describe('parseFilter', () => {
  it('keeps what is given, with statuses sorted once each', () => {
    expect(
      parseFilter({ program: 2, taxon: 5, status: 'probable,certain,probable', hasPhoto: false }),
    ).toEqual({ programId: 2, taxon: 5, statuses: ['certain', 'probable'], hasPhoto: false });
    expect(parseFilter({})).toEqual({});
  });

  it('rejects a date range that ends before it starts', () => {
    expect(() => parseFilter({ from: '2024-02-01', to: '2024-01-01' })).toThrow(
      expect.objectContaining({ code: 'filter.fromAfterTo' }),
    );
    expect(parseFilter({ from: '2024-01-01', to: '2024-01-01' })).toEqual({
      from: '2024-01-01',
      to: '2024-01-01',
    });
  });

  it('tells an unfiltered selection and names filters canonically', () => {
    expect(isUnfiltered({ programId: 1 })).toBe(true);
    expect(isUnfiltered({ programId: 1, hasPhoto: true })).toBe(false);
    expect(filterKey({ taxon: 1, programId: 2 })).toBe(filterKey({ programId: 2, taxon: 1 }));
    expect(filterKey({ taxon: 1 })).not.toBe(filterKey({ taxon: 2 }));
  });
});

describe('cursors', () => {
  const CREATED = '2024-05-01T10:11:12.123456Z';

  it('round-trip and stay bound to their sort order', () => {
    const cursor = {
      sort: 'date_desc' as const,
      observedOn: '2024-05-01',
      createdAt: CREATED,
      id: ID,
    };
    const text = encodeCursor(cursor);
    expect(text).toMatch(/^[\w-]+$/);
    expect(decodeCursor(text, 'date_desc')).toEqual(cursor);
    expect(() => decodeCursor(text, 'date_asc')).toThrow(
      expect.objectContaining({ code: 'filter.cursorOtherSort' }),
    );
    const created = { sort: 'created_desc' as const, createdAt: CREATED, id: ID };
    expect(decodeCursor(encodeCursor(created), 'created_desc')).toEqual(created);
  });

  it('resume after a row by its date and recording time, or its recording time alone', () => {
    const row = { observed_on: '2024-05-01', created_key: CREATED, id: ID };
    expect(cursorAfter('date_asc', row)).toEqual({
      sort: 'date_asc',
      observedOn: '2024-05-01',
      createdAt: CREATED,
      id: ID,
    });
    expect(cursorAfter('created_desc', row)).toEqual({
      sort: 'created_desc',
      createdAt: CREATED,
      id: ID,
    });
  });

  const encoded = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  it.each([
    'garbage!',
    Buffer.from('{}').toString('base64url'),
    encoded(['d', '2024-05-01']),
    encoded(['d', '2024-05-01', CREATED, 'x']),
    encoded(['d', 'yesterday', CREATED, ID]),
    encoded(['d', '2024-05-01', '2024-05-01', ID]),
    encoded(['d', "2024-05-01'; drop table observations", CREATED, ID]),
    // A cursor of the days before the recording time was a key.
    encoded(['d', '2024-05-01', ID]),
    encoded(['z', '2024-05-01', CREATED, ID]),
  ])('rejects %s', (text) => {
    expect(() => decodeCursor(text, 'date_desc')).toThrow(
      expect.objectContaining({ code: 'filter.cursorInvalid' }),
    );
  });
});

describe('viewerOf', () => {
  it('sorts users into the public, owners and experts', () => {
    expect(viewerOf(null)).toEqual({ kind: 'public' });
    expect(viewerOf({ id: 3, username: 'a', role: 'observer' })).toEqual({
      kind: 'owner',
      userId: 3,
    });
    expect(viewerOf({ id: 4, username: 'v', role: 'validator' })).toEqual({ kind: 'expert' });
    expect(viewerOf({ id: 5, username: 'z', role: 'admin' })).toEqual({ kind: 'expert' });
  });
});
