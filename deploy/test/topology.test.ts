import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
} from 'node:fs';
import type http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMBINATIONS, composeConfig, DEPLOY, DUMMY_ENV, ROOT, type Service } from './compose.js';
import { assembleRuntime, type Runtime } from './dockerfile.js';
import { nginxTest, prepareNginx, underRootfs } from './nginx.js';
import { multipart, noisyJpeg, request } from './http.js';
import { exited, exitCode, freePort, Processes, waitUntil } from './processes.js';
import { selfSignedCertificate } from './tls.js';

/*
 * The production topology on loopback: the backend and the SSR frontend run from the files their
 * Dockerfiles copy, with their Dockerfile's ENV and CMD and their compose environment; nginx
 * runs the configuration the proxy container renders. Only addresses and container paths differ.
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
const SITE_NAME = 'Citizen behind nginx';
const PARTNER = 'https://partner.example';
const ENV = { ...DUMMY_ENV, SITE_NAME, EMBED_FRAME_ANCESTORS: PARTNER };

const processes = new Processes();
const scratch = mkdtempSync(path.join(os.tmpdir(), 'citizen-topology-'));
chmodSync(scratch, 0o755); // nginx workers run as nobody when the tests run as root
const database = `citizen_deploy_${randomBytes(4).toString('hex')}`;
let backendAddr: string;
let frontendAddr: string;
let backendLog: () => string;
let dataDir: string;

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

beforeAll(async () => {
  const { services } = composeConfig(COMBINATIONS.production, ENV);
  await admin(`create database ${database}`);

  const backendPort = await freePort();
  backendAddr = `127.0.0.1:${backendPort}`;
  const backend = assembleRuntime(
    path.join(DEPLOY, 'backend.Dockerfile'),
    path.join(scratch, 'backend'),
  );
  // The image's /data/media (a volume), under the assembled files like every container path.
  dataDir = path.join(backend.rootfs, backend.env.DATA_DIR!);
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
      DATA_DIR: dataDir,
      MEDIA_DIR: mediaDir,
      // Test-only: programmes to show, and one log line per request.
      DEMO_DATA: 'true',
      LOG_LEVEL: 'debug',
    }),
  );
  backendLog = running.output;

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
}, 120_000);

afterAll(async () => {
  await processes.stopAll();
  await admin(`drop database if exists ${database} with (force)`).catch(() => {});
  rmSync(scratch, { recursive: true, force: true });
});

type Proxy = { http: string; https?: string };

/** Runs nginx as the proxy of `files` renders it (checked with nginx -t first). */
async function startProxy(
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

async function firstProgram(base: string): Promise<{ id: number; title: string }> {
  const response = await fetch(`${base}/api/programs`);
  expect(response.status).toBe(200);
  const { items } = (await response.json()) as { items: { id: number; title: string }[] };
  expect(items.length).toBeGreaterThan(0);
  return items[0]!;
}

/** `frameOptions`: a page or an API answer (framing matters), not a script or a style sheet. */
function expectSecurityHeaders(
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
function policyOf(headers: http.IncomingHttpHeaders): Map<string, string[]> {
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

/** The upload checks both variants share: nginx hands a photo-sized body to the backend. */
function uploadTests(proxy: () => Proxy) {
  it('passes a 2 MB upload on to the backend (nginx does not answer 413)', async () => {
    const junk = {
      name: 'photo',
      filename: 'big.jpg',
      type: 'image/jpeg',
      bytes: randomBytes(2_000_000),
    };
    const { body, headers } = multipart({}, [junk]);
    const reply = await request(`${proxy().http}/api/media/metadata`, {
      method: 'POST',
      headers,
      body,
    });
    expect(reply.status).not.toBe(413);
    // The backend's JSON error (this is not a photo), not an nginx page.
    expect(reply.headers['content-type']).toMatch(/^application\/json/);
    expect(JSON.parse(reply.body)).toHaveProperty('message');
  });

  it('refuses a body over client_max_body_size before reading it', async () => {
    const reply = await request(`${proxy().http}/api/media/metadata`, {
      method: 'POST',
      headers: {
        'content-type': 'application/octet-stream',
        'content-length': String(200_000_000),
      },
    });
    expect(reply.status).toBe(413);
  });

  it('lets a reference-file import through to the API, which refuses a visitor before reading it', async () => {
    const reply = await request(`${proxy().http}/api/admin/taxonomy/import`, {
      method: 'POST',
      headers: {
        'content-type': 'multipart/form-data; boundary=x',
        'content-length': String(300_000_000),
      },
    });
    expect(reply.status).toBe(401);
    expect(reply.headers['content-type']).toMatch(/^application\/json/);
  });
}

describe('server-rendered web app (docker-compose.yml)', () => {
  let proxy: Proxy;
  beforeAll(async () => {
    proxy = await startProxy('ssr', COMBINATIONS.production);
  });

  it('serves the home page, rendered on the server, compressed and with security headers', async () => {
    const response = await fetch(`${proxy.http}/`, { headers: { 'accept-encoding': 'gzip' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(response.headers.get('content-encoding')).toBe('gzip');
    expectSecurityHeaders(response.headers);
    expect(response.headers.get('strict-transport-security')).toBeNull();
    const html = await response.text();
    expect(html).toContain(SITE_NAME);
    expect(html).toContain((await firstProgram(proxy.http)).title);
  });

  it('serves a programme page, rendered on the server', async () => {
    const program = await firstProgram(proxy.http);
    const response = await fetch(`${proxy.http}/programs/${program.id}`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain(program.title);
  });

  it('answers API calls', async () => {
    const response = await fetch(`${proxy.http}/api/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ok' });
    expectSecurityHeaders(response.headers);
  });

  it("passes on the web app's page policy, once, and lets partners frame embed pages only", async () => {
    const program = await firstProgram(proxy.http);
    const page = await request(`${proxy.http}/en/programs/${program.id}`);
    expect(page.status).toBe(200);
    const policy = policyOf(page.headers);
    expect(policy.get('script-src')!.some((s) => s.startsWith("'nonce-"))).toBe(true);
    expect(policy.get('frame-ancestors')).toEqual(["'self'"]);
    expectSecurityHeaders(page.headers);

    const embed = await request(`${proxy.http}/en/programs/${program.id}?embed=1`);
    expect(policyOf(embed.headers).get('frame-ancestors')).toEqual([PARTNER]);
    expect(embed.headers['x-frame-options']).toBeUndefined();

    const api = await request(`${proxy.http}/api/programs`);
    expect(policyOf(api.headers).get('default-src')).toEqual(["'none'"]);
    expectSecurityHeaders(api.headers);
  });

  it('writes canonical links, hreflang and the sitemap from PUBLIC_URL, whatever host a client names', async () => {
    const forged = { host: 'evil.example', 'x-forwarded-host': 'evil.example' };
    const page = await request(`${proxy.http}/en`, { headers: forged });
    expect(page.status).toBe(200);
    expect(page.body).toContain(`<link rel="canonical" href="${DUMMY_ENV.PUBLIC_URL}/en"`);
    expect(page.body).toContain(`hreflang="fr" href="${DUMMY_ENV.PUBLIC_URL}/fr"`);
    expect(page.body).not.toContain('evil.example');
    const sitemap = await request(`${proxy.http}/sitemap.xml`, { headers: forged });
    expect(sitemap.body).toContain(`<loc>${DUMMY_ENV.PUBLIC_URL}/en</loc>`);
    expect(sitemap.body).not.toContain('evil.example');
  });

  it("gives the backend the client's address, not the one a client claims", async () => {
    const probe = `/api/programs?probe=${randomBytes(4).toString('hex')}`;
    const reply = await request(`${proxy.http}${probe}`, {
      localAddress: '127.0.0.3',
      headers: { 'x-forwarded-for': '203.0.113.9' },
    });
    expect(reply.status).toBe(200);
    const line = () =>
      backendLog()
        .split('\n')
        .find((l) => l.includes(probe) && l.includes('remoteAddress'));
    // The backend's logger writes asynchronously.
    await waitUntil(async () => line() !== undefined, {
      timeoutMs: 5_000,
      describe: () => `no log line for ${probe}:\n${backendLog().slice(-2000)}`,
    });
    const { req } = JSON.parse(line()!) as { req: { remoteAddress: string; host: string } };
    expect(req.remoteAddress).toBe('127.0.0.3');
    expect(req.host).toBe(new URL(proxy.http).host);
  });

  it('gives the web app the public scheme and host (its form origin check passes)', async () => {
    const post = (origin: string) =>
      fetch(`${proxy.http}/`, {
        method: 'POST',
        headers: { origin, 'content-type': 'application/x-www-form-urlencoded' },
        body: 'a=1',
      });
    expect((await post(proxy.http)).status).not.toBe(403);
    expect((await post('https://elsewhere.example')).status).toBe(403);
  });

  uploadTests(() => proxy);

  it('records an observation with a 2 MB photo, serves it with caching headers, and answers 404 right after a moderator withdraws it', async () => {
    // Demo data: programme 1's area holds this point, and its list this species.
    const observation = {
      programId: 1,
      cdNom: 4117,
      observedOn: '2026-05-14',
      count: 1,
      location: { type: 'Point', coordinates: [4.853, 45.778] },
      photos: [{ licence: 'CC0-1.0', author: 'Jo' }, { licence: 'CC0-1.0' }],
    };
    const photo = await noisyJpeg();
    expect(photo.length).toBeGreaterThan(1_500_000);
    const { body, headers } = multipart({ observation: JSON.stringify(observation) }, [
      { name: 'photo', filename: 'blackbird.jpg', type: 'image/jpeg', bytes: photo },
      { name: 'photo', filename: 'blackbird-2.jpg', type: 'image/jpeg', bytes: photo },
    ]);
    const reply = await request(`${proxy.http}/api/observations`, {
      method: 'POST',
      headers,
      body,
    });
    expect(reply.status, reply.body).toBe(201);
    const saved = JSON.parse(reply.body) as {
      id: string;
      photos: { id: string; displayUrl: string; thumbUrl: string }[];
    };
    const [hidden, deleted] = saved.photos;
    const url = `${proxy.http}${hidden!.displayUrl}`;
    expect(url).toContain('/api/media/');

    const first = await fetch(url);
    expect(first.status).toBe(200);
    // 1600 pixels wide already: the upload itself, less its metadata.
    expect(first.headers.get('content-type')).toBe('image/jpeg');
    expect(first.headers.get('cache-control')).toBe('public, max-age=604800, s-maxage=0');
    expectSecurityHeaders(first.headers);
    const bytes = Buffer.from(await first.arrayBuffer());
    const second = await fetch(url);
    expect(Buffer.from(await second.arrayBuffer()).equals(bytes)).toBe(true);
    const etag = first.headers.get('etag')!;
    expect((await fetch(url, { headers: { 'if-none-match': etag } })).status).toBe(304);
    expect((await fetch(`${proxy.http}${deleted!.thumbUrl}`)).status).toBe(200);

    // The demo's administrator (its credentials are in the data folder) withdraws both photos.
    const [username, , password] = readFileSync(path.join(dataDir, 'demo-admin.txt'), 'utf8')
      .trim()
      .split(' / ');
    const session = await fetch(`${proxy.http}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: username, password }),
    });
    expect(session.status).toBe(200);
    const { accessToken } = (await session.json()) as { accessToken: string };
    const moderate = (method: string, path: string) =>
      fetch(`${proxy.http}/api/admin/observations/${saved.id}/photos/${path}`, {
        method,
        headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ reason: 'Not a bird' }),
      });
    expect((await moderate('POST', `${hidden!.id}/hide`)).status).toBe(200);
    expect((await moderate('DELETE', deleted!.id)).status).toBe(200);

    for (const gone of [url, `${proxy.http}${deleted!.thumbUrl}`]) {
      expect((await fetch(gone)).status, gone).toBe(404);
      expect((await fetch(gone, { headers: { 'if-none-match': etag } })).status, gone).toBe(404);
    }
  });
});

describe('static web app (docker-compose.static.yml)', () => {
  let proxy: Proxy;
  beforeAll(async () => {
    proxy = await startProxy('static', COMBINATIONS.static);
  });

  it('serves the app, and index.html for any page the app routes', async () => {
    const index = readFileSync(path.join(ROOT, 'apps/web/build-static/index.html'), 'utf8');
    const program = await firstProgram(proxy.http);
    for (const page of ['/', `/programs/${program.id}`]) {
      const response = await fetch(`${proxy.http}${page}`);
      expect(response.status, page).toBe(200);
      expect(response.headers.get('cache-control'), page).toBe('no-cache');
      expectSecurityHeaders(response.headers);
      expect(await response.text(), page).toBe(index);
    }
  });

  it('forbids framing the app but to partners on embed pages; its content policy is in index.html', async () => {
    const index = readFileSync(path.join(ROOT, 'apps/web/build-static/index.html'), 'utf8');
    expect(index).toMatch(
      /<meta http-equiv="content-security-policy" content="[^"]*script-src 'self'/,
    );
    const page = await request(`${proxy.http}/en/about`);
    expect(policyOf(page.headers)).toEqual(new Map([['frame-ancestors', ["'self'"]]]));
    expectSecurityHeaders(page.headers);
    for (const query of ['embed=1', 'hide=header']) {
      const embed = await request(`${proxy.http}/en/programs/1?${query}`);
      expect(policyOf(embed.headers), query).toEqual(new Map([['frame-ancestors', [PARTNER]]]));
      expect(embed.headers['x-frame-options'], query).toBeUndefined();
    }
  });

  it('caches content-hashed files for good, with the right types', async () => {
    const immutable = path.join(ROOT, 'apps/web/build-static/_app/immutable');
    const files = readdirSync(immutable, { recursive: true, withFileTypes: true }).filter((f) =>
      f.isFile(),
    );
    const types: Record<string, RegExp> = {
      '.js': /^(text|application)\/javascript/,
      '.mjs': /^text\/javascript/,
      '.css': /^text\/css/,
    };
    for (const file of files.filter((f) => path.extname(f.name) in types)) {
      const url = `/_app/immutable/${path.relative(immutable, path.join(file.parentPath, file.name))}`;
      const response = await fetch(`${proxy.http}${url}`);
      expect(response.status, url).toBe(200);
      expect(response.headers.get('cache-control'), url).toBe(
        'public, max-age=31536000, immutable',
      );
      expect(response.headers.get('content-type'), url).toMatch(types[path.extname(file.name)]!);
      expectSecurityHeaders(response.headers, { frameOptions: false });
    }
    expect((await fetch(`${proxy.http}/_app/immutable/missing.js`)).status).toBe(404);
  });

  it('answers API calls', async () => {
    const response = await fetch(`${proxy.http}/api/settings`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ siteName: SITE_NAME });
  });

  uploadTests(() => proxy);
});

describe('HTTPS (docker-compose.tls.yml)', () => {
  let proxy: Proxy;
  let ca: string;
  beforeAll(async () => {
    const certs = selfSignedCertificate(path.join(scratch, 'certs'));
    ca = readFileSync(path.join(certs, 'fullchain.pem'), 'utf8');
    proxy = await startProxy('tls', COMBINATIONS['production with TLS'], { TLS_CERTS_DIR: certs });
  });

  it('redirects plain HTTP to HTTPS', async () => {
    const reply = await request(`${proxy.http}/programs/1?x=1`);
    expect(reply.status).toBe(301);
    expect(reply.headers.location).toBe('https://127.0.0.1/programs/1?x=1');
  });

  it('serves the pages and the API over HTTPS, with HSTS', async () => {
    for (const page of ['/en', '/api/health']) {
      const reply = await request(`${proxy.https}${page}`, { ca });
      expect(reply.status, page).toBe(200);
      expect(reply.headers['strict-transport-security'], page).toBe('max-age=31536000');
      expectSecurityHeaders(reply.headers);
    }
  });
});
