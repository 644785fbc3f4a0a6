import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { DEPLOY, ROOT, type ComposeConfig } from './compose.js';
import { hasTool } from './tools.js';

const SETUP = path.join(ROOT, 'setup.sh');
const withCompose = it.runIf(hasTool('docker-compose'));

/** Fake docker / docker-compose: they log their calls; FAKE_* variables choose how they answer. */
const FAKE_DOCKER = `#!/bin/bash
printf '%s\\n' "$(basename "$0") $*" >>"$FAKE_LOG"
case "$1 $2" in
  "info "*) exit "\${FAKE_ENGINE_DOWN:-0}" ;;
  "compose version") exit "\${FAKE_NO_COMPOSE_PLUGIN:-0}" ;;
esac
if [[ " $* " == *" create-admin "* ]]; then printf 'Created administrator\\nPassword: fake-password\\n'; fi
`;

let dir: string;
let log: string;
const dirs: string[] = [];

/** A copy of setup.sh and deploy/.env.example, with only the given programs on the PATH. */
function install(programs: string[]) {
  dir = mkdtempSync(path.join(os.tmpdir(), 'citizen-setup-'));
  dirs.push(dir);
  mkdirSync(path.join(dir, 'deploy'));
  mkdirSync(path.join(dir, 'bin'));
  copyFileSync(SETUP, path.join(dir, 'setup.sh'));
  copyFileSync(path.join(DEPLOY, '.env.example'), path.join(dir, 'deploy/.env.example'));
  for (const tool of ['bash', 'cat', 'od', 'sed', 'tr', 'basename']) {
    const found = ['/usr/bin', '/bin'].map((d) => path.join(d, tool)).find(existsSync)!;
    symlinkSync(found, path.join(dir, 'bin', tool));
  }
  for (const program of programs) {
    writeFileSync(path.join(dir, 'bin', program), FAKE_DOCKER);
    chmodSync(path.join(dir, 'bin', program), 0o755);
  }
  log = path.join(dir, 'calls.log');
  writeFileSync(log, '');
}

function setup(args: string[] = [], env: Record<string, string> = {}) {
  const result = spawnSync(path.join(dir, 'bin/bash'), [path.join(dir, 'setup.sh'), ...args], {
    env: {
      PATH: path.join(dir, 'bin'),
      FAKE_LOG: log,
      ADMIN_USERNAME: 'alice',
      ADMIN_EMAIL: 'alice@example.org',
      ...env,
    },
    encoding: 'utf8',
  });
  return { ...result, calls: readFileSync(log, 'utf8').trim().split('\n').filter(Boolean) };
}

const envFile = () => path.join(dir, 'deploy/.env');
const setting = (name: string) =>
  new RegExp(`^${name}=(.*)$`, 'm').exec(readFileSync(envFile(), 'utf8'))?.[1];

beforeEach(() => install(['docker']));
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

it.runIf(hasTool('shellcheck'))('passes shellcheck', () => {
  const { status, stdout } = spawnSync('shellcheck', [SETUP], { encoding: 'utf8' });
  expect(stdout).toBe('');
  expect(status).toBe(0);
});

describe('without Docker', () => {
  it('says how to get Docker, and changes nothing', () => {
    install([]);
    const { status, stderr } = setup();
    expect(status).not.toBe(0);
    expect(stderr).toMatch(/Docker is not installed\. Install Docker Engine/);
    expect(existsSync(envFile())).toBe(false);
  });

  it('says so when the engine does not answer', () => {
    const { status, stderr } = setup([], { FAKE_ENGINE_DOWN: '1' });
    expect(status).not.toBe(0);
    expect(stderr).toMatch(/its engine does not answer/);
    expect(existsSync(envFile())).toBe(false);
  });

  it('says how to get Compose when neither docker compose nor docker-compose is there', () => {
    const { status, stderr } = setup([], { FAKE_NO_COMPOSE_PLUGIN: '1' });
    expect(status).not.toBe(0);
    expect(stderr).toMatch(/Docker Compose is missing/);
  });
});

describe('with Docker', () => {
  it('writes deploy/.env with a generated password, starts the stack, then creates the admin', () => {
    const { status, stdout, stderr, calls } = setup();
    expect(stderr).toBe('');
    expect(status).toBe(0);
    expect(setting('POSTGRES_PASSWORD')).toMatch(/^[0-9a-f]{48}$/);
    expect(setting('COMPOSE_FILE')).toBe('docker-compose.yml');
    expect(setting('PUBLIC_URL')).toBe('http://localhost');
    expect(statSync(envFile()).mode & 0o777).toBe(0o600);
    expect(calls.filter((c) => !/ version$|^docker info$/.test(c))).toEqual([
      'docker compose up -d --build',
      'docker compose exec -T backend node apps/api/dist/cli.js create-admin --username alice --email alice@example.org',
    ]);
    expect(stdout).toContain('Password: fake-password');
  });

  it('never overwrites deploy/.env, and creates the admin on the first run only', () => {
    setup();
    const first = readFileSync(envFile(), 'utf8');
    writeFileSync(log, '');
    const { status, stdout, calls } = setup(['--static'], { ADMIN_USERNAME: '', ADMIN_EMAIL: '' });
    expect(status).toBe(0);
    expect(stdout).toContain('Keeping deploy/.env');
    expect(readFileSync(envFile(), 'utf8')).toBe(first);
    expect(calls.filter((c) => c.includes('create-admin'))).toEqual([]);
  });

  it('generates a different password for each installation', () => {
    setup();
    const first = setting('POSTGRES_PASSWORD');
    rmSync(envFile());
    setup();
    expect(setting('POSTGRES_PASSWORD')).not.toBe(first);
  });

  it('falls back to docker-compose (v1)', () => {
    install(['docker', 'docker-compose']);
    const { status, calls } = setup([], { FAKE_NO_COMPOSE_PLUGIN: '1' });
    expect(status).toBe(0);
    expect(calls).toContain('docker-compose up -d --build');
  });

  it.each([
    [['--static'], 'COMPOSE_FILE=docker-compose.yml:docker-compose.static.yml'],
    [
      ['--static', '--tls'],
      'COMPOSE_FILE=docker-compose.yml:docker-compose.static.yml:docker-compose.tls.yml',
    ],
    [['--tls'], 'COMPOSE_FILE=docker-compose.yml:docker-compose.tls.yml'],
    [['--dev'], '#COMPOSE_FILE=docker-compose.yml'],
  ])('%j chooses the compose files', (args, line) => {
    mkdirSync(path.join(dir, 'deploy/certs'));
    for (const file of ['fullchain.pem', 'privkey.pem'])
      writeFileSync(path.join(dir, 'deploy/certs', file), '');
    expect(setup(args).status).toBe(0);
    expect(readFileSync(envFile(), 'utf8').split('\n')).toContain(line);
  });

  it('wants the certificates before setting up HTTPS', () => {
    const { status, stderr } = setup(['--tls']);
    expect(status).not.toBe(0);
    expect(stderr).toMatch(/HTTPS needs fullchain.pem and privkey.pem/);
    expect(existsSync(envFile())).toBe(false);
  });

  it('takes PUBLIC_URL, and refuses one that is not an address', () => {
    expect(setup([], { PUBLIC_URL: 'https://citizen.example.org' }).status).toBe(0);
    expect(setting('PUBLIC_URL')).toBe('https://citizen.example.org');
    rmSync(envFile());
    const { status, stderr } = setup([], { PUBLIC_URL: 'citizen.example.org' });
    expect(status).not.toBe(0);
    expect(stderr).toMatch(/PUBLIC_URL/);
  });

  it('asks for the administrator before anything else when it cannot prompt', () => {
    const { status, stderr, calls } = setup([], { ADMIN_EMAIL: '' });
    expect(status).not.toBe(0);
    expect(stderr).toMatch(/Set ADMIN_USERNAME and ADMIN_EMAIL/);
    expect(existsSync(envFile())).toBe(false);
    expect(calls.some((c) => c.includes(' up '))).toBe(false);
  });

  withCompose('writes a .env that the compose files accept as it is', () => {
    setup(['--static']);
    const result = spawnSync('docker-compose', ['--env-file', envFile(), 'config'], {
      cwd: DEPLOY,
      env: { PATH: process.env.PATH ?? '' },
      encoding: 'utf8',
    });
    expect(result.stderr).toBe('');
    const { services } = parse(result.stdout) as ComposeConfig;
    expect(services.db!.environment!.POSTGRES_PASSWORD).toBe(setting('POSTGRES_PASSWORD'));
    expect(services.proxy!.environment).toMatchObject({
      WEB_MODE: 'static',
      NGINX_ENVSUBST_TEMPLATE_DIR: '/etc/nginx/templates/http',
    });
  });
});
