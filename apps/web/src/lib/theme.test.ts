import { describe, expect, it } from 'vitest';
import { contrast, themeStyle } from './theme';

const property = (style: string, name: string) =>
  new RegExp(`${name}: (#[0-9a-f]{6})`).exec(style)?.[1] ?? '';
const rgb = (hex: string): [number, number, number] => [
  parseInt(hex.slice(1, 3), 16),
  parseInt(hex.slice(3, 5), 16),
  parseInt(hex.slice(5, 7), 16),
];

describe('themeStyle', () => {
  it('keeps readable text whatever colours the operator picks', () => {
    for (const colours of [
      { primary: '#1f6f43', accent: '#b45309' },
      { primary: '#ffeb3b', accent: '#a5f3fc' },
      { primary: '#111111', accent: '#000000' },
    ]) {
      const style = themeStyle(colours);
      const primary = rgb(property(style, '--color-primary'));
      expect(contrast(primary, rgb(property(style, '--color-on-primary')))).toBeGreaterThanOrEqual(
        4.5,
      );
      const text = rgb(property(style, '--color-primary-text'));
      expect(contrast(text, [0xf6, 0xf7, 0xf3])).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('falls back to the default colours on a malformed value', () => {
    expect(property(themeStyle({ primary: 'green', accent: '#b45309' }), '--color-primary')).toBe(
      '#1f6f43',
    );
  });
});
