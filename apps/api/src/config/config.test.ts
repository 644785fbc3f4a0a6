import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';

const cwd = '/srv/citizen';

describe('loadConfig', () => {
  it('runs embedded by default: PGlite in ./data, port 3000, demo data, web app served', () => {
    const config = loadConfig({}, cwd);
    expect(config.port).toBe(3000);
    expect(config.database).toEqual({ kind: 'pglite', dataDir: '/srv/citizen/data/db' });
    expect(config.mediaDir).toBe('/srv/citizen/data/media');
    expect(config.demoData).toBe(true);
    expect(config.web.enabled).toBe(true);
    expect(config.publicUrl).toBe('http://localhost:3000');
  });

  it('uses PostgreSQL when DATABASE_URL is set, without demo data unless asked', () => {
    const config = loadConfig(
      { DATABASE_URL: 'postgres://u:p@db:5432/citizen', PORT: '8080' },
      cwd,
    );
    expect(config.database).toEqual({
      kind: 'postgres',
      url: 'postgres://u:p@db:5432/citizen',
      poolSize: 10,
    });
    expect(config.demoData).toBe(false);
    expect(loadConfig({ DATABASE_URL: 'postgresql://db/c', DEMO_DATA: 'yes' }, cwd).demoData).toBe(
      true,
    );
  });

  it.each([
    [{ PORT: 'abc' }, 'Invalid setting PORT: must be integer (got "abc")'],
    [{ PORT: '70000' }, 'Invalid setting PORT: must be <= 65535 (got 70000)'],
    [{ DATABASE_URL: 'mysql://db/x' }, /^Invalid setting DATABASE_URL: must match pattern/],
    [{ SERVE_WEB: 'maybe' }, 'Invalid setting SERVE_WEB: must be boolean (got "maybe")'],
    [
      { DEFAULT_LOCALE: 'es' },
      'Invalid setting DEFAULT_LOCALE: must be one of fr, en, de (got "es")',
    ],
    [{ MAP_BASE_LAYERS: '[{' }, 'Invalid setting MAP_BASE_LAYERS: is not valid JSON'],
    [{ MAP_BASE_LAYERS: '[{"id":"x"}]' }, /^Invalid setting MAP_BASE_LAYERS: /],
  ])('rejects %j with a message naming the setting', (env, message) => {
    expect(() => loadConfig(env, cwd)).toThrow(message);
  });

  it('reads base layers as JSON and trims a trailing slash from PUBLIC_URL', () => {
    const config = loadConfig(
      {
        PUBLIC_URL: 'https://obs.example.org/',
        MAP_BASE_LAYERS: JSON.stringify([
          {
            id: 'osm',
            name: 'OpenStreetMap',
            type: 'raster',
            tiles: ['https://tile.example.org/{z}/{x}/{y}.png'],
          },
        ]),
      },
      cwd,
    );
    expect(config.publicUrl).toBe('https://obs.example.org');
    expect(config.map.baseLayers).toHaveLength(1);
  });

  it('reads an optional JSON config file, which the environment overrides', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'citizen-config-'));
    const file = path.join(dir, 'citizen.json');
    writeFileSync(file, JSON.stringify({ SITE_NAME: 'Parc des Écrins', PORT: 4000 }));
    expect(loadConfig({ CONFIG_FILE: file }, cwd).siteName).toBe('Parc des Écrins');
    expect(loadConfig({ CONFIG_FILE: file }, cwd).port).toBe(4000);
    expect(loadConfig({ CONFIG_FILE: file, PORT: '5000' }, cwd).port).toBe(5000);

    writeFileSync(file, JSON.stringify({ SITE_NAM: 'typo' }));
    expect(() => loadConfig({ CONFIG_FILE: file }, cwd)).toThrow(
      'Invalid setting SITE_NAM: is not a known setting',
    );
    expect(() => loadConfig({ CONFIG_FILE: path.join(dir, 'missing.json') }, cwd)).toThrow(
      /^Invalid setting CONFIG_FILE: cannot read/,
    );
  });
});
