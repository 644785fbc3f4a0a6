import path from 'node:path';
import { defineConfig } from 'vitest/config';
import { filesToSkip, TOOLS } from './deploy/test/tools.js';
import { hasCommand, postgresProblem, type Lane } from './test/lanes.js';

const alias = {
  '@citizen/shared': path.resolve(import.meta.dirname, 'packages/shared/src/index.ts'),
};

/** The lanes this machine cannot run (test/lanes.ts); each global setup says so in one line. */
async function missingLanes(): Promise<Set<Lane>> {
  const missing = new Set<Lane>(TOOLS.filter((tool) => !hasCommand(tool)));
  if (await postgresProblem()) missing.add('postgres');
  return missing;
}

export default defineConfig(async () => ({
  test: {
    // PGlite takes about 1 GB and several seconds to start: two files at a time suit the 2-core CI.
    maxWorkers: 2,
    reporters: ['default', './test/summary-reporter.ts'],
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'unit',
          include: ['apps/*/src/**/*.test.ts', 'packages/*/src/**/*.test.ts'],
          exclude: ['**/*.int.test.ts', '**/node_modules/**'],
          environment: 'node',
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'integration',
          include: ['apps/api/test/**/*.int.test.ts'],
          globalSetup: ['apps/api/test/global-setup.ts'],
          setupFiles: ['apps/api/test/setup.ts'],
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
          include: ['e2e/**/*.e2e.test.ts'],
          globalSetup: ['e2e/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
}));
