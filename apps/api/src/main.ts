import { ConfigError, loadConfig, type Config } from './config/config.js';
import { DatabaseUnreachableError } from './db/database.js';
import { MigrationError } from './db/migrate.js';
import { startPlatform } from './platform.js';
import { WebBuildMissingError } from './web/web-handler.js';

/** Starts Citizen; a problem the operator can fix ends the start with one line naming it. */
async function main() {
  const started = performance.now();
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    return fail(error);
  }
  try {
    const platform = await startPlatform(config);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(`Citizen is ready at ${platform.url} (${config.database.kind}, ${seconds} s)`);
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.once(signal, () => {
        platform.close().then(
          () => process.exit(0),
          () => process.exit(1),
        );
      });
    }
  } catch (error) {
    fail(error, config);
  }
}

const KNOWN = [ConfigError, DatabaseUnreachableError, MigrationError, WebBuildMissingError];

function fail(error: unknown, config?: Config): never {
  const code = (error as { code?: string }).code;
  if (config && code === 'EADDRINUSE') {
    console.error(`PORT: ${config.port} is already in use on ${config.host}`);
  } else if (config && code === 'EACCES') {
    console.error(`PORT: not allowed to listen on ${config.host}:${config.port}`);
  } else if (config && code === 'EADDRNOTAVAIL') {
    console.error(`HOST: ${config.host} is not an address of this machine`);
  } else if (KNOWN.some((type) => error instanceof type)) {
    console.error((error as Error).message);
  } else {
    console.error(error);
  }
  process.exit(1);
}

await main();
