import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/config.js';

describe('TAXHUB_URL setting', () => {
  it('is off by default: the taxonomy is in Citizen’s tables', () => {
    expect(loadConfig({}, '/srv/citizen').taxhub).toBeNull();
  });

  it('takes the API root of a TaxHub server, without a trailing slash, and a cache time', () => {
    expect(
      loadConfig(
        { TAXHUB_URL: 'https://geonature.example.org/taxhub/api/', TAXHUB_CACHE_SECONDS: '60' },
        '/srv/citizen',
      ).taxhub,
    ).toEqual({ url: 'https://geonature.example.org/taxhub/api', cacheSeconds: 60 });
    expect(
      loadConfig({ TAXHUB_URL: 'http://taxhub:5000' }, '/srv/citizen').taxhub?.cacheSeconds,
    ).toBe(600);
  });

  it.each([
    [{ TAXHUB_URL: 'ftp://example.org/taxhub' }, /^Invalid setting TAXHUB_URL: /],
    [{ TAXHUB_URL: 'https://' }, /^Invalid setting TAXHUB_URL: /],
    [{ TAXHUB_URL: 'https://a.org/x y' }, /^Invalid setting TAXHUB_URL: /],
    [{ TAXHUB_CACHE_SECONDS: '-1' }, /^Invalid setting TAXHUB_CACHE_SECONDS: /],
    [{ TAXHUB_CACHE_SECONDS: 'long' }, /^Invalid setting TAXHUB_CACHE_SECONDS: /],
  ])('rejects %j naming the setting', (env, message) => {
    expect(() => loadConfig(env, '/srv/citizen')).toThrow(message);
  });
});
