import { describe, expect, it } from 'vitest';
import { createTranslator } from './translate';

const messages = {
  hello: 'Hello {name}',
  count: { zero: 'None', one: '{count} bird', other: '{count} birds' },
  plain: 'No placeholder',
};

describe('createTranslator', () => {
  it('fills placeholders, formatting numbers for the language', () => {
    const en = createTranslator('en', messages);
    expect(en.t('hello', { name: 'Ada' })).toBe('Hello Ada');
    expect(en.t('count', { count: 1234 })).toBe('1,234 birds');
    expect(createTranslator('fr', messages).t('count', { count: 1234 })).toBe('1\u202f234 birds');
    expect(createTranslator('de', messages).t('count', { count: 1234 })).toBe('1.234 birds');
  });

  it('picks the plural form, with a zero form when there is one', () => {
    const en = createTranslator('en', messages);
    expect(en.t('count', { count: 0 })).toBe('None');
    expect(en.t('count', { count: 1 })).toBe('1 bird');
    expect(en.t('count', { count: 2 })).toBe('2 birds');
  });

  it('leaves an unknown placeholder as it is', () => {
    expect(createTranslator('en', messages).t('hello')).toBe('Hello {name}');
  });

  it('writes calendar dates in the language, whatever the time zone', () => {
    expect(createTranslator('en', messages).date('2024-05-17')).toBe('May 17, 2024');
    expect(createTranslator('fr', messages).date('2024-05-17')).toBe('17 mai 2024');
    expect(createTranslator('de', messages).date('2024-05-17')).toBe('17. Mai 2024');
    expect(createTranslator('en', messages).date('not a date')).toBe('not a date');
  });
});
