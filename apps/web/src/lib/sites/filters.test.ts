import { describe, expect, it } from 'vitest';
import { readSiteFilters, siteFilterQuery } from './filters';

describe('site filters', () => {
  it('reads the type and "mine" from the query string, ignoring anything malformed', () => {
    expect(readSiteFilters(new URLSearchParams('type=3&mine=1'))).toEqual({ type: 3, mine: true });
    expect(readSiteFilters(new URLSearchParams('type=abc&mine=yes'))).toEqual({});
    expect(readSiteFilters(new URLSearchParams('type=-2&type=4'))).toEqual({});
    expect(readSiteFilters(new URLSearchParams(''))).toEqual({});
  });

  it('writes them back, leaving out the empty ones', () => {
    expect(siteFilterQuery({ type: 3, mine: true }).toString()).toBe('type=3&mine=1');
    expect(siteFilterQuery({ mine: false }).toString()).toBe('');
  });
});
