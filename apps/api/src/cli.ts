#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from './config/config.js';
import { DatabaseUnreachableError, openDatabase } from './db/database.js';
import { migrate, migrationState, MigrationError } from './db/migrate.js';
import { generatePassword, hashPassword } from './users/passwords.js';
import { createUsersRepository } from './users/users.repository.js';

const USAGE = `Usage: citizen <command>

Commands:
  migrate                                  apply pending database migrations
  migration-status                         list applied and pending migrations
  create-admin --username U --email E      create an administrator; prints a generated
               [--password-stdin]          password unless one is read from standard input
`;

async function run(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === 'help') {
    console.log(USAGE);
    return command ? 0 : 2;
  }
  if (!['migrate', 'migration-status', 'create-admin'].includes(command)) {
    console.error(`Unknown command "${command}"\n\n${USAGE}`);
    return 2;
  }
  const config = loadConfig();
  const database = await openDatabase(config.database);
  try {
    switch (command) {
      case 'migrate': {
        const applied = await migrate(database.db);
        console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Nothing to apply');
        return 0;
      }
      case 'migration-status': {
        const state = await migrationState(database.db);
        console.log(`Applied: ${state.applied} (latest ${state.latest ?? 'none'})`);
        console.log(`Pending: ${state.pending.length ? state.pending.join(', ') : 'none'}`);
        return 0;
      }
      case 'create-admin':
        await migrate(database.db);
        return await createAdmin(database, rest);
      default:
        return 2;
    }
  } finally {
    await database.close();
  }
}

async function createAdmin(database: Awaited<ReturnType<typeof openDatabase>>, args: string[]) {
  const { values } = parseArgs({
    args,
    options: {
      username: { type: 'string' },
      email: { type: 'string' },
      'password-stdin': { type: 'boolean', default: false },
    },
  });
  if (!values.username || !values.email) {
    console.error('create-admin needs --username and --email');
    return 2;
  }
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
  if ([ConfigError, DatabaseUnreachableError, MigrationError].some((t) => error instanceof t)) {
    console.error((error as Error).message);
  } else {
    console.error(error);
  }
  process.exitCode = 1;
}
