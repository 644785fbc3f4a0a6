import { describe, expect, it } from 'vitest';
import { ERRORS } from '@citizen/shared';
import { de } from './de.js';
import { en } from './en.js';
import { fr } from './fr.js';
import { LOAD_ERROR_CODES, loadErrorsEn } from './load-errors.en.js';

const placeholders = (text: string) =>
  [...new Set([...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]))].sort();

describe('API error texts', () => {
  const catalogues = { en, fr, de } as Record<string, Record<string, unknown>>;

  it('translate every registered code in fr, en and de, with the same placeholders', () => {
    for (const [code, { en: english }] of Object.entries(ERRORS)) {
      const key = `error.${code}`;
      expect(en[key as keyof typeof en], key).toBe(english);
      for (const [lang, catalogue] of Object.entries(catalogues)) {
        const text = catalogue[key];
        expect(typeof text === 'string' && text.trim().length > 0, `${lang} ${key}`).toBe(true);
        expect(placeholders(text as string), `${lang} ${key}`).toEqual(placeholders(english));
      }
    }
  });

  it('of the errors a page load can end in are, in English, the registry’s', () => {
    for (const code of LOAD_ERROR_CODES) {
      expect(loadErrorsEn[`error.${code}`], code).toBe(ERRORS[code].en);
    }
    expect(Object.keys(loadErrorsEn).sort()).toEqual(
      LOAD_ERROR_CODES.map((c) => `error.${c}`).sort(),
    );
  });

  it('have no text for a code the API does not have', () => {
    for (const [lang, catalogue] of Object.entries(catalogues)) {
      // Codes are `domain.problem`; the error page's own texts (`error.title`) have no dot.
      const unknown = Object.keys(catalogue)
        .filter((key) => key.startsWith('error.'))
        .map((key) => key.slice('error.'.length))
        .filter((code) => code.includes('.') && !Object.hasOwn(ERRORS, code));
      expect(unknown, lang).toEqual([]);
    }
  });
});
