import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';

/** The credentials s3rver accepts (its documented defaults). */
const KEY = 'S3RVER';

export type S3Server = {
  endpoint: string;
  bucket: string;
  /** The settings of a Citizen that keeps its photos there. */
  env: Record<string, string>;
  close(): Promise<void>;
};

/** A real S3-compatible server (s3rver) on loopback, with one empty bucket, for one test file. */
export async function startS3Server(bucket = 'citizen-media'): Promise<S3Server> {
  const directory = mkdtempSync(path.join(os.tmpdir(), 'citizen-s3-'));
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    configureBuckets: [{ name: bucket, configs: [] }],
  });
  const { port } = (await server.run()) as { port: number };
  const endpoint = `http://127.0.0.1:${port}`;
  return {
    endpoint,
    bucket,
    env: {
      MEDIA_STORAGE: 's3',
      S3_ENDPOINT: endpoint,
      S3_BUCKET: bucket,
      S3_REGION: 'us-east-1',
      S3_ACCESS_KEY_ID: KEY,
      S3_SECRET_ACCESS_KEY: KEY,
      S3_FORCE_PATH_STYLE: 'true',
    },
    async close() {
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
