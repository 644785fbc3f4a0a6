import { contrast } from '../../theme';

/**
 * How readable the operator's colours are (WCAG contrast ratios). The theme keeps text readable
 * whatever is chosen (see $lib/theme), but a colour that needs it will look different from what
 * was picked: the settings page says so before saving.
 */

type Rgb = [number, number, number];

const PAGE_BACKGROUND: Rgb = [0xf6, 0xf7, 0xf3];
const DARK_TEXT: Rgb = [0x1b, 0x24, 0x20];
const WHITE: Rgb = [0xff, 0xff, 0xff];
export const AA = 4.5;

export const isColour = (hex: string) => /^#[0-9a-f]{6}$/i.test(hex);

function parse(hex: string): Rgb | undefined {
  if (!isColour(hex)) return undefined;
  return [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as Rgb;
}

export interface ColourCheck {
  /** The better of white and dark text on this colour (buttons, header). */
  textOnColour: number;
  /** This colour as text (links, headings) on the page's background. */
  asText: number;
}

export function checkColour(hex: string): ColourCheck | undefined {
  const rgb = parse(hex);
  if (!rgb) return undefined;
  return {
    textOnColour: Math.max(contrast(WHITE, rgb), contrast(DARK_TEXT, rgb)),
    asText: contrast(rgb, PAGE_BACKGROUND),
  };
}

/** 4.5 → "4.5:1" */
export const ratio = (value: number) => `${(Math.floor(value * 10) / 10).toFixed(1)}:1`;
