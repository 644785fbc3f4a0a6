import { hasCommand, type Lane } from '../../test/lanes.js';

/** The tools the deployment tests run; each is a lane of its own (test/lanes.ts). */
export const TOOLS = ['docker-compose', 'nginx', 'openssl', 'shellcheck'] as const;
export type Tool = (typeof TOOLS)[number];

/** The Debian package of each tool. */
const PACKAGES: Record<Tool, string> = {
  'docker-compose': 'docker-compose',
  nginx: 'nginx',
  openssl: 'openssl',
  shellcheck: 'shellcheck',
};

/**
 * What each test file runs besides Node, at collection or throughout: it runs only where all of
 * them are present. The few single tests that need a tool say so with `it.runIf(hasTool(…))`.
 */
export const FILE_NEEDS: Record<string, Lane[]> = {
  'deploy/test/compose.test.ts': ['docker-compose'],
  'deploy/test/dockerfiles.test.ts': ['docker-compose'],
  'deploy/test/nginx-config.test.ts': ['docker-compose', 'nginx', 'openssl'],
  'deploy/test/topology.test.ts': ['docker-compose', 'nginx', 'openssl', 'postgres'],
};

/** Tests of other files that need a tool, for the line that says they did not run. */
const SINGLE_TESTS: Partial<Record<Tool, string[]>> = {
  'docker-compose': ['setup-script.test.ts: the .env it writes passes docker-compose config'],
  shellcheck: ['setup-script.test.ts: setup.sh passes shellcheck'],
};

export const hasTool = (tool: Tool) => hasCommand(tool);

/** The test files that cannot run here, given the lanes that are missing. */
export function filesToSkip(missing: ReadonlySet<Lane>): string[] {
  return Object.entries(FILE_NEEDS)
    .filter(([, needs]) => needs.some((lane) => missing.has(lane)))
    .map(([file]) => file);
}

/** For each missing tool: what did not run, and the package that brings it. */
export function missingTools(): { tool: Tool; notRun: string[]; howTo: string }[] {
  return TOOLS.filter((tool) => !hasTool(tool)).map((tool) => ({
    tool,
    notRun: [
      ...Object.entries(FILE_NEEDS)
        .filter(([, needs]) => needs.includes(tool))
        .map(([file]) => file.replace('deploy/test/', '')),
      ...(SINGLE_TESTS[tool] ?? []),
    ],
    howTo: `apt-get install ${PACKAGES[tool]}`,
  }));
}
