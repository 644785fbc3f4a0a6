// Starting built Citizen servers (apps/api/dist/main.js) for the benches that need several:
// a scratch PostgreSQL database, free loopback ports, and a demo admin to log in as.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { admin, databaseUrl } from './generate-observations.mjs';

export const root = path.resolve(import.meta.dirname, '..');

export async function freePort() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** An empty database, dropped again by the function returned. */
export async function scratchDatabase(name) {
  await admin(`drop database if exists ${name} with (force)`);
  await admin(`create database ${name}`);
  return {
    url: databaseUrl(name),
    drop: () => admin(`drop database if exists ${name} with (force)`),
  };
}

/** Starts `dist`/main.js on a free port with `env`; resolves once /api/health answers. */
export async function startCitizen(env, dist = path.join(root, 'apps/api/dist')) {
  const port = await freePort();
  const child = spawn(process.execPath, [path.join(dist, 'main.js')], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      SERVE_WEB: 'false',
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  process.on('exit', () => child.kill('SIGKILL'));
  const base = `http://127.0.0.1:${port}/api`;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`Citizen exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${base}/health`)).ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    base,
    url: `http://127.0.0.1:${port}`,
    pid: child.pid,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', resolve);
        child.kill('SIGTERM');
      }),
  };
}

/** An access token of the demo administrator (DEMO_DATA=true wrote its password to DATA_DIR). */
export async function loginAsDemoAdmin(base, dataDir) {
  const [username, , password] = readFileSync(path.join(dataDir, 'demo-admin.txt'), 'utf8')
    .trim()
    .split(' / ');
  const reply = await fetch(`${base}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login: username, password }),
  });
  if (!reply.ok) throw new Error(`login: ${reply.status} ${await reply.text()}`);
  return (await reply.json()).accessToken;
}

export const percentile = (sorted, p) =>
  sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];

export const loadAverage = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' / ');

/** The multipart body of an observation in demo programme 1 with one JPEG photo. */
export function observationForm(jpeg) {
  const form = new FormData();
  form.append(
    'observation',
    JSON.stringify({
      programId: 1,
      cdNom: 4117,
      observedOn: '2026-05-03',
      location: { type: 'Point', coordinates: [4.853, 45.778] },
    }),
  );
  form.append('photo', new Blob([jpeg], { type: 'image/jpeg' }), 'photo.jpg');
  return form;
}
