import { describe, expect, it } from 'vitest';
import type { Message } from '../translate';
import { de } from './de';
import { en } from './en';
import { fr } from './fr';

const placeholders = (message: Message) =>
  new Set(
    (typeof message === 'string' ? [message] : Object.values(message)).flatMap((text) =>
      [...(text ?? '').matchAll(/\{(\w+)\}/g)].map((match) => match[1]),
    ),
  );

describe('message catalogues', () => {
  for (const [name, catalogue] of Object.entries({ fr, de })) {
    it(`${name} has every English key, with the same placeholders`, () => {
      expect(Object.keys(catalogue).sort()).toEqual(Object.keys(en).sort());
      for (const [key, message] of Object.entries(en)) {
        const translated = catalogue[key as keyof typeof en];
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
    for (const catalogue of [en, fr, de]) {
      for (const message of Object.values(catalogue)) {
        const texts: (string | undefined)[] =
          typeof message === 'string' ? [message] : Object.values(message);
        for (const text of texts) expect(text?.trim()).toBeTruthy();
      }
    }
  });
});
