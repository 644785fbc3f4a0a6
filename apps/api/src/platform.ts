import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Config } from './config/config.js';
import { openDatabase, type Database } from './db/database.js';
import { migrate } from './db/migrate.js';
import { isEmpty } from './demo/demo.repository.js';
import type { App } from './http/types.js';
import { loadWebHandler } from './web/web-handler.js';

export type Platform = { app: App; database: Database; url: string; close(): Promise<void> };

type Log = (line: string) => void;

/** Opens the database, brings it up to date, loads the demo on a first start and starts serving. */
export async function startPlatform(config: Config, log: Log = console.log): Promise<Platform> {
  // The embedded database starts in its own thread (seconds of WebAssembly on a warm start):
  // meanwhile this thread loads the API's modules and the SSR web app.
  const opening = openDatabase(config.database);
  const internalUrl = `http://${internalHost(config.host)}:${config.port}`;
  const loading = Promise.all([
    import('./app.js'),
    import('./mail/mailer.js'),
    config.web.enabled
      ? loadWebHandler(config.web.buildDir, internalUrl, config.publicUrl)
      : Promise.resolve(undefined),
  ]);
  loading.catch(() => {}); // awaited below, once the database is open (or closed again)
  let database: Database;
  try {
    database = await opening;
  } catch (error) {
    await loading.catch(() => {});
    throw error;
  }
  try {
    const applied = await migrate(database.db);
    if (applied.length > 0) log(`Applied migrations: ${applied.join(', ')}`);
    // Before the demo, so that a missing web build is named at once.
    const [{ buildApp }, { mailsLoggedWithText }, web] = await loading;

    if (config.demoData && (await isEmpty(database.db))) {
      log('Empty database: loading the demo programmes, species and observations...');
      const [{ seedDemo }, { openMediaStore }] = await Promise.all([
        import('./demo/seed.js'),
        import('./media/open-media-store.js'),
      ]);
      const admin = await seedDemo(database.db, {
        sites: true,
        media: openMediaStore(config.media),
      });
      writeCredentials(
        config.dataDir,
        `${admin.username} / ${admin.email} / ${admin.password}`,
        log,
      );
    }

    const app = await buildApp({
      config,
      database,
      web,
      logger: { level: config.logLevel },
    });
    await app.listen({ port: config.port, host: config.host });

    if (!config.mail.smtpUrl) {
      log(
        mailsLoggedWithText(config)
          ? 'SMTP_URL is not set: e-mails are written to the log (links included) instead of being sent'
          : 'SMTP_URL is not set: e-mails are NOT sent (only their recipient and subject are logged)',
      );
    }
    const credentials = readCredentials(config.dataDir);
    if (credentials) log(`Demo admin (username / e-mail / password): ${credentials}`);
    return {
      app,
      database,
      url: config.publicUrl,
      close: async () => {
        await app.close();
        await database.close();
      },
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}

function internalHost(host: string): string {
  return ['0.0.0.0', '::', 'localhost'].includes(host) ? '127.0.0.1' : host;
}

const CREDENTIALS_FILE = 'demo-admin.txt';

/**
 * The demo admin's password exists nowhere else once the demo is committed: a DATA_DIR that does
 * not exist yet is created, and if the file still cannot be written the password goes to the log.
 */
function writeCredentials(dataDir: string, line: string, log: Log) {
  const file = path.join(dataDir, CREDENTIALS_FILE);
  try {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, `${line}\n`, { mode: 0o600 });
    chmodSync(file, 0o600);
  } catch (error) {
    log(`Could not write ${file} (${(error as Error).message})`);
    log(`Demo admin (username / e-mail / password): ${line}`);
  }
}

function readCredentials(dataDir: string): string | null {
  const file = path.join(dataDir, CREDENTIALS_FILE);
  return existsSync(file) ? readFileSync(file, 'utf8').trim() : null;
}
