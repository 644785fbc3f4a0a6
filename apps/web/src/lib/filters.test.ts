import { describe, expect, it } from 'vitest';
import { filterQuery, hasFilters, readFilters } from './filters';

describe('observation filters', () => {
  it('reads valid filters from the query string and ignores the rest', () => {
    const params = new URLSearchParams(
      'taxon=3764&area=abc&from=2024-05-01&to=2024-13-45&status=certain&embed=1',
    );
    expect(readFilters(params)).toEqual({ taxon: 3764, from: '2024-05-01', status: 'certain' });
    expect(readFilters(new URLSearchParams('taxon=&status=maybe'))).toEqual({});
  });

  it('writes them back as the API wants them', () => {
    expect(String(filterQuery({ taxon: 1, to: '2024-01-02' }))).toBe('taxon=1&to=2024-01-02');
    expect(hasFilters({})).toBe(false);
    expect(hasFilters({ area: 3 })).toBe(true);
  });
});
