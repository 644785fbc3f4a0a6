import { describe, expect, it } from 'vitest';
import { licenceUrl } from './licence';

describe('licenceUrl', () => {
  it('links the Creative Commons licences to their page', () => {
    expect(licenceUrl('CC-BY-4.0')).toBe('https://creativecommons.org/licenses/by/4.0/');
    expect(licenceUrl('CC0-1.0')).toBe('https://creativecommons.org/publicdomain/zero/1.0/');
  });

  it('has no link for a licence written by hand', () => {
    expect(licenceUrl('Etalab Open Licence 2.0')).toBeNull();
  });
});
