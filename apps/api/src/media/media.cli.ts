import { loadConfig } from '../config/config.js';
import type { Database } from '../db/database.js';
import { copyMediaStore } from './media-copy.js';
import { createMediaStore } from './media-store.js';
import { createS3MediaStore } from './s3-media-store.js';

type Command = { usage: string; run(database: Database, args: string[]): Promise<number> };

/** CLI commands of the media store. */
export const MEDIA_COMMANDS: Record<string, Command> = {
  'media-to-s3': {
    usage:
      'media-to-s3                              copy the photos of MEDIA_DIR to the S3 bucket\n' +
      '                                         of the S3_* settings (MEDIA_STORAGE=s3); files\n' +
      '                                         already there are kept, so it can run again',
    async run(_database, args) {
      if (args.length > 0) {
        console.error('media-to-s3 takes no arguments');
        return 2;
      }
      const config = loadConfig();
      if (config.media.kind !== 's3') {
        console.error('media-to-s3 copies to S3: set MEDIA_STORAGE=s3 and the S3_* settings');
        return 2;
      }
      const from = createMediaStore(config.mediaDir);
      const to = createS3MediaStore(config.media);
      console.log(`Copying ${from.location} to ${to.location}`);
      const report = await copyMediaStore(from, to, (done, total) => {
        if (done % 1000 === 0) console.log(`  ${done} of ${total}`);
      });
      console.log(
        `Media: ${report.keys} photos and avatars, ${report.copied} files copied, ` +
          `${report.alreadyThere} already there`,
      );
      return 0;
    },
  },
};
