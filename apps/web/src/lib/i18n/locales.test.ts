import { describe, expect, it } from 'vitest';
import { localeOfPath, parseAcceptLanguage, pathInLocale, pickLocale } from './locales';

describe('languages', () => {
  it('reads Accept-Language by preference', () => {
    expect(parseAcceptLanguage('de-CH, en;q=0.8, fr;q=0.9, *;q=0.1')).toEqual([
      'de-CH',
      'fr',
      'en',
    ]);
    expect(parseAcceptLanguage('en;q=0, fr')).toEqual(['fr']);
    expect(parseAcceptLanguage(null)).toEqual([]);
  });

  it("picks the visitor's first language the site has, else its default", () => {
    expect(pickLocale(['es', 'de-AT', 'fr'], ['fr', 'en', 'de'], 'fr')).toBe('de');
    expect(pickLocale(['es'], ['fr', 'en', 'de'], 'en')).toBe('en');
    expect(pickLocale(['de'], ['fr', 'en'], 'fr')).toBe('fr');
  });

  it('moves a path to another language', () => {
    expect(localeOfPath('/de/programs/1')).toBe('de');
    expect(localeOfPath('/programs/1')).toBeUndefined();
    expect(pathInLocale('/fr/programs/1', 'de')).toBe('/de/programs/1');
    expect(pathInLocale('/fr', 'en')).toBe('/en');
    expect(pathInLocale('/programs/1', 'en')).toBe('/en/programs/1');
  });
});
