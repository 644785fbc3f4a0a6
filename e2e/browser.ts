import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { brotliDecompressSync } from 'node:zlib';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { inject } from 'vitest';

export const ARTIFACTS = path.resolve(import.meta.dirname, '../test-results');

const require = createRequire(import.meta.url);

/** The Chromium the browser tests run: Debian's, or the one an npm package ships. */
export type ChromiumChoice = {
  executablePath: string;
  /** Flags on top of the usual ones (the tile server's: tile-server.ts). */
  args?: string[];
  /** Added to the browser's environment (the packaged one's libraries). */
  env: Record<string, string>;
  source: 'system' | 'npm';
};

export const SYSTEM_CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Debian's Chromium when present, else the one @sparticuz/chromium ships (brotli'd, no download). */
export async function findChromium(): Promise<ChromiumChoice> {
  if (existsSync(SYSTEM_CHROMIUM)) {
    return { executablePath: SYSTEM_CHROMIUM, env: {}, source: 'system' };
  }
  return packagedChromium();
}

/**
 * The package's headless shell, unpacked into the temporary folder on first use, with the NSS
 * libraries it was built against (which a machine without a browser lacks) and its fonts.
 */
async function packagedChromium(): Promise<ChromiumChoice> {
  const { default: packaged } = await import('@sparticuz/chromium');
  const executablePath = await packaged.executablePath();
  // The package exports its code only: its bin/ folder is two levels above the CommonJS entry.
  const entry = require.resolve('@sparticuz/chromium');
  const bin = path.resolve(path.dirname(entry), '../../bin');
  const libs = path.join(os.tmpdir(), 'citizen-chromium-al2023');
  if (!existsSync(libs)) {
    const scratch = `${libs}.${process.pid}`;
    mkdirSync(scratch, { recursive: true });
    const tar = brotliDecompressSync(readFileSync(path.join(bin, 'al2023.tar.br')));
    const result = spawnSync('tar', ['-x', '-C', scratch], { input: tar });
    if (result.status !== 0) throw new Error(`cannot unpack al2023.tar.br: ${result.stderr}`);
    try {
      renameSync(scratch, libs);
    } catch {
      rmSync(scratch, { recursive: true, force: true }); // unpacked by another run meanwhile
    }
  }
  return {
    executablePath,
    env: {
      LD_LIBRARY_PATH: path.join(libs, 'lib'),
      FONTCONFIG_PATH: path.join(os.tmpdir(), 'fonts'),
    },
    source: 'npm',
  };
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);
const outside = new WeakMap<BrowserContext, string[]>();

/** Notes the addresses off this machine that a context's pages ask for (see tile-server.ts). */
function recordOutsideRequests(context: BrowserContext): void {
  const requested: string[] = [];
  outside.set(context, requested);
  context.on('request', (request) => {
    const url = new URL(request.url());
    if (url.protocol.startsWith('http') && !LOOPBACK.has(url.hostname)) requested.push(url.href);
  });
}

/** The addresses off this machine that a context's pages asked for (tiles and the rest). */
export function outsideRequests(context: BrowserContext): string[] {
  return [...(outside.get(context) ?? [])];
}

/**
 * Starts headless Chromium; the e2e global setup chose which one (ChromiumChoice), and sends
 * its requests off this machine to the tile server or nowhere. Every context (and so every page)
 * notes those requests: see outsideRequests.
 */
export async function launchBrowser(choice: ChromiumChoice = inject('chromium')): Promise<Browser> {
  const browser = await launchChromium(choice);
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (options) => {
    const context = await newContext(options);
    // Playwright's 30 s is short when the other lanes of `npm test` share the two cores.
    context.setDefaultTimeout(60_000);
    recordOutsideRequests(context);
    return context;
  };
  return browser;
}

function launchChromium(choice: ChromiumChoice): Promise<Browser> {
  return chromium.launch({
    executablePath: choice.executablePath,
    env: { ...process.env, ...choice.env },
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      `--disable-features=${[...playwrightDisabledFeatures(), ...UNUSED_BROWSER_UI].join(',')}`,
      ...(choice.args ?? []),
    ],
  });
}

/**
 * Headless Chromium still builds the address bar's suggestion popup, a web page of its own
 * (chrome://omnibox-popup.top-chrome), in a renderer for every new context: measured, about as
 * much CPU as the app's page it opens beside. Tests open a context per journey.
 */
const UNUSED_BROWSER_UI = [
  'PreloadTopChromeWebUI',
  'WebUIOmniboxPopup',
  'WebUIOmniboxAimPopup',
  'WebUIOmniboxFullPopup',
  'WebUIReloadButton',
];

/**
 * The features Playwright turns off itself. Chromium keeps only the last `--disable-features`
 * it is given, so ours must repeat Playwright's list, read from the installed Playwright.
 */
function playwrightDisabledFeatures(): string[] {
  const bundle = path.join(path.dirname(require.resolve('playwright-core')), 'lib/coreBundle.js');
  const list = /disabledFeatures = \[([^\]]*)\]/.exec(readFileSync(bundle, 'utf8'))?.[1];
  const features = [...(list ?? '').matchAll(/"(\w+)"/g)].map(([, name]) => name!);
  if (features.length === 0) {
    throw new Error(`Playwright's own --disable-features list was not found in ${bundle}`);
  }
  return features;
}

/** The pages the browser runs for its own interface (what UNUSED_BROWSER_UI should leave out). */
export async function browserOwnPages(browser: Browser): Promise<string[]> {
  const session = await browser.newBrowserCDPSession();
  const { targetInfos } = await session.send('Target.getTargets', { filter: [{}] });
  await session.detach();
  return targetInfos.filter(({ type }) => type === 'browser_ui').map(({ url }) => url);
}

/** Null when the browser starts headless and gives a page WebGL (what MapLibre draws with). */
export async function webglProblem(choice: ChromiumChoice): Promise<string | null> {
  let browser: Browser | undefined;
  try {
    browser = await launchBrowser(choice);
    const page = await browser.newPage();
    const gl = await page.evaluate(() => {
      const canvas = document.createElement('canvas');
      return Boolean(canvas.getContext('webgl2') ?? canvas.getContext('webgl'));
    });
    return gl ? null : `${choice.executablePath} gives no WebGL context`;
  } catch (error) {
    return `${choice.executablePath} does not start: ${(error as Error).message.split('\n')[0]}`;
  } finally {
    await browser?.close();
  }
}

/**
 * A full-page picture into test-results/ for a person to look at, when E2E_SCREENSHOTS=1: it
 * asserts nothing, and each one draws the whole page again (maps included) in software.
 */
export async function screenshot(page: Page, name: string) {
  if (process.env.E2E_SCREENSHOTS !== '1') return;
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
}

declare module 'vitest' {
  export interface ProvidedContext {
    chromium: ChromiumChoice;
  }
}
