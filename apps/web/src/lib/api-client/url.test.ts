import { describe, expect, it } from 'vitest';
import { apiHref, apiPath } from './url';

describe('API URLs', () => {
  it('fills in path parameters, encoded', () => {
    expect(apiHref('/api/pages/{slug}', { path: { slug: 'a b/c' } })).toBe('/api/pages/a%20b%2Fc');
    expect(apiHref('/api/media/{id}/{variant}', { path: { id: 'm', variant: 'thumb' } })).toBe(
      '/api/media/m/thumb',
    );
  });

  it('leaves out query values not given, keeps false and 0', () => {
    expect(
      apiHref('/api/validation/queue', {
        query: { status: 'pending', taxon: undefined, hasPhoto: false, limit: 0, lang: 'fr' },
      }),
    ).toBe('/api/validation/queue?status=pending&hasPhoto=false&limit=0&lang=fr');
    expect(apiHref('/api/settings')).toBe('/api/settings');
  });

  it('keeps the placeholders of path parameters left out (a tile URL template)', () => {
    expect(
      apiPath('/api/programs/{id}/tiles/{z}/{x}/{y}.mvt', { path: { id: 3 }, query: { v: '9' } }),
    ).toBe('/api/programs/3/tiles/{z}/{x}/{y}.mvt?v=9');
  });
});
