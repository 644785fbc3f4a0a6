import { createServer, type Server } from 'node:net';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { createMigratedDatabase, databaseUrl, dropDatabase } from './postgres.js';
import { freePort, runNode, startNode } from './process.js';
import { describeOnPostgres } from './engines.js';

describeOnPostgres('starting Citizen with a bad setting', () => {
  let database: string;
  let busy: Server;
  let busyPort: number;
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'citizen-startup-'));

  beforeAll(async () => {
    const created = await createMigratedDatabase(inject('postgresTemplate'));
    await created.database.close();
    database = created.name;
    busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    busyPort = (busy.address() as { port: number }).port;
  });
  afterAll(async () => {
    busy?.close();
    if (database) await dropDatabase(database);
  });

  const start = (env: Record<string, string>) =>
    runNode('main.js', [], { DATA_DIR: dataDir, SERVE_WEB: 'false', ...env });

  const expectOneLine = (result: { code: number | null; stderr: string }, pattern: RegExp) => {
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr.trim()).toMatch(pattern);
  };

  it('names DATABASE_URL when the database cannot be reached', async () => {
    expectOneLine(
      await start({ DATABASE_URL: 'postgres://postgres@127.0.0.1:1/nowhere' }),
      /^DATABASE_URL: cannot connect to 127\.0\.0\.1:1\/nowhere \(.*ECONNREFUSED.*\)$/,
    );
  });

  it('names DATABASE_URL when it is not a PostgreSQL URL', async () => {
    expectOneLine(await start({ DATABASE_URL: 'mysql://x' }), /^Invalid setting DATABASE_URL: /);
  });

  it('names PORT when it is not a port number', async () => {
    expectOneLine(await start({ PORT: 'eighty' }), /^Invalid setting PORT: must be integer/);
  });

  it('names PORT when the port is already taken', async () => {
    expectOneLine(
      await start({ DATABASE_URL: databaseUrl(database), PORT: String(busyPort) }),
      new RegExp(`^PORT: ${busyPort} is already in use on 127\\.0\\.0\\.1$`),
    );
  });
});

describeOnPostgres('first start with PostgreSQL and the demo', () => {
  let database: string;
  beforeAll(async () => {
    const created = await createMigratedDatabase(inject('postgresTemplate'));
    await created.database.close();
    database = created.name;
  });
  afterAll(async () => {
    if (database) await dropDatabase(database);
  });

  it('creates a missing DATA_DIR for the demo admin password, and logs mails with their links', async () => {
    const dataDir = path.join(mkdtempSync(path.join(os.tmpdir(), 'citizen-first-')), 'not/yet');
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const citizen = startNode('main.js', {
      DATABASE_URL: databaseUrl(database),
      DEMO_DATA: 'true',
      DATA_DIR: dataDir,
      PORT: String(port),
      PUBLIC_URL: base,
      SERVE_WEB: 'false',
    });
    try {
      const output = await citizen.waitFor(/Citizen is ready/, 120_000);
      const [, password] = /Demo admin .*: admin \/ admin@example\.org \/ (\S+)/.exec(output)!;
      expect(readFileSync(path.join(dataDir, 'demo-admin.txt'), 'utf8')).toContain(password);
      expect(output).toMatch(/e-mails are written to the log \(links included\)/);

      const post = (url: string, body: object) =>
        fetch(`${base}${url}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
      expect((await post('/api/auth/login', { login: 'admin', password: password! })).status).toBe(
        200,
      );
      expect((await post('/api/auth/password/forgot', { email: 'admin@example.org' })).status).toBe(
        202,
      );
      await citizen.waitFor(/reset-password\?token=/);
    } finally {
      await citizen.stop();
    }
    expect(existsSync(dataDir)).toBe(true);
  });
});

describeOnPostgres('command line', () => {
  let database: string;
  beforeAll(async () => {
    const created = await createMigratedDatabase(inject('postgresTemplate'));
    await created.database.close();
    database = created.name;
  });
  afterAll(async () => {
    if (database) await dropDatabase(database);
  });

  const cli = (args: string[], input?: string) =>
    runNode('cli.js', args, { DATABASE_URL: databaseUrl(database) }, input);

  it('reports migration status and applies nothing twice', async () => {
    const status = await cli(['migration-status']);
    expect(status.stdout).toMatch(/Pending: none/);
    expect((await cli(['migrate'])).stdout).toMatch(/Nothing to apply/);
  });

  it('creates an admin with a generated password, and refuses a second one with the same e-mail', async () => {
    const created = await cli([
      'create-admin',
      '--username',
      'chief',
      '--email',
      'chief@example.org',
    ]);
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(
      /^Created administrator chief <chief@example.org>\nPassword: \S{16}\n$/,
    );
    const again = await cli([
      'create-admin',
      '--username',
      'other',
      '--email',
      'CHIEF@example.org',
    ]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already exists/);
  });

  it('reads a password from standard input and refuses a short one', async () => {
    const ok = await cli(
      ['create-admin', '--username', 'second', '--email', 's@example.org', '--password-stdin'],
      'a long enough secret\n',
    );
    expect(ok.code).toBe(0);
    expect(ok.stdout).not.toMatch(/Password/);
    const short = await cli(
      ['create-admin', '--username', 'third', '--email', 't@example.org', '--password-stdin'],
      'short',
    );
    expect(short.code).toBe(2);
  });

  it('rejects an unknown command with the usage', async () => {
    const result = await cli(['frobnicate']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/Unknown command "frobnicate"/);
  });
});
