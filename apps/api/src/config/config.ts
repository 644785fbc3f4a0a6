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
import type { PasswordHashCost } from '../users/passwords.js';
import { DEFAULT_BASE_LAYERS } from './base-layers.js';

/**
 * Every setting of the platform, read once at start from environment variables and an
 * optional JSON file (CONFIG_FILE). The environment wins over the file.
 */
const DELETION_CHOICES = ['anonymise', 'delete'] as const;
const CAPTCHA_PROVIDERS = ['hcaptcha', 'turnstile'] as const;
const MEDIA_STORAGES = ['disk', 's3'] as const;
const S3_DELIVERIES = ['api', 'redirect'] as const;
const RATE_LIMITED_ACTIONS = ['login', 'register', 'passwordReset', 'observationCreate'] as const;

const FRAME_SOURCE = String.raw`(\*|'self'|'none'|[a-z][a-z0-9+.-]*:(//[^\s;,']+)?|[^\s;,':/]+(:[0-9*]+)?(/[^\s;,']*)?)`;
const FRAME_ANCESTORS_PATTERN = `^${FRAME_SOURCE}( +${FRAME_SOURCE})*$`;

const Settings = Type.Object({
  PORT: Type.Integer({ minimum: 1, maximum: 65535, default: 3000 }),
  HOST: Type.String({ minLength: 1, default: '127.0.0.1' }),
  PUBLIC_URL: Type.Optional(Type.String({ pattern: '^https?://' })),
  DATABASE_URL: Type.Optional(Type.String({ pattern: '^postgres(ql)?://' })),
  DATABASE_POOL_SIZE: Type.Integer({ minimum: 1, maximum: 200, default: 10 }),
  DATA_DIR: Type.String({ minLength: 1, default: './data' }),
  MEDIA_DIR: Type.Optional(Type.String({ minLength: 1 })),
  // Photos on an S3-compatible object store instead of MEDIA_DIR (see docs/deployment.md).
  MEDIA_STORAGE: Type.Enum(MEDIA_STORAGES, { default: 'disk' }),
  S3_ENDPOINT: Type.Optional(Type.String({ pattern: '^https?://' })),
  S3_BUCKET: Type.Optional(Type.String({ pattern: '^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$' })),
  S3_REGION: Type.String({ minLength: 1, default: 'us-east-1' }),
  S3_ACCESS_KEY_ID: Type.Optional(Type.String({ minLength: 1 })),
  S3_SECRET_ACCESS_KEY: Type.Optional(Type.String({ minLength: 1 })),
  S3_FORCE_PATH_STYLE: Type.Boolean({ default: false }),
  // api: photos stream through the API; redirect: a 302 to a short-lived signed URL.
  S3_DELIVERY: Type.Enum(S3_DELIVERIES, { default: 'api' }),
  S3_SIGNED_URL_SECONDS: Type.Integer({ minimum: 5, maximum: 3600, default: 60 }),
  SERVE_WEB: Type.Boolean({ default: true }),
  WEB_BUILD_DIR: Type.Optional(Type.String({ minLength: 1 })),
  // Who may frame the embed pages (?embed=1, ?hide=…): CSP frame-ancestors sources, e.g.
  // "https://partner.example https://*.partner.org"; no ";", "," or quotes but 'self'/'none'.
  EMBED_FRAME_ANCESTORS: Type.String({
    pattern: FRAME_ANCESTORS_PATTERN,
    default: '*',
  }),
  DEMO_DATA: Type.Optional(Type.Boolean()),
  SITE_NAME: Type.String({ minLength: 1, default: 'Citizen' }),
  DEFAULT_LOCALE: Type.Enum(LOCALES, { default: 'fr' }),
  // Unset: OpenStreetMap, OpenTopoMap and IGN's orthophotos; [] for the offline backdrop only.
  MAP_BASE_LAYERS: Type.Array(BaseLayer, { default: DEFAULT_BASE_LAYERS }),
  PHOTO_MAX_BYTES: Type.Integer({ minimum: 100_000, maximum: 200_000_000, default: 20_000_000 }),
  PHOTO_DEFAULT_LICENCE: Type.Enum(PHOTO_LICENCES, {
    default: 'CC-BY-4.0',
  }),
  REVERSE_GEOCODER_URL: Type.Optional(Type.String({ pattern: '^https?://' })),
  // Taxonomy served by a TaxHub v2 server instead of Citizen's own tables (its API root).
  TAXHUB_URL: Type.Optional(Type.String({ pattern: '^https?://[^\\s/]+(/\\S*)?$' })),
  TAXHUB_CACHE_SECONDS: Type.Integer({ minimum: 0, maximum: 86_400, default: 600 }),
  // Accounts, mail and abuse limits (see the README's settings table).
  TRUST_PROXY: Type.Union([Type.Boolean(), Type.Integer({ minimum: 0 }), Type.String()], {
    default: 'loopback,linklocal,uniquelocal',
  }),
  REQUIRE_EMAIL_CONFIRMATION: Type.Boolean({ default: true }),
  ACCOUNT_DELETION_DEFAULT: Type.Enum(DELETION_CHOICES, { default: 'anonymise' }),
  ACCESS_TOKEN_MINUTES: Type.Integer({ minimum: 1, maximum: 1440, default: 15 }),
  REFRESH_TOKEN_DAYS: Type.Integer({ minimum: 1, maximum: 365, default: 30 }),
  SMTP_URL: Type.Optional(Type.String({ pattern: '^smtps?://[^/]+' })),
  MAIL_FROM: Type.Optional(Type.String({ pattern: '@' })),
  CAPTCHA_PROVIDER: Type.Optional(Type.Enum(CAPTCHA_PROVIDERS)),
  CAPTCHA_SITE_KEY: Type.Optional(Type.String({ minLength: 1 })),
  CAPTCHA_SECRET: Type.Optional(Type.String({ minLength: 1 })),
  RATE_LIMITS: Type.Object(
    Object.fromEntries(
      RATE_LIMITED_ACTIONS.map((action) => [
        action,
        Type.Optional(
          Type.Object(
            {
              perIp: Type.Optional(Type.Integer({ minimum: 1 })),
              perAccount: Type.Optional(Type.Integer({ minimum: 1 })),
              minutes: Type.Optional(Type.Integer({ minimum: 1, maximum: 1440 })),
            },
            { additionalProperties: false },
          ),
        ),
      ]),
    ),
    { additionalProperties: false, default: {} },
  ),
  AUDIT_RETENTION_DAYS: Type.Integer({ minimum: 1, default: 365 }),
  ANONYMOUS_EMAIL_RETENTION_DAYS: Type.Integer({ minimum: 1, default: 365 }),
  // Badges: an optional module (rules, awards, leaderboards); off unless switched on.
  BADGES_ENABLED: Type.Boolean({ default: false }),
  // Argon2's cost: `test` (the smallest) is for the test suite only, refused unless NODE_ENV=test.
  PASSWORD_HASH_COST: Type.Enum(['standard', 'test'], { default: 'standard' }),
  LOG_LEVEL: Type.Enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
    default: 'info',
  }),
});
type Settings = Static<typeof Settings>;

export type DeletionChoice = (typeof DELETION_CHOICES)[number];
export type CaptchaProvider = (typeof CAPTCHA_PROVIDERS)[number];
export type RateLimitedAction = (typeof RATE_LIMITED_ACTIONS)[number];
/** At most `perIp` requests from one address and `perAccount` for one account, per `minutes`. */
export type RateLimit = { perIp: number; perAccount: number; minutes: number };

/** passwordReset also covers resending the confirmation mail and e-mail changes: all mail an address. */
export const DEFAULT_RATE_LIMITS: Record<RateLimitedAction, RateLimit> = {
  login: { perIp: 100, perAccount: 10, minutes: 15 },
  register: { perIp: 50, perAccount: 3, minutes: 60 },
  passwordReset: { perIp: 30, perAccount: 3, minutes: 60 },
  observationCreate: { perIp: 300, perAccount: 120, minutes: 60 },
};

/** Where photos live: a folder, or a bucket of an S3-compatible object store. */
export type MediaStorage =
  | { kind: 'disk'; dir: string }
  | {
      kind: 's3';
      /** null: AWS itself, the endpoint found from the region. */
      endpoint: string | null;
      bucket: string;
      region: string;
      /** null: the AWS SDK's usual sources (environment, instance role...). */
      credentials: { accessKeyId: string; secretAccessKey: string } | null;
      forcePathStyle: boolean;
      delivery: (typeof S3_DELIVERIES)[number];
      signedUrlSeconds: number;
    };

export type Config = {
  port: number;
  host: string;
  publicUrl: string;
  database:
    { kind: 'postgres'; url: string; poolSize: number } | { kind: 'pglite'; dataDir: string };
  dataDir: string;
  /** The media folder (MEDIA_DIR): the store on disk, and what `media-to-s3` copies. */
  mediaDir: string;
  media: MediaStorage;
  /** The SSR web app, and who may frame its embed pages (a CSP frame-ancestors source list). */
  web: { enabled: boolean; buildDir: string; embedFrameAncestors: string };
  /** Load the demo programmes into an empty database (by default only in embedded mode). */
  demoData: boolean;
  siteName: string;
  defaultLocale: Locale;
  map: { baseLayers: BaseLayer[] };
  photos: { maxBytes: number; defaultLicence: PhotoLicence };
  /** Asked for a municipality name when no imported area covers a point (Nominatim-style API). */
  reverseGeocoderUrl: string | null;
  /** null: the taxonomy is Citizen's own tables; else the TaxHub v2 API that serves it. */
  taxhub: { url: string; cacheSeconds: number } | null;
  logLevel: string;
  /** Fastify's trustProxy: which peers may set X-Forwarded-For (the client IP rate limits use). */
  trustProxy: boolean | number | string;
  accounts: {
    requireEmailConfirmation: boolean;
    /** What happens to a deleted account's observations when the user does not choose. */
    deletionDefault: DeletionChoice;
    accessTokenMinutes: number;
    refreshTokenDays: number;
    captcha: { provider: CaptchaProvider; siteKey: string; secret: string } | null;
    rateLimits: Record<RateLimitedAction, RateLimit>;
    auditRetentionDays: number;
    /** How long the contact e-mail an anonymous observer left is kept. */
    anonymousEmailRetentionDays: number;
    passwordHashCost: PasswordHashCost;
  };
  /** Badges and leaderboards (each programme may also opt out). */
  badges: { enabled: boolean };
  mail: {
    /** null: mails are written to the log instead of being sent. */
    smtpUrl: string | null;
    from: string;
  };
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

const JSON_SETTINGS = new Set(['MAP_BASE_LAYERS', 'RATE_LIMITS']);
/** Never echoed in an error message: they may hold passwords. */
const SECRET_SETTINGS = new Set(['SMTP_URL', 'CAPTCHA_SECRET', 'S3_SECRET_ACCESS_KEY']);

/** Turns the raw strings of the environment into the types the schema expects. */
function coerce(name: string, raw: unknown): unknown {
  if (typeof raw !== 'string') return raw;
  // An empty variable (e.g. `PORT=` in a compose file) means "not set".
  if (raw.trim() === '') return undefined;
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
  return raw;
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
  const schema = Settings.properties[name as keyof Settings] as { enum?: unknown[] };
  const choices = schema?.enum;
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
    const shown = SECRET_SETTINGS.has(name) ? '"(hidden)"' : JSON.stringify(raw[name]);
    throw new ConfigError(name, `${describe(name, first)} (got ${shown ?? 'nothing'})`);
  }
  const s = withDefaults as Settings;

  const dataDir = path.resolve(cwd, s.DATA_DIR);
  const mediaDir = path.resolve(cwd, s.MEDIA_DIR ?? path.join(dataDir, 'media'));
  const publicUrl = (s.PUBLIC_URL ?? `http://localhost:${s.PORT}`).replace(/\/+$/, '');
  return {
    port: s.PORT,
    host: s.HOST,
    publicUrl,
    database: s.DATABASE_URL
      ? { kind: 'postgres', url: s.DATABASE_URL, poolSize: s.DATABASE_POOL_SIZE }
      : { kind: 'pglite', dataDir: path.join(dataDir, 'db') },
    dataDir,
    mediaDir,
    media: mediaStorage(s, mediaDir),
    web: {
      enabled: s.SERVE_WEB,
      buildDir: s.WEB_BUILD_DIR
        ? path.resolve(cwd, s.WEB_BUILD_DIR)
        : path.resolve(import.meta.dirname, '../../../web/build-node'),
      embedFrameAncestors: s.EMBED_FRAME_ANCESTORS,
    },
    demoData: s.DEMO_DATA ?? !s.DATABASE_URL,
    siteName: s.SITE_NAME,
    defaultLocale: s.DEFAULT_LOCALE,
    map: { baseLayers: s.MAP_BASE_LAYERS },
    photos: { maxBytes: s.PHOTO_MAX_BYTES, defaultLicence: s.PHOTO_DEFAULT_LICENCE },
    reverseGeocoderUrl: s.REVERSE_GEOCODER_URL ?? null,
    taxhub: s.TAXHUB_URL
      ? { url: s.TAXHUB_URL.replace(/\/+$/, ''), cacheSeconds: s.TAXHUB_CACHE_SECONDS }
      : null,
    logLevel: s.LOG_LEVEL,
    trustProxy: trustProxy(s.TRUST_PROXY),
    accounts: {
      requireEmailConfirmation: s.REQUIRE_EMAIL_CONFIRMATION,
      deletionDefault: s.ACCOUNT_DELETION_DEFAULT,
      accessTokenMinutes: s.ACCESS_TOKEN_MINUTES,
      refreshTokenDays: s.REFRESH_TOKEN_DAYS,
      captcha: captcha(s),
      rateLimits: rateLimits(s.RATE_LIMITS),
      auditRetentionDays: s.AUDIT_RETENTION_DAYS,
      anonymousEmailRetentionDays: s.ANONYMOUS_EMAIL_RETENTION_DAYS,
      passwordHashCost: passwordHashCost(s.PASSWORD_HASH_COST, env.NODE_ENV),
    },
    badges: { enabled: s.BADGES_ENABLED },
    mail: {
      smtpUrl: s.SMTP_URL ?? null,
      from:
        s.MAIL_FROM ??
        `"${s.SITE_NAME.replace(/["\\]/g, '')}" <no-reply@${new URL(publicUrl).hostname}>`,
    },
  };
}

const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** true/false, a number of proxy hops, or a comma list of addresses, CIDR ranges and names. */
function trustProxy(value: boolean | number | string): boolean | number | string {
  if (typeof value !== 'string') return value;
  if (/^(true|false)$/i.test(value)) return value.toLowerCase() === 'true';
  if (/^\d+$/.test(value)) return Number(value);
  const items = value.split(',').map((item) => item.trim());
  const bad = items.find(
    (item) => !PROXY_NAMES.has(item) && !/^[0-9a-fA-F:.]+(\/\d{1,3})?$/.test(item),
  );
  if (bad !== undefined) {
    throw new ConfigError(
      'TRUST_PROXY',
      `must be true, false, a number of hops or a list of addresses, ranges and loopback/linklocal/uniquelocal (got "${bad}")`,
    );
  }
  return items.join(',');
}

/** Never weaker than the standard cost outside the test suite. */
function passwordHashCost(cost: PasswordHashCost, nodeEnv: string | undefined): PasswordHashCost {
  if (cost === 'test' && nodeEnv !== 'test') {
    throw new ConfigError('PASSWORD_HASH_COST', 'test is for the test suite only (NODE_ENV=test)');
  }
  return cost;
}

function mediaStorage(s: Settings, dir: string): MediaStorage {
  if (s.MEDIA_STORAGE === 'disk') return { kind: 'disk', dir };
  if (!s.S3_BUCKET) throw new ConfigError('S3_BUCKET', 'is required when MEDIA_STORAGE is s3');
  if (Boolean(s.S3_ACCESS_KEY_ID) !== Boolean(s.S3_SECRET_ACCESS_KEY)) {
    const missing = s.S3_ACCESS_KEY_ID ? 'S3_SECRET_ACCESS_KEY' : 'S3_ACCESS_KEY_ID';
    throw new ConfigError(missing, 'is required with the other S3 key setting');
  }
  return {
    kind: 's3',
    endpoint: s.S3_ENDPOINT?.replace(/\/+$/, '') ?? null,
    bucket: s.S3_BUCKET,
    region: s.S3_REGION,
    credentials: s.S3_ACCESS_KEY_ID
      ? { accessKeyId: s.S3_ACCESS_KEY_ID, secretAccessKey: s.S3_SECRET_ACCESS_KEY! }
      : null,
    forcePathStyle: s.S3_FORCE_PATH_STYLE,
    delivery: s.S3_DELIVERY,
    signedUrlSeconds: s.S3_SIGNED_URL_SECONDS,
  };
}

function captcha(s: Settings): Config['accounts']['captcha'] {
  if (!s.CAPTCHA_PROVIDER) return null;
  for (const name of ['CAPTCHA_SITE_KEY', 'CAPTCHA_SECRET'] as const) {
    if (!s[name]) throw new ConfigError(name, 'is required when CAPTCHA_PROVIDER is set');
  }
  return { provider: s.CAPTCHA_PROVIDER, siteKey: s.CAPTCHA_SITE_KEY!, secret: s.CAPTCHA_SECRET! };
}

function rateLimits(given: Settings['RATE_LIMITS']): Record<RateLimitedAction, RateLimit> {
  const limits = { ...DEFAULT_RATE_LIMITS };
  for (const action of RATE_LIMITED_ACTIONS) {
    limits[action] = { ...DEFAULT_RATE_LIMITS[action], ...(given[action] ?? {}) };
  }
  return limits;
}
