import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { laneMissing } from '../test/lanes.js';
import { findChromium, SYSTEM_CHROMIUM, webglProblem } from './browser.js';
import { spawnPlatform } from './platform.js';

/**
 * Once per end-to-end run: chooses the Chromium and checks that it draws WebGL, and makes the
 * platform's first start (migrations, demo) whose data every test file's platform starts from.
 */
export default async function setup(project: TestProject) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'citizen-e2e-'));
  const [chromium, platformData] = await Promise.all([
    checkedChromium(),
    firstStart(path.join(dir, 'data')),
  ]);
  project.provide('chromium', chromium);
  project.provide('platformData', platformData);
  return () => rmSync(dir, { recursive: true, force: true });
}

async function checkedChromium() {
  const chromium = await findChromium();
  if (chromium.source === 'npm') {
    laneMissing(
      'chromium',
      `no Chromium at ${SYSTEM_CHROMIUM}`,
      'the browser tests ran on the Chromium that the @sparticuz/chromium package ships',
      "Debian's chromium package, or CHROMIUM_PATH",
    );
  }
  const problem = await webglProblem(chromium);
  if (problem) throw new Error(`The browser tests cannot run: ${problem}`);
  return chromium;
}

async function firstStart(dataDir: string) {
  // The demo loads into the embedded database: slow on a busy machine.
  const platform = await spawnPlatform({ DATA_DIR: dataDir }, 600_000);
  await platform.stop();
  return dataDir;
}
