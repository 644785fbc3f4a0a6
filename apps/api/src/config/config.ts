import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Type, type Static } from 'typebox';
import { Value } from 'typebox/value';
import {
  BaseLayer,
  LOCALES,
  PHOTO_LICENCES,
  type Locale,
  type PhotoLicence,
} from '@citizen/shared';

/**
 * Every setting of the platform, read once at start from environment variables and an
 * optional JSON file (CONFIG_FILE). The environment wins over the file.
 */
const Settings = Type.Object({
  PORT: Type.Integer({ minimum: 1, maximum: 65535, default: 3000 }),
  HOST: Type.String({ minLength: 1, default: '127.0.0.1' }),
  PUBLIC_URL: Type.Optional(Type.String({ pattern: '^https?://' })),
  DATABASE_URL: Type.Optional(Type.String({ pattern: '^postgres(ql)?://' })),
  DATABASE_POOL_SIZE: Type.Integer({ minimum: 1, maximum: 200, default: 10 }),
  DATA_DIR: Type.String({ minLength: 1, default: './data' }),
  MEDIA_DIR: Type.Optional(Type.String({ minLength: 1 })),
  SERVE_WEB: Type.Boolean({ default: true }),
  WEB_BUILD_DIR: Type.Optional(Type.String({ minLength: 1 })),
  DEMO_DATA: Type.Optional(Type.Boolean()),
  SITE_NAME: Type.String({ minLength: 1, default: 'Citizen' }),
  DEFAULT_LOCALE: Type.Union(
    LOCALES.map((l) => Type.Literal(l)),
    { default: 'fr' },
  ),
  MAP_BASE_LAYERS: Type.Array(BaseLayer, { default: [] }),
  PHOTO_MAX_BYTES: Type.Integer({ minimum: 100_000, maximum: 200_000_000, default: 20_000_000 }),
  PHOTO_DEFAULT_LICENCE: Type.Union(
    PHOTO_LICENCES.map((l) => Type.Literal(l)),
    {
      default: 'CC-BY-4.0',
    },
  ),
  REVERSE_GEOCODER_URL: Type.Optional(Type.String({ pattern: '^https?://' })),
  LOG_LEVEL: Type.Union(
    ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((l) => Type.Literal(l)),
    { default: 'info' },
  ),
});
type Settings = Static<typeof Settings>;

export type Config = {
  port: number;
  host: string;
  publicUrl: string;
  database:
    { kind: 'postgres'; url: string; poolSize: number } | { kind: 'pglite'; dataDir: string };
  dataDir: string;
  mediaDir: string;
  web: { enabled: boolean; buildDir: string };
  /** Load the demo programmes into an empty database (by default only in embedded mode). */
  demoData: boolean;
  siteName: string;
  defaultLocale: Locale;
  map: { baseLayers: BaseLayer[] };
  photos: { maxBytes: number; defaultLicence: PhotoLicence };
  /** Asked for a municipality name when no imported area covers a point (Nominatim-style API). */
  reverseGeocoderUrl: string | null;
  logLevel: string;
};

export class ConfigError extends Error {
  constructor(
    readonly setting: string,
    message: string,
  ) {
    super(`Invalid setting ${setting}: ${message}`);
  }
}

type Source = Record<string, string | undefined>;

const JSON_SETTINGS = new Set(['MAP_BASE_LAYERS']);

/** Turns the raw strings of the environment into the types the schema expects. */
function coerce(name: string, raw: unknown): unknown {
  if (typeof raw !== 'string') return raw;
  const schema = Settings.properties[name as keyof Settings];
  if (JSON_SETTINGS.has(name)) {
    try {
      return JSON.parse(raw);
    } catch {
      throw new ConfigError(name, 'is not valid JSON');
    }
  }
  if (schema && 'type' in schema && schema.type === 'integer') {
    return /^-?\d+$/.test(raw.trim()) ? Number(raw) : raw;
  }
  if (schema && 'type' in schema && schema.type === 'boolean') {
    if (/^(1|true|yes|on)$/i.test(raw)) return true;
    if (/^(0|false|no|off)$/i.test(raw)) return false;
  }
  return raw === '' ? undefined : raw;
}

function readConfigFile(file: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError('CONFIG_FILE', `cannot read ${file} (${(error as Error).message})`);
  }
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw new Error('not an object');
    }
    return parsed as Record<string, unknown>;
  } catch (error) {
    throw new ConfigError(
      'CONFIG_FILE',
      `${file} is not a JSON object (${(error as Error).message})`,
    );
  }
}

function describe(name: string, error: { message: string }): string {
  const schema = Settings.properties[name as keyof Settings] as { anyOf?: { const?: unknown }[] };
  const choices = schema?.anyOf?.map((s) => s.const).filter((c) => c !== undefined);
  return choices?.length ? `must be one of ${choices.join(', ')}` : error.message;
}

/** Reads and validates the configuration; throws a ConfigError naming the first bad setting. */
export function loadConfig(env: Source = process.env, cwd = process.cwd()): Config {
  const fromFile = env.CONFIG_FILE ? readConfigFile(path.resolve(cwd, env.CONFIG_FILE)) : {};
  const raw: Record<string, unknown> = {};
  for (const name of Object.keys(Settings.properties)) {
    const value = env[name] ?? fromFile[name];
    const coerced = coerce(name, value);
    if (coerced !== undefined) raw[name] = coerced;
  }
  const unknown = Object.keys(fromFile).filter((k) => !(k in Settings.properties));
  if (unknown.length > 0) {
    throw new ConfigError(unknown[0]!, `is not a known setting (in ${env.CONFIG_FILE})`);
  }

  const withDefaults = Value.Default(Settings, raw);
  const [first] = Value.Errors(Settings, withDefaults);
  if (first) {
    const name = first.instancePath.split('/')[1] ?? first.instancePath;
    const shown = JSON.stringify(raw[name]);
    throw new ConfigError(name, `${describe(name, first)} (got ${shown ?? 'nothing'})`);
  }
  const s = withDefaults as Settings;

  const dataDir = path.resolve(cwd, s.DATA_DIR);
  return {
    port: s.PORT,
    host: s.HOST,
    publicUrl: (s.PUBLIC_URL ?? `http://localhost:${s.PORT}`).replace(/\/+$/, ''),
    database: s.DATABASE_URL
      ? { kind: 'postgres', url: s.DATABASE_URL, poolSize: s.DATABASE_POOL_SIZE }
      : { kind: 'pglite', dataDir: path.join(dataDir, 'db') },
    dataDir,
    mediaDir: path.resolve(cwd, s.MEDIA_DIR ?? path.join(dataDir, 'media')),
    web: {
      enabled: s.SERVE_WEB,
      buildDir: s.WEB_BUILD_DIR
        ? path.resolve(cwd, s.WEB_BUILD_DIR)
        : path.resolve(import.meta.dirname, '../../../web/build-node'),
    },
    demoData: s.DEMO_DATA ?? !s.DATABASE_URL,
    siteName: s.SITE_NAME,
    defaultLocale: s.DEFAULT_LOCALE,
    map: { baseLayers: s.MAP_BASE_LAYERS },
    photos: { maxBytes: s.PHOTO_MAX_BYTES, defaultLicence: s.PHOTO_DEFAULT_LICENCE },
    reverseGeocoderUrl: s.REVERSE_GEOCODER_URL ?? null,
    logLevel: s.LOG_LEVEL,
  };
}
