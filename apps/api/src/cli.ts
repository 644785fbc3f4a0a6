#!/usr/bin/env node
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { createAreasRepository } from './areas/areas.repository.js';
import { createAreasService } from './areas/areas.service.js';
import { BADGES_COMMANDS } from './badges/badges.cli.js';
import { ConfigError, loadConfig } from './config/config.js';
import { DatabaseUnreachableError, openDatabase, type Database } from './db/database.js';
import { migrate, migrationState, MigrationError } from './db/migrate.js';
import { GNC_IMPORT_COMMANDS } from './gnc-import/gnc-import.cli.js';
import { DomainError } from './http/errors.js';
import { MEDIA_COMMANDS } from './media/media.cli.js';
import { SENSITIVITY_COMMANDS } from './sensitivity/sensitivity.cli.js';
import { TAXONOMY_COMMANDS } from './taxonomy/taxonomy.cli.js';
import { generatePassword, hashPassword } from './users/passwords.js';
import { createUsersRepository } from './users/users.repository.js';

type Command = {
  usage: string;
  /** Returns the exit code. The database is migrated first unless `migrates` is false. */
  run(database: Database, args: string[]): Promise<number>;
  migrates?: false;
};

const COMMANDS: Record<string, Command> = {
  migrate: {
    usage: 'migrate                                  apply pending database migrations',
    migrates: false,
    async run(database) {
      const applied = await migrate(database.db);
      console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Nothing to apply');
      return 0;
    },
  },
  'migration-status': {
    usage: 'migration-status                         list applied and pending migrations',
    migrates: false,
    async run(database) {
      const state = await migrationState(database.db);
      console.log(`Applied: ${state.applied} (latest ${state.latest ?? 'none'})`);
      console.log(`Pending: ${state.pending.length ? state.pending.join(', ') : 'none'}`);
      return 0;
    },
  },
  'create-admin': {
    usage:
      'create-admin --username U --email E      create an administrator; prints a generated\n' +
      '             [--password-stdin]           password unless one is read from standard input',
    run: createAdmin,
  },
  'import-areas': {
    usage:
      'import-areas [--kind K] FILE.geojson     import municipalities (default kind) or other\n' +
      '                                         areas; features need code and name properties',
    async run(database, args) {
      const { values, positionals } = parseArgs({
        args,
        allowPositionals: true,
        options: { kind: { type: 'string', default: 'municipality' } },
      });
      if (positionals.length !== 1) return usageError('import-areas needs one GeoJSON file');
      const text = await readFile(positionals[0]!, 'utf8');
      const report = await createAreasService(createAreasRepository(database.db)).importGeoJson(
        values.kind,
        text,
      );
      console.log(
        `Areas of kind ${report.kind}: ${report.inserted} added, ${report.updated} updated`,
      );
      return 0;
    },
  },
  ...TAXONOMY_COMMANDS,
  ...SENSITIVITY_COMMANDS,
  ...BADGES_COMMANDS,
  ...GNC_IMPORT_COMMANDS,
  ...MEDIA_COMMANDS,
};

const USAGE = `Usage: citizen <command>\n\nCommands:\n${Object.values(COMMANDS)
  .map((c) => `  ${c.usage}`)
  .join('\n')}\n`;

function usageError(message: string): number {
  console.error(`${message}\n\n${USAGE}`);
  return 2;
}

async function run(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === '--help' || name === 'help') {
    console.log(USAGE);
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) return usageError(`Unknown command "${name}"`);
  const config = loadConfig();
  const database = await openDatabase(config.database);
  try {
    if (command.migrates !== false) await migrate(database.db);
    return await command.run(database, args);
  } finally {
    await database.close();
  }
}

async function createAdmin(database: Database, args: string[]) {
  const { values } = parseArgs({
    args,
    options: {
      username: { type: 'string' },
      email: { type: 'string' },
      'password-stdin': { type: 'boolean', default: false },
    },
  });
  if (!values.username || !values.email)
    return usageError('create-admin needs --username and --email');
  const users = createUsersRepository(database.db);
  const existing = await users.findByUsernameOrEmail(values.username, values.email);
  if (existing) {
    console.error(`An account named ${existing.username} <${existing.email}> already exists`);
    return 1;
  }
  const password = values['password-stdin'] ? (await readStdin()).trim() : generatePassword();
  if (password.length < 10) {
    console.error('The password must have at least 10 characters');
    return 2;
  }
  const admin = await users.insert({
    username: values.username,
    email: values.email,
    passwordHash: await hashPassword(password),
    role: 'admin',
    active: true,
  });
  console.log(`Created administrator ${admin.username} <${admin.email}>`);
  if (!values['password-stdin']) console.log(`Password: ${password}`);
  return 0;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

try {
  process.exitCode = await run(process.argv.slice(2));
} catch (error) {
  if (
    error instanceof DomainError ||
    [ConfigError, DatabaseUnreachableError, MigrationError].some((t) => error instanceof t)
  ) {
    console.error((error as Error).message);
  } else {
    console.error(error);
  }
  process.exitCode = 1;
}
