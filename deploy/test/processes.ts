import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';

export { freePort } from '../../apps/api/test/process.js';

export type Running = { name: string; child: ChildProcess; output: () => string };

/** The processes a test starts, to stop them all (by their own handles) at the end. */
export class Processes {
  readonly #running: Running[] = [];

  start(name: string, command: string, args: string[], options: SpawnOptions): Running {
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
    const running = { name, child, output: () => output };
    this.#running.push(running);
    return running;
  }

  async stopAll(signal: NodeJS.Signals = 'SIGTERM') {
    await Promise.all(this.#running.splice(0).map(({ child }) => stop(child, signal)));
  }
}

export function stop(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill(signal);
  });
}

/** Runs `check` until it returns true; fails with `describe()` after `timeoutMs`, or once `over()`. */
export async function waitUntil(
  check: () => Promise<boolean>,
  {
    timeoutMs,
    describe,
    over = () => false,
  }: { timeoutMs: number; describe: () => string; over?: () => boolean },
) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !over()) {
    if (await check().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${over() ? 'gave up' : `timed out after ${timeoutMs} ms`}: ${describe()}`);
}

export const exited = ({ child }: Running) => child.exitCode !== null || child.signalCode !== null;

/** Runs a command (a Docker healthcheck) and resolves to its exit code. */
export function exitCode(command: string[], options: SpawnOptions): Promise<number> {
  return new Promise((resolve) => {
    const [file, ...args] = command;
    const child = spawn(file === 'node' ? process.execPath : file!, args, {
      ...options,
      stdio: 'ignore',
    });
    child.once('error', () => resolve(127));
    child.once('exit', (code) => resolve(code ?? 1));
  });
}
