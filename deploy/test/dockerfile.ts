import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  symlinkSync,
} from 'node:fs';
import path from 'node:path';
import { ROOT } from './compose.js';

export type Instruction = { keyword: string; args: string; flags: Record<string, string> };
export type Stage = { from: string; name?: string; instructions: Instruction[] };
export type Dockerfile = { args: Record<string, string>; stages: Stage[] };

/** A small Dockerfile parser: continuation lines, comments, ARGs before FROM, `--flag=value`s. */
export function parseDockerfile(file: string): Dockerfile {
  const lines = readFileSync(file, 'utf8')
    .replace(/\\\r?\n/g, ' ')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  const result: Dockerfile = { args: {}, stages: [] };
  for (const line of lines) {
    const [, keyword = '', rest = ''] = /^(\S+)\s*(.*)$/.exec(line) ?? [];
    const flags: Record<string, string> = {};
    let args = rest;
    for (let m; (m = /^--([\w-]+)=(\S+)\s*/.exec(args)); args = args.slice(m[0].length)) {
      flags[m[1]!] = m[2]!;
    }
    const instruction = { keyword: keyword.toUpperCase(), args, flags };
    if (instruction.keyword === 'FROM') {
      const [from, as, name] = args.split(/\s+/);
      result.stages.push({
        from: from!,
        name: as?.toUpperCase() === 'AS' ? name : undefined,
        instructions: [],
      });
    } else if (result.stages.length === 0 && instruction.keyword === 'ARG') {
      const [key, value = ''] = args.split('=');
      result.args[key!] = value;
    } else {
      result.stages.at(-1)?.instructions.push(instruction);
    }
  }
  return result;
}

/** The image a stage starts from, with the ARG defaults substituted. */
export function baseImage(dockerfile: Dockerfile, stage: Stage): string {
  return stage.from.replace(/\$\{?(\w+)\}?/g, (_, name: string) => dockerfile.args[name] ?? '');
}

export function envOf(stage: Stage): Record<string, string> {
  const env: Record<string, string> = {};
  for (const { args } of stage.instructions.filter((i) => i.keyword === 'ENV')) {
    for (const pair of args.split(/\s+/)) {
      const [key, value = ''] = pair.split('=');
      env[key!] = value.replace(/^"(.*)"$/, '$1');
    }
  }
  return env;
}

/** The exec-form command of CMD or HEALTHCHECK (`CMD [...]`), as an argument list. */
export function execForm(stage: Stage, keyword: 'CMD' | 'HEALTHCHECK'): string[] | undefined {
  const instruction = stage.instructions.findLast((i) => i.keyword === keyword);
  if (!instruction) return undefined;
  const json =
    keyword === 'HEALTHCHECK' ? instruction.args.replace(/^CMD\s+/, '') : instruction.args;
  return JSON.parse(json) as string[];
}

/**
 * Mirrors a node_modules folder: packages link to the checkout's, but workspace links
 * (`@citizen/shared -> ../../packages/shared`) keep their relative target, so that they point
 * into the assembled image, where only what the Dockerfile copies exists.
 */
function linkModules(from: string, to: string) {
  if (!existsSync(from)) return;
  mkdirSync(to, { recursive: true });
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    if (entry.name === '.bin' || entry.name.startsWith('.')) continue;
    const source = path.join(from, entry.name);
    const target = path.join(to, entry.name);
    if (entry.isSymbolicLink()) symlinkSync(readlinkSync(source), target);
    else if (entry.name.startsWith('@')) linkModules(source, target);
    else symlinkSync(source, target);
  }
}

export type Runtime = {
  rootfs: string;
  cwd: string;
  env: Record<string, string>;
  cmd?: string[];
  healthcheck?: string[];
};

/**
 * Lays out the files the last stage of a Dockerfile copies, from this checkout, under `rootfs`
 * (the container's /): what a `COPY --from=<build stage>` takes is taken from the already built
 * checkout, and the dependencies a deps stage installs are the checkout's node_modules (a
 * superset). Running the image's CMD there shows the image has everything it needs.
 */
export function assembleRuntime(file: string, rootfs: string): Runtime {
  const dockerfile = parseDockerfile(file);
  const stages = dockerfile.stages;
  const runtime = stages.at(-1)!;
  const workdirOf = (stage: Stage) =>
    stage.instructions.findLast((i) => i.keyword === 'WORKDIR')?.args ?? '/';
  const workdir = workdirOf(runtime);
  const inRootfs = (containerPath: string, base: string) =>
    path.join(rootfs, path.posix.resolve(base, containerPath));
  const fromCheckout = (containerPath: string, stage: Stage) =>
    path.join(ROOT, path.posix.relative(workdirOf(stage), containerPath));

  for (const copy of runtime.instructions.filter((i) => i.keyword === 'COPY')) {
    const [source, target] = copy.args.split(/\s+/) as [string, string];
    const stage = stages.find((s) => s.name === copy.flags.from);
    if (!stage) throw new Error(`${file}: COPY ${copy.args} does not copy from a stage`);
    const destination = inRootfs(target, workdir);
    const installs = stage.instructions.some((i) => /\bnpm ci\b/.test(i.args));
    const builds = stage.instructions.some((i) => /\bnpm run build/.test(i.args));
    if (installs && !builds) {
      // A dependencies stage: its manifests, and installed node_modules.
      const manifests = stage.instructions
        .filter((i) => i.keyword === 'COPY')
        .flatMap((i) => i.args.split(/\s+/).slice(0, -1));
      for (const name of manifests) {
        mkdirSync(path.dirname(path.join(destination, name)), { recursive: true });
        cpSync(path.join(ROOT, name), path.join(destination, name));
      }
      for (const dir of new Set(manifests.map((name) => path.dirname(name)))) {
        linkModules(
          path.join(ROOT, dir, 'node_modules'),
          path.join(destination, dir, 'node_modules'),
        );
      }
    } else {
      const from = fromCheckout(source, stage);
      if (!existsSync(from))
        throw new Error(`${file}: ${from} is missing: build the project first`);
      mkdirSync(path.dirname(destination), { recursive: true });
      cpSync(from, destination, { recursive: true });
    }
  }
  return {
    rootfs,
    cwd: inRootfs('.', workdir),
    env: envOf(runtime),
    cmd: execForm(runtime, 'CMD'),
    healthcheck: execForm(runtime, 'HEALTHCHECK'),
  };
}
