import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { inject } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..');

export type RunningPlatform = { url: string; output: () => string; stop(): Promise<void> };

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * Starts the built platform as `npm start` does, and waits for its "ready" line. An empty
 * DATA_DIR gets a copy of the data of the run's one first start (migrations and demo, made by
 * the e2e global setup), unless `firstStart` asks for a first start of its own.
 */
export async function startPlatform(
  env: Record<string, string>,
  timeoutMs = 90_000,
  { firstStart = false }: { firstStart?: boolean } = {},
): Promise<RunningPlatform> {
  const dataDir = env.DATA_DIR;
  if (!firstStart && dataDir && (!existsSync(dataDir) || readdirSync(dataDir).length === 0)) {
    cpSync(inject('platformData'), dataDir, { recursive: true });
  }
  return spawnPlatform(env, timeoutMs);
}

/** Runs apps/api/dist/main.js until its "ready" line (for cheap argon2, NODE_ENV is test). */
export async function spawnPlatform(
  env: Record<string, string>,
  timeoutMs: number,
): Promise<RunningPlatform> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [path.join(ROOT, 'apps/api/dist/main.js')], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      PORT: String(port),
      // The address the browser uses: the API accepts cookie sessions from this origin only.
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      LOG_LEVEL: 'warn',
      NODE_ENV: 'test',
      PASSWORD_HASH_COST: 'test',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`platform not ready in ${timeoutMs} ms:\n${output}`)),
      timeoutMs,
    );
    const onData = (data: Buffer) => {
      output += data.toString();
      if (output.includes('Citizen is ready at')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`platform exited with ${code}:\n${output}`));
    });
  });
  await ready;
  return {
    url: `http://127.0.0.1:${port}`,
    output: () => output,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** A DATA_DIR after a first start (migrated, demo loaded), to copy. */
    platformData: string;
  }
}
