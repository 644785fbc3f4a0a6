import { describe, expect, it } from 'vitest';
import type { PublicSettings } from '@citizen/shared';
import { connectSources, pagePolicy } from './security-headers';

const settings = (over: Partial<PublicSettings> = {}) =>
  ({
    map: {
      baseLayers: [
        {
          id: 'osm',
          name: 'OSM',
          type: 'raster',
          tiles: ['https://tile.example.org/{z}/{x}/{y}.png', 'https://tile.example.org/b/{z}'],
        },
        { id: 'vector', name: 'Vector', type: 'style', url: 'https://styles.example.net/s.json' },
        { id: 'bad', name: 'Bad', type: 'raster', tiles: ['not a url'] },
      ],
      center: [0, 0],
      zoom: 5,
      minPlacementZoom: 14,
    },
    geocoderUrl: 'https://geocode.example.com/search',
    embedFrameAncestors: 'https://partner.example https://*.partner.org',
    captcha: null,
    ...over,
  }) as PublicSettings;

// What SvelteKit writes from svelte.config.js, with its nonce.
const KIT = "default-src 'self'; script-src 'self' 'nonce-abc'; connect-src 'self'";

describe('page security policy', () => {
  it('lists the origins of the base maps and the place search, once each', () => {
    expect(connectSources(settings())).toEqual([
      'https://tile.example.org',
      'https://styles.example.net',
      'https://geocode.example.com',
    ]);
  });

  it("adds the settings' hosts to SvelteKit's policy and forbids framing", () => {
    expect(pagePolicy(KIT, settings(), false)).toBe(
      "default-src 'self'; script-src 'self' 'nonce-abc'; connect-src 'self' " +
        'https://tile.example.org https://styles.example.net https://geocode.example.com; ' +
        "frame-ancestors 'self'",
    );
  });

  it('lets the partners of EMBED_FRAME_ANCESTORS frame an embed page', () => {
    expect(pagePolicy(KIT, settings(), true)).toMatch(
      /; frame-ancestors https:\/\/partner\.example https:\/\/\*\.partner\.org$/,
    );
  });

  it("adds the captcha provider's hosts where its widget needs them", () => {
    const policy = pagePolicy(KIT, settings({ captcha: 'turnstile' }), false);
    expect(policy).toContain("script-src 'self' 'nonce-abc' https://challenges.cloudflare.com;");
    expect(policy).toContain('frame-src https://challenges.cloudflare.com;');
  });

  it('keeps the plain policy when the settings are unknown', () => {
    expect(pagePolicy(KIT, undefined, true)).toBe(`${KIT}; frame-ancestors 'self'`);
  });
});
