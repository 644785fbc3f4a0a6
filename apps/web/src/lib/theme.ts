/**
 * The operator's two colours as CSS custom properties. Whatever colours are chosen, text stays
 * readable: text on a colour is white or near-black, whichever contrasts more, and a colour used
 * for text on the light page background is darkened until it reaches WCAG AA (4.5:1).
 */

type Rgb = [number, number, number];

const PAGE_BACKGROUND: Rgb = [0xf6, 0xf7, 0xf3];
const DARK_TEXT: Rgb = [0x1b, 0x24, 0x20];
const WHITE: Rgb = [0xff, 0xff, 0xff];
const AA = 4.5;

function parseHex(hex: string): Rgb | undefined {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!match) return undefined;
  return [parseInt(match[1]!, 16), parseInt(match[2]!, 16), parseInt(match[3]!, 16)];
}

const toHex = (rgb: Rgb) =>
  `#${rgb.map((c) => Math.round(c).toString(16).padStart(2, '0')).join('')}`;

function luminance([r, g, b]: Rgb): number {
  const channel = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

export function contrast(a: Rgb, b: Rgb): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

const mix = (a: Rgb, b: Rgb, amount: number): Rgb =>
  [0, 1, 2].map((i) => a[i]! + (b[i]! - a[i]!) * amount) as Rgb;

/** The colour, darkened just enough to reach AA as text on `background`. */
function readableOn(colour: Rgb, background: Rgb): Rgb {
  let result = colour;
  for (let step = 1; contrast(result, background) < AA && step <= 20; step++) {
    result = mix(colour, [0, 0, 0], step / 20);
  }
  return result;
}

const textOn = (background: Rgb): Rgb =>
  contrast(WHITE, background) >= contrast(DARK_TEXT, background) ? WHITE : DARK_TEXT;

const DEFAULTS = { primary: '#1f6f43', accent: '#b45309' };

/** CSS custom properties for the layout's `style` attribute, rendered on the server (no flash). */
export function themeStyle(colours: { primary: string; accent: string }): string {
  const primary = parseHex(colours.primary) ?? parseHex(DEFAULTS.primary)!;
  const accent = parseHex(colours.accent) ?? parseHex(DEFAULTS.accent)!;
  const primaryText = readableOn(primary, PAGE_BACKGROUND);
  const properties: Record<string, string> = {
    '--color-primary': toHex(primary),
    '--color-on-primary': toHex(textOn(primary)),
    '--color-primary-text': toHex(primaryText),
    '--color-primary-strong': toHex(mix(primaryText, [0, 0, 0], 0.25)),
    '--color-primary-soft': toHex(mix(primary, WHITE, 0.88)),
    '--color-accent': toHex(accent),
    '--color-on-accent': toHex(textOn(accent)),
    '--color-accent-text': toHex(readableOn(accent, PAGE_BACKGROUND)),
    '--color-focus': toHex(readableOn(accent, WHITE)),
  };
  return Object.entries(properties)
    .map(([name, value]) => `${name}: ${value}`)
    .join('; ');
}
