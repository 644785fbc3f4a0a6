import { loadConfig } from '../config/config.js';
import type { Database } from '../db/database.js';
import { createAwardsRepository } from './awards.repository.js';
import { createBadgesRepository } from './badges.repository.js';
import { createBadgesService } from './badges.service.js';

type Command = { usage: string; run(database: Database, args: string[]): Promise<number> };

/** CLI commands of the badges module. */
export const BADGES_COMMANDS: Record<string, Command> = {
  'recompute-badges': {
    usage:
      'recompute-badges                         rebuild every badge award from the data (the\n' +
      '                                         result the incremental updates keep)',
    async run(database, args) {
      if (args.length > 0) {
        console.error('recompute-badges takes no arguments');
        return 2;
      }
      const config = loadConfig();
      const badges = createBadgesService({
        repository: createBadgesRepository(database.db),
        awards: createAwardsRepository(database.db),
        config,
      });
      const report = await badges.recompute();
      console.log(
        `Badges: ${report.awarded} awarded, ${report.withdrawn} withdrawn; ` +
          `${report.held} held by ${report.users} users (${report.milliseconds} ms)`,
      );
      if (!config.badges.enabled) {
        console.log('Note: badges are switched off on this instance (BADGES_ENABLED=false).');
      }
      return 0;
    },
  },
};
