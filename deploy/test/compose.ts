import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const DEPLOY = path.join(ROOT, 'deploy');

/** Every combination of compose files that docs/deployment.md documents. */
export const COMBINATIONS = {
  production: ['docker-compose.yml'],
  development: ['docker-compose.yml', 'docker-compose.override.yml'],
  static: ['docker-compose.yml', 'docker-compose.static.yml'],
  'production with TLS': ['docker-compose.yml', 'docker-compose.tls.yml'],
  'static with TLS': ['docker-compose.yml', 'docker-compose.static.yml', 'docker-compose.tls.yml'],
  'production with S3': ['docker-compose.yml', 'docker-compose.s3.yml'],
} as const;
export type Combination = keyof typeof COMBINATIONS;

/** Values a real deploy/.env would hold; the secret is a sentinel the tests look for. */
export const DUMMY_ENV = {
  POSTGRES_PASSWORD: 'sentinel-db-password-4f1c',
  PUBLIC_URL: 'https://citizen.example.org',
  S3_ACCESS_KEY_ID: 'citizen',
  S3_SECRET_ACCESS_KEY: 'sentinel-s3-secret-9d2e',
};

export type Healthcheck = { test: string[]; interval?: string; start_period?: string };
export type Service = {
  image?: string;
  build?: { context: string; dockerfile: string; target?: string };
  command?: string[];
  entrypoint?: string[];
  environment?: Record<string, string>;
  ports?: ({ published: number | string; target: number; host_ip?: string } | string)[];
  volumes?: string[];
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: Healthcheck;
  restart?: string;
  profiles?: string[];
};
export type ComposeConfig = {
  services: Record<string, Service>;
  volumes?: Record<string, unknown>;
};

/**
 * `docker-compose config` (Debian's v1, which needs no Docker engine) on the given files of
 * deploy/: it validates them, merges them and interpolates `env` (nothing from a local .env).
 */
export function composeConfig(files: readonly string[], env: Record<string, string> = DUMMY_ENV) {
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'citizen-compose-'));
  try {
    const envFile = path.join(scratch, 'empty.env');
    writeFileSync(envFile, '');
    const args = ['--env-file', envFile, ...files.flatMap((f) => ['-f', f]), 'config'];
    const output = execFileSync('docker-compose', args, {
      cwd: DEPLOY,
      env: { PATH: process.env.PATH ?? '', ...env },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return parse(output) as ComposeConfig;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** The services `up` starts: those without a profile. */
export function startedServices(config: ComposeConfig): string[] {
  return Object.entries(config.services)
    .filter(([, service]) => !service.profiles?.length)
    .map(([name]) => name);
}

/** Host path of a bind mount, given its path in the container (`/etc/nginx/citizen`). */
export function hostPathOf(service: Service, target: string): string {
  for (const volume of service.volumes ?? []) {
    const [source, mountedAt] = volume.split(':');
    if (mountedAt === target) return source!;
  }
  throw new Error(`nothing is mounted at ${target}`);
}
