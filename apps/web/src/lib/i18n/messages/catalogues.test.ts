import { describe, expect, it } from 'vitest';
import type { Message } from '../translate.js';
import { adminDe } from './admin.de.js';
import { adminEn } from './admin.en.js';
import { adminFr } from './admin.fr.js';
import { de } from './de.js';
import { en } from './en.js';
import { fr } from './fr.js';

const placeholders = (message: Message) =>
  new Set(
    (typeof message === 'string' ? [message] : Object.values(message)).flatMap((text) =>
      [...(text ?? '').matchAll(/\{(\w+)\}/g)].map((match) => match[1]),
    ),
  );

const PARTS: Record<string, Record<'en' | 'fr' | 'de', Record<string, Message>>> = {
  site: { en, fr, de },
  'back office': { en: adminEn, fr: adminFr, de: adminDe },
};

describe.each(Object.entries(PARTS))('message catalogues (%s)', (_part, { en, ...others }) => {
  for (const [name, catalogue] of Object.entries(others)) {
    it(`${name} has every English key, with the same placeholders`, () => {
      expect(Object.keys(catalogue).sort()).toEqual(Object.keys(en).sort());
      for (const [key, message] of Object.entries(en)) {
        const translated = catalogue[key]!;
        // {count} may be left out of a plural form that says it in words ("Aucune observation").
        const expected = [...placeholders(message)].filter((p) => p !== 'count');
        for (const placeholder of expected) {
          expect(placeholders(translated), `${name} ${key}`).toContain(placeholder);
        }
        expect(typeof translated, `${name} ${key}`).toBe(typeof message);
      }
    });
  }

  it('has no empty message', () => {
    for (const catalogue of [en, ...Object.values(others)]) {
      for (const message of Object.values(catalogue)) {
        const texts: (string | undefined)[] =
          typeof message === 'string' ? [message] : Object.values(message);
        for (const text of texts) expect(text?.trim()).toBeTruthy();
      }
    }
  });
});

it('the back office and the site have no key in common', () => {
  expect(Object.keys(adminEn).filter((key) => Object.hasOwn(en, key))).toEqual([]);
});
