import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';

export const API_DIST = path.resolve(import.meta.dirname, '../dist');

export type RunResult = { code: number | null; stdout: string; stderr: string };

/** Runs a built entry point of the API (main.js, cli.js) to completion. */
export function runNode(
  script: string,
  args: string[],
  env: Record<string, string>,
  input?: string,
  timeoutMs = 60_000,
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(API_DIST, script), ...args], {
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(input ?? '');
  });
}

export type RunningNode = {
  /** Everything written to standard output so far. */
  output(): string;
  /** Resolves with the output once it matches `pattern`; rejects if the process ends first. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<string>;
  stop(): Promise<void>;
};

/** Starts a built entry point of the API (main.js) that keeps running until `stop`. */
export function startNode(script: string, env: Record<string, string>): RunningNode {
  const child = spawn(process.execPath, [path.join(API_DIST, script)], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let exited = false;
  const listeners = new Set<() => void>();
  const changed = () => listeners.forEach((listener) => listener());
  child.stdout.on('data', (d: Buffer) => ((stdout += d.toString()), changed()));
  child.stderr.on('data', (d: Buffer) => ((stderr += d.toString()), changed()));
  child.on('exit', () => ((exited = true), changed()));
  return {
    output: () => stdout,
    waitFor(pattern, timeoutMs = 60_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (pattern.test(stdout)) finish(() => resolve(stdout));
          else if (exited) finish(() => reject(new Error(`exited early:\n${stdout}\n${stderr}`)));
        };
        const timer = setTimeout(
          () => finish(() => reject(new Error(`${pattern} not seen:\n${stdout}\n${stderr}`))),
          timeoutMs,
        );
        const finish = (settle: () => void) => {
          clearTimeout(timer);
          listeners.delete(check);
          settle();
        };
        listeners.add(check);
        check();
      });
    },
    async stop() {
      if (exited) return;
      const ended = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await ended;
    },
  };
}

/** A TCP port free on loopback right now, for a server a test starts. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}
