import { describe, expect, it } from 'vitest';
import type { PublicSettings } from '@citizen/shared';
import { buildWebManifest, shortName } from './web-manifest.js';

const settings = (extra: Partial<PublicSettings> = {}) =>
  ({
    siteName: 'Nature en ville',
    logoUrl: null,
    colours: { primary: '#204a87', accent: '#b45309' },
    ...extra,
  }) as PublicSettings;

describe('web app manifest', () => {
  it('names the site, starts in the language and takes the primary colour', () => {
    const manifest = buildWebManifest(settings(), 'de');
    expect(manifest).toMatchObject({
      id: '/',
      name: 'Nature en ville',
      short_name: 'Nature',
      lang: 'de',
      start_url: '/de/',
      scope: '/',
      display: 'standalone',
      theme_color: '#204a87',
      background_color: '#204a87',
    });
  });

  it('lists icons of 192 and 512 px, each for any use and maskable', () => {
    const icons = buildWebManifest(settings(), 'fr').icons;
    expect(icons.map(({ sizes, type, purpose }) => [sizes, type, purpose])).toEqual([
      ['192x192', 'image/png', 'any'],
      ['512x512', 'image/png', 'any'],
      ['192x192', 'image/png', 'maskable'],
      ['512x512', 'image/png', 'maskable'],
    ]);
    expect(icons[3]!.src).toMatch(/^\/api\/web-manifest\/icons\/maskable\/512\?v=[0-9a-f]{16}$/);
  });

  it('gives the icons new URLs when the logo or the colour changes, not for another language', () => {
    const src = (s: PublicSettings, lang: 'fr' | 'en' = 'fr') =>
      buildWebManifest(s, lang).icons[0]!.src;
    expect(src(settings(), 'en')).toBe(src(settings()));
    expect(src(settings({ logoUrl: '/api/media/x/display' }))).not.toBe(src(settings()));
    expect(src(settings({ colours: { primary: '#000000', accent: '#b45309' } }))).not.toBe(
      src(settings()),
    );
  });

  it('shortens a long name to its first word, or cuts it', () => {
    expect(shortName('Citizen')).toBe('Citizen');
    expect(shortName('Observatoire de la biodiversité')).toBe('Observatoire');
    expect(shortName('Biodiversitätsbeobachtung Bayern')).toBe('Biodiversitä');
  });
});
