import { describe, expect, it } from 'vitest';
import { safeRedirect } from './navigation';

describe('safeRedirect', () => {
  it('only returns paths of this site', () => {
    expect(safeRedirect('/fr/programs/1?taxon=2', '/fr')).toBe('/fr/programs/1?taxon=2');
    for (const bad of [null, '', 'https://evil.example', '//evil.example', '/\\evil.example']) {
      expect(safeRedirect(bad, '/fr')).toBe('/fr');
    }
  });
});
