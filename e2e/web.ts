import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, request as httpRequest, type Server } from 'node:http';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import sharp from 'sharp';
import { screenshot } from './browser.js';
import { freePort, type RunningPlatform } from './platform.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const AXE = path.join(ROOT, 'node_modules/axe-core/axe.min.js');

export const PHONE = { width: 360, height: 740 } as const;
export const DESKTOP = { width: 1280, height: 900 } as const;

/** The demo admin's login and password, from the platform's first-start output. */
export function adminCredentials(platform: RunningPlatform): { login: string; password: string } {
  const match = /Demo admin \(username \/ e-mail \/ password\): (\S+) \/ \S+ \/ (\S+)/.exec(
    platform.output(),
  );
  if (!match) throw new Error(`No demo admin in the output:\n${platform.output()}`);
  return { login: match[1]!, password: match[2]! };
}

/** A bearer token for calling the API directly (test set-up, as the admin back office would). */
export async function apiToken(url: string, login: string, password: string): Promise<string> {
  const response = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login, password }),
  });
  if (!response.ok) throw new Error(`login failed: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { accessToken: string }).accessToken;
}

export async function api<T>(
  url: string,
  method: string,
  apiPath: string,
  { token, body }: { token?: string; body?: unknown } = {},
): Promise<T> {
  const response = await fetch(`${url}${apiPath}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) {
    throw new Error(`${method} ${apiPath}: ${response.status} ${await response.text()}`);
  }
  return (response.status === 204 ? undefined : await response.json()) as T;
}

/** Errors the page reports (uncaught exceptions, console errors), minus known browser noise. */
export function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const text = message.text();
    if (/GPU stall|favicon/.test(text)) return;
    errors.push(`console: ${text} (${message.location().url})`);
  });
  return errors;
}

/** Waits until every map of the page has drawn (MapLibre's `idle`). */
export async function waitForMaps(page: Page, timeout = 60_000): Promise<void> {
  const maps = page.locator('[data-map-state]');
  const count = await maps.count();
  for (let i = 0; i < count; i++) {
    const map = maps.nth(i);
    if (!(await map.isVisible())) continue;
    await page.waitForFunction(
      (element) => element?.getAttribute('data-map-state') === 'idle',
      await map.elementHandle(),
      { timeout },
    );
  }
}

/**
 * Opens a page of the app and waits until its script has taken the server's HTML over: a form
 * filled or a choice made before would be reset, a link followed as a full page load.
 */
export async function goto(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
}

/**
 * Logs in with the login page's form, once its script has taken it over (before, it is a plain
 * GET form), and waits to land on `then`.
 */
export async function logIn(
  page: Page,
  baseUrl: string,
  login: string,
  password: string,
  then = '/en/dashboard',
): Promise<void> {
  await goto(page, `${baseUrl}/en/login?redirect=${encodeURIComponent(then)}`);
  await page.getByLabel('E-mail address or username').fill(login);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForURL((url) => url.pathname === then);
}

/** The map canvas's pixels, as drawn now: RGB triplets. */
async function canvasPixels(map: Locator): Promise<Buffer> {
  const image = await map.locator('canvas').screenshot();
  return sharp(image).removeAlpha().raw().toBuffer();
}

/** The colour most of a map's pixels have (data and controls are small beside the base map). */
export async function dominantColour(map: Locator): Promise<number[]> {
  const data = await canvasPixels(map);
  const counts = new Map<number, number>();
  for (let i = 0; i < data.length; i += 3) {
    const key = ((data[i]! >> 2) << 12) | ((data[i + 1]! >> 2) << 6) | (data[i + 2]! >> 2);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const [key] = [...counts].sort((a, b) => b[1] - a[1])[0]!;
  return [(key >> 12) << 2, ((key >> 6) & 63) << 2, (key & 63) << 2];
}

/** The share of the map canvas drawn in (nearly) this colour, from 0 to 1. */
export async function colourShare(
  map: Locator,
  [r, g, b]: [number, number, number],
): Promise<number> {
  const data = await canvasPixels(map);
  let near = 0;
  for (let i = 0; i < data.length; i += 3) {
    const distance = Math.hypot(data[i]! - r, data[i + 1]! - g, data[i + 2]! - b);
    if (distance < 24) near += 1;
  }
  return near / (data.length / 3);
}

export const colourDistance = (a: number[], b: number[]) =>
  Math.hypot(...a.map((v, i) => v - b[i]!));

/** axe-core's serious and critical violations on the page, one line each. */
export async function accessibilityViolations(page: Page): Promise<string[]> {
  // Evaluated over the DevTools protocol, which the pages' Content-Security-Policy does not stop
  // (a <script> tag would need its nonce).
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(readFileSync(AXE, 'utf8'));
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run: (context: Document, options: { resultTypes: string[] }) => Promise<AxeResults>;
        };
      }
    ).axe;
    type AxeResults = {
      violations: {
        id: string;
        impact: string | null;
        help: string;
        nodes: { target: string[] }[];
      }[];
    };
    // Violations only: collecting every passing node too makes axe several times slower.
    const results = await axe.run(document, { resultTypes: ['violations'] });
    return results.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.slice(0, 3).map((n) => n.target.join(' ')),
    }));
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.targets.join(' | ')})`);
}

/**
 * Checks a page as every visitor gets it: a screenshot (test-results/) and axe-core, at phone
 * and desktop widths. Returns the violations found, prefixed with the page and width.
 */
export async function checkAtBothWidths(
  page: Page,
  name: string,
  open: () => Promise<unknown>,
): Promise<string[]> {
  const found: string[] = [];
  for (const [width, viewport] of [
    ['phone', PHONE],
    ['desktop', DESKTOP],
  ] as const) {
    await page.setViewportSize(viewport);
    await open();
    await waitForMaps(page);
    await screenshot(page, `web-${name}-${width}`);
    found.push(...(await accessibilityViolations(page)).map((v) => `${name} (${width}): ${v}`));
  }
  return found;
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.txt': 'text/plain',
};

/**
 * What nginx does for the static build: files from `dir`, index.html for any other path (the
 * app routes in the browser), and /api passed to the platform.
 */
export async function serveStatic(
  dir: string,
  apiUrl: string,
): Promise<{ url: string; close(): Promise<void> }> {
  const api = new URL(apiUrl);
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/api' || url.pathname.startsWith('/api/')) {
      const proxied = httpRequest(
        {
          host: api.hostname,
          port: api.port,
          path: req.url,
          method: req.method,
          headers: { ...req.headers, host: api.host },
        },
        (upstream) => {
          res.writeHead(upstream.statusCode ?? 502, upstream.headers);
          upstream.pipe(res);
        },
      );
      proxied.on('error', () => res.writeHead(502).end());
      req.pipe(proxied);
      return;
    }
    let file = path.join(dir, decodeURIComponent(url.pathname));
    if (!file.startsWith(dir) || !existsSync(file) || statSync(file).isDirectory()) {
      file = path.join(dir, 'index.html');
    }
    res.writeHead(200, { 'content-type': MIME[path.extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/**
 * Stand-ins for the outside services a site's settings may name: raster tiles (a plain PNG
 * for any tile, of `tileColour`) and a Nominatim-compatible geocoder that knows one place.
 */
export async function serveMapServices(
  tileColour: { r: number; g: number; b: number } = { r: 205, g: 225, b: 200 },
): Promise<{
  url: string;
  tileRequests(): number;
  searches(): string[];
  close(): Promise<void>;
}> {
  const { default: sharp } = await import('sharp');
  const tile = await sharp({
    create: { width: 256, height: 256, channels: 3, background: tileColour },
  })
    .png()
    .toBuffer();
  let tiles = 0;
  const searches: string[] = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const cors = { 'access-control-allow-origin': '*' };
    if (url.pathname.startsWith('/tiles/')) {
      tiles += 1;
      res.writeHead(200, { ...cors, 'content-type': 'image/png' }).end(tile);
    } else if (url.pathname === '/search') {
      searches.push(url.searchParams.get('q') ?? '');
      const place = {
        display_name: 'Lac du parc de la Tête d’Or, Lyon',
        lat: '45.7778',
        lon: '4.8530',
        boundingbox: ['45.7755', '45.7800', '4.8490', '4.8570'],
      };
      res
        .writeHead(200, { ...cors, 'content-type': 'application/json' })
        .end(JSON.stringify([place]));
    } else {
      res.writeHead(404, cors).end();
    }
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${port}`,
    tileRequests: () => tiles,
    searches: () => [...searches],
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** The static (single-page) web app that `npm run build` made (build:static), checked present. */
export async function builtStaticWebApp(): Promise<string> {
  const dir = path.join(ROOT, 'apps/web/build-static');
  if (!existsSync(path.join(dir, 'index.html'))) {
    throw new Error(`No static build in ${dir}: run "npm run build" first`);
  }
  return dir;
}
