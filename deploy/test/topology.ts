import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import type http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { expect } from 'vitest';
import { COMBINATIONS, composeConfig, DEPLOY, DUMMY_ENV, ROOT, type Service } from './compose.js';
import { assembleRuntime, type Runtime } from './dockerfile.js';
import { nginxTest, prepareNginx, underRootfs } from './nginx.js';
import { exited, exitCode, freePort, Processes, waitUntil } from './processes.js';

/*
 * The production topology on loopback, for topology.test.ts: the backend and the SSR frontend run
 * from the files their Dockerfiles copy, with their Dockerfile's ENV and CMD and their compose
 * environment; nginx runs the configuration the proxy container renders. Only addresses and
 * container paths differ.
 */

const BUILDS = [
  'packages/shared/dist/index.js',
  'apps/api/dist/main.js',
  'apps/web/build-node/index.js',
  'apps/web/build-static/index.html',
];
const missing = BUILDS.filter((file) => !existsSync(path.join(ROOT, file)));
if (missing.length > 0) {
  throw new Error(
    `The topology test runs the built apps; missing: ${missing.join(', ')}.\n` +
      'Run "npm run build && npm run build:static -w @citizen/web" first.',
  );
}

const ADMIN_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const SITE_NAME = 'Citizen behind nginx';
export const PARTNER = 'https://partner.example';
const ENV = { ...DUMMY_ENV, SITE_NAME, EMBED_FRAME_ANCESTORS: PARTNER };

const processes = new Processes();
/** The test's own folder: assembled images, nginx configurations, certificates. */
export const scratch = mkdtempSync(path.join(os.tmpdir(), 'citizen-topology-'));
chmodSync(scratch, 0o755); // nginx workers run as nobody when the tests run as root
const database = `citizen_deploy_${randomBytes(4).toString('hex')}`;
let backendAddr: string;
let frontendAddr: string;
let backendOutput: () => string;
let backendDataDir: string;

/** What the backend printed so far (one JSON line per request). */
export const backendLog = () => backendOutput();
/** The backend image's /data, where the demo writes its administrator's credentials. */
export const dataDir = () => backendDataDir;

async function admin(query: string) {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    await client.query(query);
  } finally {
    await client.end();
  }
}

/** Starts an image's CMD in its assembled files, and waits until its HEALTHCHECK passes. */
async function startImage(name: string, runtime: Runtime, env: Record<string, string>) {
  const [command, ...args] = runtime.cmd!;
  const running = processes.start(name, command === 'node' ? process.execPath : command!, args, {
    cwd: runtime.cwd,
    env: { PATH: process.env.PATH ?? '', ...env },
  });
  await waitUntil(
    async () => (await exitCode(runtime.healthcheck!, { cwd: runtime.cwd, env })) === 0,
    {
      timeoutMs: 60_000,
      describe: () => `${name} never passed its HEALTHCHECK:\n${running.output()}`,
      over: () => exited(running),
    },
  );
  return running;
}

/** The image's environment, then the service's, then the loopback addresses of this test. */
function environment(runtime: Runtime, service: Service, local: Record<string, string>) {
  return { ...runtime.env, ...service.environment, ...local };
}

/** Starts the backend (on a new database) and the SSR frontend; the file's beforeAll. */
export async function startApps() {
  const { services } = composeConfig(COMBINATIONS.production, ENV);
  await admin(`create database ${database}`);

  const backendPort = await freePort();
  backendAddr = `127.0.0.1:${backendPort}`;
  const backend = assembleRuntime(
    path.join(DEPLOY, 'backend.Dockerfile'),
    path.join(scratch, 'backend'),
  );
  // The image's /data/media (a volume), under the assembled files like every container path.
  backendDataDir = path.join(backend.rootfs, backend.env.DATA_DIR!);
  const mediaDir = path.join(backend.rootfs, backend.env.MEDIA_DIR!);
  mkdirSync(mediaDir, { recursive: true });
  const databaseUrl = new URL(ADMIN_URL);
  databaseUrl.pathname = `/${database}`;
  const running = await startImage(
    'backend',
    backend,
    environment(backend, services.backend!, {
      HOST: '127.0.0.1',
      PORT: String(backendPort),
      DATABASE_URL: databaseUrl.toString(),
      DATA_DIR: backendDataDir,
      MEDIA_DIR: mediaDir,
      // Test-only: programmes to show, and one log line per request.
      DEMO_DATA: 'true',
      LOG_LEVEL: 'debug',
    }),
  );
  backendOutput = running.output;

  const frontendPort = await freePort();
  frontendAddr = `127.0.0.1:${frontendPort}`;
  const frontend = assembleRuntime(
    path.join(DEPLOY, 'frontend.Dockerfile'),
    path.join(scratch, 'frontend'),
  );
  await startImage(
    'frontend',
    frontend,
    environment(frontend, services.frontend!, {
      HOST: '127.0.0.1',
      PORT: String(frontendPort),
      API_INTERNAL_URL: `http://${backendAddr}`,
    }),
  );
}

/** Stops what startApps and startProxy started, and drops the database. */
export async function stopApps() {
  await processes.stopAll();
  await admin(`drop database if exists ${database} with (force)`).catch(() => {});
  rmSync(scratch, { recursive: true, force: true });
}

export type Proxy = { http: string; https?: string };

/** Runs nginx as the proxy of `files` renders it (checked with nginx -t first). */
export async function startProxy(
  label: string,
  files: readonly string[],
  extra: Record<string, string> = {},
) {
  const dir = path.join(scratch, label);
  mkdirSync(dir);
  const { services } = composeConfig(files, { ...ENV, ...extra });
  const proxy = services.proxy!;
  const rootfs = path.join(dir, 'rootfs');
  if (files.includes('docker-compose.static.yml')) {
    assembleRuntime(path.join(ROOT, proxy.build!.dockerfile), rootfs);
  }
  const ports = { http: await freePort(), https: await freePort() };
  const { args } = prepareNginx(
    proxy,
    {
      LISTEN_HTTP: String(ports.http),
      LISTEN_HTTPS: String(ports.https),
      BACKEND_ADDR: backendAddr,
      FRONTEND_ADDR: frontendAddr,
      NGINX_LOCAL_RESOLVERS: '127.0.0.1',
      ...underRootfs(proxy, rootfs),
    },
    dir,
  );
  nginxTest(args);
  const nginx = processes.start(`nginx ${label}`, 'nginx', args, {});
  // The compose healthcheck, on this test's port.
  const healthcheck = proxy
    .healthcheck!.test.slice(1)
    .map((a) => a.replace(':8080/', `:${ports.http}/`));
  await waitUntil(async () => (await exitCode(healthcheck, {})) === 0, {
    timeoutMs: 10_000,
    describe: () => `nginx (${label}) never passed its healthcheck:\n${nginx.output()}`,
    over: () => exited(nginx),
  });
  const result: Proxy = { http: `http://127.0.0.1:${ports.http}` };
  if (files.includes('docker-compose.tls.yml')) result.https = `https://127.0.0.1:${ports.https}`;
  return result;
}

/** The first programme the API lists (the demo's). */
export async function firstProgram(base: string): Promise<{ id: number; title: string }> {
  const response = await fetch(`${base}/api/programs`);
  expect(response.status).toBe(200);
  const { items } = (await response.json()) as { items: { id: number; title: string }[] };
  expect(items.length).toBeGreaterThan(0);
  return items[0]!;
}

/** `frameOptions`: a page or an API answer (framing matters), not a script or a style sheet. */
export function expectSecurityHeaders(
  headers: Headers | http.IncomingHttpHeaders,
  { frameOptions = true } = {},
) {
  const get = (name: string) => (headers instanceof Headers ? headers.get(name) : headers[name]);
  expect(get('x-content-type-options')).toBe('nosniff');
  if (frameOptions) expect(get('x-frame-options')).toBe('SAMEORIGIN');
  expect(get('referrer-policy')).toBe('strict-origin-when-cross-origin');
  // Sent once: nginx drops the upstream's copy.
  expect(get('permissions-policy')).toBe('camera=(self), geolocation=(self), microphone=()');
}

/** The directives of the response's one Content-Security-Policy (a second would be joined by ", "). */
export function policyOf(headers: http.IncomingHttpHeaders): Map<string, string[]> {
  const header = headers['content-security-policy'];
  expect(header).toBeTypeOf('string');
  expect(header).not.toContain(', ');
  return new Map(
    (header as string).split(';').map((d) => {
      const [name, ...sources] = d.trim().split(/\s+/);
      return [name!, sources];
    }),
  );
}
