/**
 * The demo's pictures: a silhouette of the taxon's group (a songbird on a branch, a duck on the
 * water, a soaring raptor, an owl under the moon, a pigeon on the ground, a butterfly on a
 * flower) on a coloured, textured background, drawn as SVG. Made when the demo is loaded: no
 * photo has to be shipped or downloaded, and they are all the demo's own (CC0).
 */

import { seededRandom } from './random.js';

const GROUPS = ['songbird', 'waterbird', 'raptor', 'owl', 'pigeon', 'butterfly'] as const;
export type IllustrationGroup = (typeof GROUPS)[number];

/** The drawing's units; the picture is rendered at SIZE (a phone photo's display copy). */
const WIDTH = 960;
const HEIGHT = 720;
const SIZE = { width: 800, height: 600 };

/** Sky top, sky bottom, light accent, silhouette, silhouette's lighter part. */
type Palette = readonly [string, string, string, string, string];

const PALETTES: readonly Palette[] = [
  ['#f7c873', '#e8785a', '#fff1c9', '#3b2a2f', '#6b4a4f'],
  ['#9fd3e6', '#4f8fb8', '#e9f7ff', '#1f3340', '#3f6074'],
  ['#c8e3a8', '#6da36b', '#f3ffe0', '#24361f', '#4a6b40'],
  ['#d9c2f0', '#8a6bb8', '#fbf3ff', '#2e2440', '#54456f'],
];

/** Which picture a taxon gets, from its class and order. */
export function groupOf(taxonClass: string | null, order: string | null): IllustrationGroup {
  if (taxonClass === 'Insecta') return 'butterfly';
  switch (order) {
    case 'Anseriformes':
    case 'Gruiformes':
    case 'Pelecaniformes':
    case 'Charadriiformes':
      return 'waterbird';
    case 'Accipitriformes':
    case 'Falconiformes':
      return 'raptor';
    case 'Strigiformes':
      return 'owl';
    case 'Columbiformes':
    case 'Galliformes':
      return 'pigeon';
    default:
      return 'songbird';
  }
}

/** Every picture the demo uses: each group in each palette. */
export function illustrationKeys(): { group: IllustrationGroup; palette: number }[] {
  return GROUPS.flatMap((group) => PALETTES.map((_, palette) => ({ group, palette })));
}

export const paletteCount = PALETTES.length;

/** Soft light spots: the out-of-focus background of a picture taken with a real lens. */
function texture(random: () => number, light: string): string {
  return Array.from({ length: 18 }, () => {
    const r = 20 + random() * 70;
    return `<circle cx="${(random() * WIDTH).toFixed(0)}" cy="${(random() * HEIGHT * 0.8).toFixed(0)}" r="${r.toFixed(0)}" fill="${light}" opacity="${(0.05 + random() * 0.12).toFixed(2)}"/>`;
  }).join('');
}

const eye = (x: number, y: number, r: number) =>
  `<circle cx="${x}" cy="${y}" r="${r}" fill="#fff"/><circle cx="${x + r * 0.2}" cy="${y}" r="${r * 0.55}" fill="#111"/>`;

const branch = (dark: string) =>
  `<path d="M40 560 Q480 470 930 500" stroke="${dark}" stroke-width="26" fill="none" stroke-linecap="round"/>` +
  `<path d="M700 495 Q760 430 840 420" stroke="${dark}" stroke-width="12" fill="none" stroke-linecap="round"/>` +
  `<ellipse cx="850" cy="410" rx="44" ry="18" transform="rotate(-25 850 410)" fill="${dark}" opacity="0.85"/>` +
  `<ellipse cx="150" cy="520" rx="48" ry="18" transform="rotate(20 150 520)" fill="${dark}" opacity="0.85"/>`;

/** The silhouette of each group, drawn in the palette's dark colours. */
const FIGURES: Record<IllustrationGroup, (dark: string, mid: string, light: string) => string> = {
  songbird: (dark, mid) =>
    branch(dark) +
    `<path d="M330 400 L170 520 L225 545 L360 440 Z" fill="${dark}"/>` +
    `<ellipse cx="430" cy="390" rx="160" ry="108" transform="rotate(-14 430 390)" fill="${dark}"/>` +
    `<circle cx="570" cy="295" r="74" fill="${dark}"/>` +
    `<path d="M630 280 L700 302 L630 318 Z" fill="${dark}"/>` +
    `<ellipse cx="400" cy="380" rx="115" ry="62" transform="rotate(-22 400 380)" fill="${mid}"/>` +
    `<path d="M430 488 L425 525 M480 482 L482 520" stroke="${dark}" stroke-width="10" stroke-linecap="round"/>` +
    eye(592, 282, 13),
  waterbird: (dark, mid, light) =>
    `<rect x="0" y="500" width="${WIDTH}" height="${HEIGHT - 500}" fill="${mid}" opacity="0.55"/>` +
    [540, 585, 630]
      .map(
        (y, i) =>
          `<path d="M${120 + i * 60} ${y} q60 -18 120 0 t120 0 t120 0 t120 0" stroke="${light}" stroke-width="5" fill="none" opacity="0.6"/>`,
      )
      .join('') +
    `<path d="M250 470 Q262 380 430 392 L600 402 Q690 402 706 450 Q690 525 520 532 L330 532 Q250 522 250 470 Z" fill="${dark}"/>` +
    `<path d="M262 470 L196 404 L296 440 Z" fill="${dark}"/>` +
    `<path d="M612 430 Q598 362 628 326 L690 336 Q672 382 684 430 Z" fill="${dark}"/>` +
    `<circle cx="655" cy="318" r="56" fill="${dark}"/>` +
    `<path d="M700 310 Q770 322 764 344 Q726 350 700 338 Z" fill="${mid}"/>` +
    `<ellipse cx="440" cy="450" rx="150" ry="46" transform="rotate(-4 440 450)" fill="${mid}"/>` +
    eye(668, 306, 11),
  raptor: (dark, mid) =>
    `<path d="M480 340 Q360 250 110 262 L150 282 L100 300 L160 314 L120 336 L190 342 Q320 350 470 400 Z" fill="${dark}"/>` +
    `<path d="M480 340 Q600 250 850 262 L810 282 L860 300 L800 314 L840 336 L770 342 Q640 350 490 400 Z" fill="${dark}"/>` +
    `<ellipse cx="480" cy="380" rx="46" ry="112" fill="${dark}"/>` +
    `<circle cx="480" cy="262" r="40" fill="${dark}"/>` +
    `<path d="M452 470 L412 570 L548 570 L508 470 Z" fill="${dark}"/>` +
    `<path d="M360 300 Q420 320 470 360" stroke="${mid}" stroke-width="10" fill="none"/>` +
    `<path d="M600 300 Q540 320 490 360" stroke="${mid}" stroke-width="10" fill="none"/>`,
  owl: (dark, mid, light) =>
    `<circle cx="790" cy="150" r="80" fill="${light}" opacity="0.9"/>` +
    branch(dark) +
    `<ellipse cx="470" cy="370" rx="135" ry="170" fill="${dark}"/>` +
    `<path d="M360 250 L372 150 L430 222 Z M580 250 L568 150 L510 222 Z" fill="${dark}"/>` +
    `<ellipse cx="470" cy="420" rx="88" ry="100" fill="${mid}"/>` +
    `<circle cx="425" cy="275" r="42" fill="${light}"/><circle cx="515" cy="275" r="42" fill="${light}"/>` +
    `<circle cx="425" cy="275" r="20" fill="#111"/><circle cx="515" cy="275" r="20" fill="#111"/>` +
    `<path d="M458 312 L482 312 L470 340 Z" fill="#e0a040"/>` +
    `<path d="M430 535 L425 560 M510 535 L515 560" stroke="${dark}" stroke-width="12" stroke-linecap="round"/>`,
  pigeon: (dark, mid) =>
    `<rect x="0" y="560" width="${WIDTH}" height="${HEIGHT - 560}" fill="${mid}" opacity="0.5"/>` +
    `<path d="M300 420 L170 380 L190 440 L300 460 Z" fill="${dark}"/>` +
    `<ellipse cx="450" cy="430" rx="175" ry="115" fill="${dark}"/>` +
    `<path d="M560 390 Q580 320 600 300 L660 320 Q640 380 620 440 Z" fill="${dark}"/>` +
    `<circle cx="630" cy="300" r="52" fill="${dark}"/>` +
    `<path d="M676 294 L716 306 L676 316 Z" fill="${mid}"/>` +
    `<ellipse cx="420" cy="410" rx="120" ry="58" transform="rotate(-8 420 410)" fill="${mid}"/>` +
    `<path d="M440 540 L430 585 M500 540 L506 585" stroke="${dark}" stroke-width="10" stroke-linecap="round"/>` +
    eye(645, 290, 10),
  butterfly: (dark, mid, light) =>
    `<path d="M480 700 Q470 600 480 520" stroke="${dark}" stroke-width="14" fill="none"/>` +
    [0, 72, 144, 216, 288]
      .map(
        (angle) =>
          `<ellipse cx="480" cy="470" rx="26" ry="62" transform="rotate(${angle} 480 520)" fill="${light}" opacity="0.9"/>`,
      )
      .join('') +
    `<circle cx="480" cy="520" r="22" fill="${mid}"/>` +
    `<ellipse cx="370" cy="250" rx="130" ry="95" transform="rotate(-30 370 250)" fill="${dark}"/>` +
    `<ellipse cx="590" cy="250" rx="130" ry="95" transform="rotate(30 590 250)" fill="${dark}"/>` +
    `<ellipse cx="395" cy="380" rx="85" ry="70" transform="rotate(25 395 380)" fill="${dark}"/>` +
    `<ellipse cx="565" cy="380" rx="85" ry="70" transform="rotate(-25 565 380)" fill="${dark}"/>` +
    `<circle cx="350" cy="235" r="34" fill="${light}"/><circle cx="610" cy="235" r="34" fill="${light}"/>` +
    `<circle cx="350" cy="235" r="16" fill="#c0392b"/><circle cx="610" cy="235" r="16" fill="#c0392b"/>` +
    `<circle cx="400" cy="385" r="20" fill="${mid}"/><circle cx="560" cy="385" r="20" fill="${mid}"/>` +
    `<ellipse cx="480" cy="320" rx="18" ry="120" fill="${dark}"/>` +
    `<path d="M475 205 Q440 140 410 120 M485 205 Q520 140 550 120" stroke="${dark}" stroke-width="6" fill="none"/>` +
    `<circle cx="410" cy="120" r="9" fill="${dark}"/><circle cx="550" cy="120" r="9" fill="${dark}"/>`,
};

/** The SVG of one picture. */
export function illustrationSvg(group: IllustrationGroup, palette: number): string {
  const [top, bottom, light, dark, mid] = PALETTES[palette % PALETTES.length]!;
  const random = seededRandom(GROUPS.indexOf(group) * 97 + palette * 13 + 1);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${SIZE.width}" height="${SIZE.height}" viewBox="0 0 ${WIDTH} ${HEIGHT}">` +
    `<defs><linearGradient id="sky" x1="0" y1="0" x2="0.3" y2="1">` +
    `<stop offset="0" stop-color="${top}"/><stop offset="1" stop-color="${bottom}"/></linearGradient>` +
    `<radialGradient id="glow" cx="0.3" cy="0.25" r="0.7">` +
    `<stop offset="0" stop-color="${light}" stop-opacity="0.55"/><stop offset="1" stop-color="${light}" stop-opacity="0"/></radialGradient></defs>` +
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="url(#sky)"/>` +
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="url(#glow)"/>` +
    texture(random, light) +
    FIGURES[group](dark, mid, light) +
    `</svg>`
  );
}
