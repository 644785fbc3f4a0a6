import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMBINATIONS, composeConfig, DEPLOY, ROOT } from './compose.js';
import { baseImage, execForm, parseDockerfile } from './dockerfile.js';

const DOCKERFILES = readdirSync(DEPLOY).filter((f) => f.endsWith('.Dockerfile'));

/** Every workspace of the root package.json (`apps/*`, `packages/*`) that has a manifest. */
function workspaces(): string[] {
  const { workspaces: globs } = JSON.parse(
    readFileSync(path.join(ROOT, 'package.json'), 'utf8'),
  ) as {
    workspaces: string[];
  };
  return globs.flatMap((glob) => {
    const parent = glob.replace(/\/\*$/, '');
    return readdirSync(path.join(ROOT, parent), { withFileTypes: true })
      .filter(
        (d) =>
          d.isDirectory() && readdirSync(path.join(ROOT, parent, d.name)).includes('package.json'),
      )
      .map((d) => `${parent}/${d.name}`);
  });
}

it('there are Dockerfiles for the API, the SSR web app and the static proxy', () => {
  expect(DOCKERFILES.sort()).toEqual([
    'backend.Dockerfile',
    'frontend.Dockerfile',
    'proxy-static.Dockerfile',
  ]);
});

describe.each(DOCKERFILES)('%s', (name) => {
  const dockerfile = parseDockerfile(path.join(DEPLOY, name));
  const { stages } = dockerfile;
  const runtime = stages.at(-1)!;
  const instructions = (keyword: string) =>
    runtime.instructions.filter((i) => i.keyword === keyword);

  it('builds in stages: the last one only copies what an earlier stage built', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    const earlier = new Set(stages.slice(0, -1).map((s) => s.name));
    const copies = instructions('COPY');
    expect(copies.length).toBeGreaterThan(0);
    for (const copy of copies) expect(earlier, `COPY ${copy.args}`).toContain(copy.flags.from);
    expect(instructions('ADD')).toEqual([]);
  });

  it('runs as a user other than root, with a healthcheck', () => {
    const user = instructions('USER').at(-1)?.args;
    expect(user).toBeDefined();
    expect(['root', '0']).not.toContain(user!.split(':')[0]);
    expect(execForm(runtime, 'HEALTHCHECK')?.length).toBeGreaterThan(0);
  });

  it('starts from pinned images', () => {
    for (const stage of stages) {
      if (stages.some((s) => s.name === stage.from)) continue;
      const image = baseImage(dockerfile, stage);
      expect(image).toMatch(/^[\w./-]+:[\w.-]+$/);
      expect(image).not.toMatch(/:latest$/);
    }
  });

  it('installs no development dependencies in what it ships', () => {
    const shipped = new Set([
      runtime,
      ...stages.filter((s) => instructions('COPY').some((c) => c.flags.from === s.name)),
    ]);
    for (const stage of stages) {
      for (const run of stage.instructions.filter((i) => i.keyword === 'RUN')) {
        expect(run.args, 'npm ci, never npm install').not.toMatch(/\bnpm (install|i)\b/);
        const installs = /\bnpm ci\b/.test(run.args);
        const buildsHere = stage.instructions.some((i) => /\bnpm run build/.test(i.args));
        if (installs && shipped.has(stage) && !buildsHere) expect(run.args).toContain('--omit=dev');
      }
    }
  });

  it("copies every workspace's manifest before npm ci, so that it matches the lockfile", () => {
    for (const stage of stages.filter((s) =>
      s.instructions.some((i) => /\bnpm ci\b/.test(i.args)),
    )) {
      const before = stage.instructions.slice(
        0,
        stage.instructions.findIndex((i) => /\bnpm ci\b/.test(i.args)),
      );
      const copied = before
        .filter((i) => i.keyword === 'COPY')
        .flatMap((i) => i.args.split(/\s+/).slice(0, -1));
      expect(copied).toEqual(expect.arrayContaining(['package.json', 'package-lock.json']));
      for (const workspace of workspaces())
        expect(copied, stage.name).toContain(`${workspace}/package.json`);
    }
  });

  it('uses absolute WORKDIRs', () => {
    for (const stage of stages) {
      for (const workdir of stage.instructions.filter((i) => i.keyword === 'WORKDIR'))
        expect(workdir.args).toMatch(/^\//);
    }
  });
});

describe('Dockerfiles and compose files agree', () => {
  const production = composeConfig(COMBINATIONS.production);
  const development = composeConfig(COMBINATIONS.development);

  it.each(['backend', 'frontend'])(
    '%s: the image and the service check health the same way',
    (service) => {
      const file = path.join(ROOT, production.services[service]!.build!.dockerfile);
      const healthcheck = execForm(parseDockerfile(file).stages.at(-1)!, 'HEALTHCHECK');
      expect(['CMD', ...healthcheck!]).toEqual(production.services[service]!.healthcheck!.test);
    },
  );

  it.each(['backend', 'frontend'])(
    '%s: the development target is a stage of its Dockerfile',
    (service) => {
      const { dockerfile, target } = development.services[service]!.build!;
      expect(parseDockerfile(path.join(ROOT, dockerfile)).stages.map((s) => s.name)).toContain(
        target,
      );
    },
  );
});
