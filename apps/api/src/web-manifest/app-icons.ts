import sharp from 'sharp';
import type { AppIconPurpose } from '@citizen/shared';
import { decode } from '../media/photo-processing.js';

type Rgb = [number, number, number];

const parseHex = (hex: string): Rgb =>
  [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as Rgb;
const toHex = (rgb: Rgb) =>
  `#${rgb.map((c) => Math.round(c).toString(16).padStart(2, '0')).join('')}`;
const mix = (a: Rgb, b: Rgb, amount: number): Rgb =>
  a.map((c, i) => c + (b[i]! - c) * amount) as Rgb;
const luminance = ([r, g, b]: Rgb) => (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;

/** The leaf of the site's favicon, on a 32 × 32 grid. */
const LEAF = 'M9 23c0-8 5-14 15-15-1 10-7 15-15 15zm0 0 7-7';

/**
 * Of a maskable icon, only the circle of 80 % of its width in the middle is sure to be shown
 * (the platform cuts the rest to its own shape): what matters fits in that circle's square.
 */
const MASKABLE_SAFE_SHARE = 0.56;
/** Of an icon shown as it is, a margin around the logo. */
const ANY_LOGO_SHARE = 0.8;

/**
 * The default icon: the favicon's leaf in a light (or, on a light colour, dark) shade of the
 * primary colour, on the primary colour. `any`: a rounded square; `maskable`: full bleed with the
 * leaf inside the safe zone.
 */
function defaultIconSvg(primaryHex: string, purpose: AppIconPurpose, size: number): string {
  const primary = parseHex(primaryHex);
  const leaf = toHex(
    luminance(primary) > 0.55 ? mix(primary, [0, 0, 0], 0.65) : mix(primary, [255, 255, 255], 0.72),
  );
  // The leaf spans x 9-24 and y 8-23 of the grid: centred on 16.5, 15.5.
  const scale = purpose === 'maskable' ? 0.85 : 1;
  const leafGroup =
    `<g transform="translate(16 16) scale(${scale}) translate(-16.5 -15.5)">` +
    `<path d="${LEAF}" fill="${leaf}" stroke="${leaf}" stroke-width="1.5" ` +
    'stroke-linecap="round" stroke-linejoin="round"/></g>';
  const background =
    purpose === 'maskable'
      ? `<rect width="32" height="32" fill="${primaryHex}"/>`
      : `<rect width="32" height="32" rx="7" fill="${primaryHex}"/>`;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 32 32">` +
    `${background}${leafGroup}</svg>`
  );
}

/** The logo, whole, in the middle of a white square (rounded for `any`). */
async function logoIcon(logo: Buffer, purpose: AppIconPurpose, size: number): Promise<Buffer> {
  const inner = Math.round(size * (purpose === 'maskable' ? MASKABLE_SAFE_SHARE : ANY_LOGO_SHARE));
  const fitted = await decode(logo)
    .rotate()
    .resize(inner, inner, { fit: 'contain', background: { r: 0, g: 0, b: 0, alpha: 0 } })
    .png()
    .toBuffer();
  const radius = purpose === 'maskable' ? 0 : Math.round(size * (7 / 32));
  const square = Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}">` +
      `<rect width="${size}" height="${size}" rx="${radius}" fill="#ffffff"/></svg>`,
  );
  return sharp(square)
    .composite([{ input: fitted, gravity: 'centre' }])
    .png()
    .toBuffer();
}

/**
 * A square PNG icon of `size` pixels: drawn from the site's logo when there is one the server
 * can read, else the default icon in the site's primary colour.
 */
export async function renderAppIcon(
  source: { logo: Buffer | null; primary: string },
  purpose: AppIconPurpose,
  size: number,
): Promise<Buffer> {
  if (source.logo) return logoIcon(source.logo, purpose, size);
  return sharp(Buffer.from(defaultIconSvg(source.primary, purpose, size)))
    .png()
    .toBuffer();
}
