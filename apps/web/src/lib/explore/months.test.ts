import { describe, expect, it } from 'vitest';
import { monthLabel } from './months';

describe('monthLabel', () => {
  it('names the month in the reader’s language, whatever the time zone', () => {
    expect(monthLabel('2026-05', 'en')).toBe('May 2026');
    expect(monthLabel('2026-01', 'fr')).toMatch(/^janv\.? 2026$/);
    expect(monthLabel('2026-12', 'de')).toBe('Dez. 2026');
  });
});
