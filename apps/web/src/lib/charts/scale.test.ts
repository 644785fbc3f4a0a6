import { describe, expect, it } from 'vitest';
import { labelEvery, valueTicks } from './scale';

describe('valueTicks', () => {
  it('rounds the top up to a round step', () => {
    expect(valueTicks(37)).toEqual({ top: 40, ticks: [0, 10, 20, 30, 40] });
    expect(valueTicks(1234)).toEqual({ top: 1500, ticks: [0, 500, 1000, 1500] });
  });

  it('keeps whole-number steps for small counts', () => {
    expect(valueTicks(3)).toEqual({ top: 3, ticks: [0, 1, 2, 3] });
    expect(valueTicks(1)).toEqual({ top: 1, ticks: [0, 1] });
  });

  it('draws an empty axis for no data', () => {
    expect(valueTicks(0)).toEqual({ top: 1, ticks: [0, 1] });
  });
});

describe('labelEvery', () => {
  it('prints every label when they fit, fewer when they do not', () => {
    expect(labelEvery(12, 600, 40)).toBe(1);
    expect(labelEvery(24, 300, 40)).toBe(4);
  });
});
