import { describe, expect, it } from 'vitest';
import {
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
    ['1,2,3', /four numbers/],
    ['1,2,3,4,5', /four numbers/],
    ['1,,3,4', /four numbers/],
    ['a,b,c,d', /four numbers/],
    ['Infinity,1,2,3', /four numbers/],
    ['-181,0,1,1', /within/],
    ['0,-91,1,1', /within/],
    ['2,0,1,1', /west < east/],
    ['0,1,1,1', /south < north/],
  ])('rejects %s', (text, message) => {
    expect(() => parseBBox(text)).toThrow(message);
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
    expect(() => parseFilter({ from: '2024-02-01', to: '2024-01-01' })).toThrow(/from/);
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
  it('round-trip and stay bound to their sort order', () => {
    const cursor = { sort: 'date_desc' as const, key: '2024-05-01', id: ID };
    const text = encodeCursor(cursor);
    expect(text).toMatch(/^[\w-]+$/);
    expect(decodeCursor(text, 'date_desc')).toEqual(cursor);
    expect(() => decodeCursor(text, 'date_asc')).toThrow(/another sort/);
    const created = { sort: 'created_desc' as const, key: '2024-05-01T10:11:12.123456Z', id: ID };
    expect(decodeCursor(encodeCursor(created), 'created_desc')).toEqual(created);
  });

  it.each([
    'garbage!',
    Buffer.from('{}').toString('base64url'),
    Buffer.from('["d","2024-05-01"]').toString('base64url'),
    Buffer.from(`["d","2024-05-01","x"]`).toString('base64url'),
    Buffer.from(`["d","yesterday","${ID}"]`).toString('base64url'),
    Buffer.from(`["d","2024-05-01'; drop table observations","${ID}"]`).toString('base64url'),
  ])('rejects %s', (text) => {
    expect(() => decodeCursor(text, 'date_desc')).toThrow(/cursor/);
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
