import { describe, expect, it } from 'vitest';
import { formatCount, formatDate, toParagraphs } from './format';

describe('formatCount', () => {
  it('uses the singular for one and groups thousands', () => {
    expect(formatCount(1, 'observation')).toBe('1 observation');
    expect(formatCount(0, 'observation')).toBe('0 observations');
    expect(formatCount(1234, 'species', 'species')).toBe('1,234 species');
  });
});

describe('formatDate', () => {
  it('formats a calendar date without shifting it by the time zone', () => {
    expect(formatDate('2024-05-17')).toBe('May 17, 2024');
    expect(formatDate('2024-01-01')).toBe('Jan 1, 2024');
  });

  it('returns what it cannot parse unchanged', () => {
    expect(formatDate('someday')).toBe('someday');
  });
});

describe('toParagraphs', () => {
  it('splits on blank lines and drops empty paragraphs', () => {
    expect(toParagraphs('First line\nstill first.\n\n  Second.  \r\n\r\n\n')).toEqual([
      'First line\nstill first.',
      'Second.',
    ]);
    expect(toParagraphs('')).toEqual([]);
  });
});
