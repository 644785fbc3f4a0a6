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
    // A ";" would end frame-ancestors and start another directive of the pages' CSP.
    [
      { EMBED_FRAME_ANCESTORS: "https://a.example; script-src 'unsafe-inline'" },
      /^Invalid setting EMBED_FRAME_ANCESTORS: must match pattern/,
    ],
  ])('rejects %j with a message naming the setting', (env, message) => {
    expect(() => loadConfig(env, cwd)).toThrow(message);
  });

  it('treats an empty variable as unset', () => {
    const config = loadConfig(
      { PORT: '', MAP_BASE_LAYERS: '', SERVE_WEB: ' ', DATABASE_URL: '' },
      cwd,
    );
    expect([config.port, config.web.enabled, config.database.kind]).toEqual([3000, true, 'pglite']);
    expect(config.map.baseLayers.map((layer) => layer.id)).toEqual([
      'osm',
      'opentopomap',
      'ign-ortho',
    ]);
  });

  it('shows OpenStreetMap first by default, and no base map at all with an empty list', () => {
    const [first] = loadConfig({}, cwd).map.baseLayers;
    expect(first).toMatchObject({
      type: 'raster',
      tiles: ['https://tile.openstreetmap.org/{z}/{x}/{y}.png'],
      attribution: expect.stringContaining('© OpenStreetMap contributors'),
    });
    expect(loadConfig({ MAP_BASE_LAYERS: '[]' }, cwd).map.baseLayers).toEqual([]);
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

  it('has secure account defaults: confirmation required, anonymise on deletion, 15 min / 30 days', () => {
    const { accounts, mail, trustProxy } = loadConfig({}, cwd);
    expect(accounts.requireEmailConfirmation).toBe(true);
    expect(accounts.deletionDefault).toBe('anonymise');
    expect(accounts.accessTokenMinutes).toBe(15);
    expect(accounts.refreshTokenDays).toBe(30);
    expect(accounts.captcha).toBeNull();
    expect(accounts.rateLimits.login).toEqual({ perIp: 100, perAccount: 10, minutes: 15 });
    expect(mail).toEqual({ smtpUrl: null, from: '"Citizen" <no-reply@localhost>' });
    expect(trustProxy).toBe('loopback,linklocal,uniquelocal');
  });

  it('reads the account, mail and proxy settings', () => {
    const config = loadConfig(
      {
        PUBLIC_URL: 'https://obs.example.org',
        REQUIRE_EMAIL_CONFIRMATION: 'false',
        ACCOUNT_DELETION_DEFAULT: 'delete',
        SMTP_URL: 'smtp://user:pass@mail.example.org:587',
        CAPTCHA_PROVIDER: 'hcaptcha',
        CAPTCHA_SITE_KEY: 'site-key',
        CAPTCHA_SECRET: 'secret',
        RATE_LIMITS: '{"login":{"perAccount":5}}',
        TRUST_PROXY: '2',
      },
      cwd,
    );
    expect(config.accounts.requireEmailConfirmation).toBe(false);
    expect(config.accounts.deletionDefault).toBe('delete');
    expect(config.mail).toEqual({
      smtpUrl: 'smtp://user:pass@mail.example.org:587',
      from: '"Citizen" <no-reply@obs.example.org>',
    });
    expect(config.accounts.captcha).toEqual({
      provider: 'hcaptcha',
      siteKey: 'site-key',
      secret: 'secret',
    });
    expect(config.accounts.rateLimits.login).toEqual({ perIp: 100, perAccount: 5, minutes: 15 });
    expect(config.trustProxy).toBe(2);
    expect(loadConfig({ TRUST_PROXY: 'false' }, cwd).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, 127.0.0.1' }, cwd).trustProxy).toBe(
      '10.0.0.0/8,127.0.0.1',
    );
  });

  it.each([
    [
      { ACCOUNT_DELETION_DEFAULT: 'keep' },
      /ACCOUNT_DELETION_DEFAULT: must be one of anonymise, delete/,
    ],
    [{ REQUIRE_EMAIL_CONFIRMATION: 'perhaps' }, /REQUIRE_EMAIL_CONFIRMATION: must be boolean/],
    [{ ACCESS_TOKEN_MINUTES: '0' }, /ACCESS_TOKEN_MINUTES: must be >= 1/],
    [{ CAPTCHA_PROVIDER: 'recaptcha' }, /CAPTCHA_PROVIDER: must be one of hcaptcha, turnstile/],
    [
      { CAPTCHA_PROVIDER: 'turnstile' },
      /CAPTCHA_SITE_KEY: is required when CAPTCHA_PROVIDER is set/,
    ],
    [
      { CAPTCHA_PROVIDER: 'turnstile', CAPTCHA_SITE_KEY: 'k' },
      /CAPTCHA_SECRET: is required when CAPTCHA_PROVIDER is set/,
    ],
    [{ RATE_LIMITS: '{"login":{"perIp":0}}' }, /^Invalid setting RATE_LIMITS: /],
    [{ RATE_LIMITS: '{"logn":{}}' }, /^Invalid setting RATE_LIMITS: /],
    [{ TRUST_PROXY: 'everyone' }, /TRUST_PROXY: must be true, false, a number of hops/],
  ])('rejects %j with a message naming the setting', (env, message) => {
    expect(() => loadConfig(env, cwd)).toThrow(message);
  });

  it('keeps photos in MEDIA_DIR unless MEDIA_STORAGE=s3, which needs a bucket and both keys or none', () => {
    expect(loadConfig({}, cwd).media).toEqual({ kind: 'disk', dir: '/srv/citizen/data/media' });
    const s3 = loadConfig(
      {
        MEDIA_STORAGE: 's3',
        S3_ENDPOINT: 'http://minio:9000/',
        S3_BUCKET: 'citizen-media',
        S3_ACCESS_KEY_ID: 'citizen',
        S3_SECRET_ACCESS_KEY: 'secret-1',
        S3_FORCE_PATH_STYLE: 'true',
        S3_DELIVERY: 'redirect',
      },
      cwd,
    ).media;
    expect(s3).toEqual({
      kind: 's3',
      endpoint: 'http://minio:9000',
      bucket: 'citizen-media',
      region: 'us-east-1',
      credentials: { accessKeyId: 'citizen', secretAccessKey: 'secret-1' },
      forcePathStyle: true,
      delivery: 'redirect',
      signedUrlSeconds: 60,
    });
    expect(() => loadConfig({ MEDIA_STORAGE: 's3' }, cwd)).toThrow(
      'Invalid setting S3_BUCKET: is required when MEDIA_STORAGE is s3',
    );
    expect(() =>
      loadConfig({ MEDIA_STORAGE: 's3', S3_BUCKET: 'b-1', S3_ACCESS_KEY_ID: 'k' }, cwd),
    ).toThrow('Invalid setting S3_SECRET_ACCESS_KEY: is required with the other S3 key setting');
    expect(() =>
      loadConfig({ MEDIA_STORAGE: 's3', S3_BUCKET: 'b-1', S3_SECRET_ACCESS_KEY: 'x' }, cwd),
    ).toThrow(/S3_ACCESS_KEY_ID/);
    expect(() => loadConfig({ S3_SECRET_ACCESS_KEY: '', S3_SIGNED_URL_SECONDS: '0' }, cwd)).toThrow(
      /S3_SIGNED_URL_SECONDS/,
    );
  });

  it('hashes passwords at the standard cost; the lower test cost only under NODE_ENV=test', () => {
    expect(loadConfig({}, cwd).accounts.passwordHashCost).toBe('standard');
    expect(
      loadConfig({ PASSWORD_HASH_COST: 'test', NODE_ENV: 'test' }, cwd).accounts.passwordHashCost,
    ).toBe('test');
    for (const NODE_ENV of [undefined, 'production', 'development']) {
      expect(() => loadConfig({ PASSWORD_HASH_COST: 'test', NODE_ENV }, cwd)).toThrow(
        /^Invalid setting PASSWORD_HASH_COST: test is for the test suite only/,
      );
    }
    expect(() => loadConfig({ PASSWORD_HASH_COST: 'low' }, cwd)).toThrow(
      /^Invalid setting PASSWORD_HASH_COST: must be one of standard, test/,
    );
  });

  it('never echoes a secret setting in an error', () => {
    expect(() => loadConfig({ SMTP_URL: 'http://user:hunter2@mail' }, cwd)).toThrow(
      /^Invalid setting SMTP_URL: must match pattern .* \(got "\(hidden\)"\)$/,
    );
  });
});
