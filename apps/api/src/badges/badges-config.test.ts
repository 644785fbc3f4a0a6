import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../config/config.js';

describe('BADGES_ENABLED', () => {
  it('is off unless switched on', () => {
    expect(loadConfig({}).badges).toEqual({ enabled: false });
  });

  it.each([
    ['true', true],
    ['1', true],
    ['on', true],
    ['false', false],
    ['0', false],
  ])('reads %s as %s', (value, enabled) => {
    expect(loadConfig({ BADGES_ENABLED: value }).badges.enabled).toBe(enabled);
  });

  it('refuses anything else, naming the setting', () => {
    expect(() => loadConfig({ BADGES_ENABLED: 'maybe' })).toThrow(ConfigError);
    expect(() => loadConfig({ BADGES_ENABLED: 'maybe' })).toThrow(/BADGES_ENABLED/);
  });
});
