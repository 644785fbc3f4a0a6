import path from 'node:path';
import { defineConfig } from 'vitest/config';
import { filesToSkip, TOOLS } from './deploy/test/tools.js';
import { hasCommand, postgresProblem, type Lane } from './test/lanes.js';

const alias = {
  // Before '@citizen/shared', which would match it as a prefix.
  '@citizen/shared/errors': path.resolve(import.meta.dirname, 'packages/shared/src/errors.ts'),
  '@citizen/shared': path.resolve(import.meta.dirname, 'packages/shared/src/index.ts'),
};

/**
 * `npm test` runs the browser journeys in two groups (E2E_GROUP): the early one beside the other
 * lanes from the start, these late ones once the unit, integration and deploy projects are done,
 * beside the early group's last files: two browser files at a time only when the cores are free.
 * Chosen so that both groups end at about the same time.
 */
const E2E_LATE = ['e2e/phone-language.e2e.test.ts', 'e2e/species-exports.e2e.test.ts'];
const E2E_GROUP = process.env.E2E_GROUP;

/** The lanes this machine cannot run (test/lanes.ts); each global setup says so in one line. */
async function missingLanes(): Promise<Set<Lane>> {
  const missing = new Set<Lane>(TOOLS.filter((tool) => !hasCommand(tool)));
  if (await postgresProblem()) missing.add('postgres');
  return missing;
}

export default defineConfig(async () => ({
  test: {
    // PGlite takes about 1 GB and several seconds to start: two files at a time suit the 2-core CI.
    // Vitest runs a project that allows one file at a time (e2e) after all the others, so
    // `npm test` starts the e2e project in a process of its own, beside the other projects.
    maxWorkers: 2,
    reporters: ['default', './test/summary-reporter.ts'],
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'unit',
          include: [
            'apps/*/src/**/*.test.ts',
            'packages/*/src/**/*.test.ts',
            'scripts/**/*.test.ts',
            'apps/*/scripts/**/*.test.ts',
          ],
          exclude: ['**/*.int.test.ts', '**/node_modules/**'],
          environment: 'node',
          // The files share their worker's modules (they hold no state of their own to reset):
          // each would otherwise import and transform the same graph again.
          isolate: false,
          // Some import a large part of the API; on a machine busy with the other lanes the
          // default 5 s is not enough for the first test of such a file.
          testTimeout: 30_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'integration',
          include: ['apps/api/test/**/*.int.test.ts'],
          globalSetup: ['apps/api/test/global-setup.ts'],
          setupFiles: ['apps/api/test/setup.ts'],
          // As for unit: importing the whole API once per worker instead of once per file saves
          // most of this lane's CPU time.
          isolate: false,
          testTimeout: 60_000,
          // Opening PGlite from a dump takes seconds alone, minutes on a machine busy with others.
          hookTimeout: 300_000,
        },
      },
      {
        test: {
          name: 'deploy',
          include: ['deploy/test/**/*.test.ts'],
          exclude: ['**/node_modules/**', ...filesToSkip(await missingLanes())],
          globalSetup: ['deploy/test/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'e2e',
          include: E2E_GROUP === 'late' ? E2E_LATE : ['e2e/**/*.e2e.test.ts'],
          exclude: E2E_GROUP === 'early' ? E2E_LATE : [],
          globalSetup: ['e2e/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 300_000,
          // As long as Playwright's own waits: a busy machine takes seconds to settle a page.
          expect: { poll: { timeout: 60_000, interval: 100 } },
          fileParallelism: false,
        },
      },
    ],
  },
}));
