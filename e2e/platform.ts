import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { inject } from 'vitest';
import { copyDatabase, databaseUrl } from '../apps/api/test/postgres.js';
import { freePort } from '../apps/api/test/process.js';

const ROOT = path.resolve(import.meta.dirname, '..');

export type RunningPlatform = { url: string; output: () => string; stop(): Promise<void> };

export { freePort };

/** Where a DATA_DIR notes the PostgreSQL database copied for it, so a restart finds it again. */
const DATABASE_NOTE = 'e2e-database-url';
let copies = 0;

/**
 * Starts the built platform as `npm start` does, and waits for its "ready" line. An empty
 * DATA_DIR gets a copy of the data of the run's one first start (migrations and demo, made by
 * the e2e global setup), and its own copy of that start's PostgreSQL database when the run has
 * one; `firstStart` asks for a first start of its own, on the embedded database.
 */
export async function startPlatform(
  env: Record<string, string>,
  timeoutMs = 180_000,
  { firstStart = false }: { firstStart?: boolean } = {},
): Promise<RunningPlatform> {
  const dataDir = env.DATA_DIR;
  if (firstStart || !dataDir) return spawnPlatform(env, timeoutMs);
  const note = path.join(dataDir, DATABASE_NOTE);
  if (!existsSync(dataDir) || readdirSync(dataDir).length === 0) {
    cpSync(inject('platformData'), dataDir, { recursive: true });
    const database = inject('platformDatabase');
    if (database) {
      const copy = `${database.prefix}_${process.pid}_${++copies}`;
      writeFileSync(note, databaseUrl(await copyDatabase(database.template, copy)));
    }
  }
  if (existsSync(note)) env = { DATABASE_URL: readFileSync(note, 'utf8'), ...env };
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
      // A copy of the web build, so that a rebuild of the checkout cannot change it mid-run.
      ...(process.env.WEB_BUILD_DIR && { WEB_BUILD_DIR: process.env.WEB_BUILD_DIR }),
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
    /** That first start's PostgreSQL database, to copy; null when the run has no PostgreSQL. */
    platformDatabase: { template: string; prefix: string } | null;
  }
}
