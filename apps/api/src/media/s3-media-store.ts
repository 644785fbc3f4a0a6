import {
  CopyObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  NoSuchKey,
  PutObjectCommand,
  S3Client,
  type _Object,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { Readable } from 'node:stream';
import type { MediaStorage } from '../config/config.js';
import {
  isPublishedKey,
  keyFor,
  keyOfStaged,
  STAGING,
  type MediaStore,
  type StagedFiles,
} from './media-store.js';

type S3Storage = Extract<MediaStorage, { kind: 's3' }>;

export function createS3Client(storage: S3Storage): S3Client {
  return new S3Client({
    region: storage.region,
    ...(storage.endpoint ? { endpoint: storage.endpoint } : {}),
    ...(storage.credentials ? { credentials: storage.credentials } : {}),
    forcePathStyle: storage.forcePathStyle,
  });
}

/**
 * The media store on an S3-compatible object store (AWS S3, MinIO, Garage...), laid out as on
 * disk: `<key>/<file>`. Objects have no rename: files are uploaded under `.staging/<key>/`, then
 * copied into place (a copy inside the store) once the row has committed, and the staged copies
 * deleted; the start-up sweep finishes a publication a crash interrupted, as on disk. The bucket
 * stays private: a photo is read through the API, or through a short-lived signed URL the API
 * hands out after its access check.
 */
export function createS3MediaStore(
  storage: S3Storage,
  client = createS3Client(storage),
): MediaStore {
  const Bucket = storage.bucket;
  const stagedPrefixOf = (key: string) => `${STAGING}/${encodeURIComponent(key)}/`;

  /** Every object under `prefix`, page after page. */
  async function list(prefix: string): Promise<_Object[]> {
    const objects: _Object[] = [];
    let ContinuationToken: string | undefined;
    do {
      const page = await client.send(
        new ListObjectsV2Command({ Bucket, Prefix: prefix, ContinuationToken }),
      );
      objects.push(...(page.Contents ?? []));
      ContinuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (ContinuationToken);
    return objects;
  }

  async function deleteAll(keys: string[]) {
    for (let i = 0; i < keys.length; i += 1000) {
      const Objects = keys.slice(i, i + 1000).map((Key) => ({ Key }));
      const result = await client.send(
        new DeleteObjectsCommand({ Bucket, Delete: { Objects, Quiet: true } }),
      );
      const failed = result.Errors?.[0];
      if (failed) throw new Error(`Could not delete ${failed.Key}: ${failed.Message}`);
    }
  }

  async function get(key: string, name: string) {
    try {
      return await client.send(new GetObjectCommand({ Bucket, Key: `${key}/${name}` }));
    } catch (error) {
      if (error instanceof NoSuchKey || (error as { name?: string }).name === 'NotFound') {
        return null;
      }
      throw error;
    }
  }

  /** Objects grouped by the folder they are in (the key less its last part), with the latest date. */
  function byFolder(objects: _Object[], folderOf: (key: string) => string) {
    const folders = new Map<string, Date>();
    for (const object of objects) {
      const folder = folderOf(object.Key!);
      const modified = object.LastModified ?? new Date();
      const seen = folders.get(folder);
      if (!seen || seen < modified) folders.set(folder, modified);
    }
    return folders;
  }

  return {
    location: `s3://${Bucket}${storage.endpoint ? ` at ${storage.endpoint}` : ''}`,
    keyFor,

    async stage(key, files) {
      const dir = stagedPrefixOf(key);
      await Promise.all(
        Object.entries(files).map(([name, Body]) =>
          client.send(new PutObjectCommand({ Bucket, Key: `${dir}${name}`, Body })),
        ),
      );
      return { dir, key };
    },

    async publish(staged: StagedFiles) {
      // Nothing left: published meanwhile by the sweep of another process.
      const objects = await list(staged.dir);
      await Promise.all(
        objects.map((object) =>
          client.send(
            new CopyObjectCommand({
              Bucket,
              CopySource: `${Bucket}/${encodeURI(object.Key!)}`,
              Key: `${staged.key}/${object.Key!.slice(staged.dir.length)}`,
            }),
          ),
        ),
      );
      await deleteAll(objects.map((o) => o.Key!));
    },

    async discard(staged) {
      await deleteAll((await list(staged.dir)).map((o) => o.Key!));
    },

    // One PUT: readers get the old object or the new.
    async replace(key, name, bytes) {
      await client.send(new PutObjectCommand({ Bucket, Key: `${key}/${name}`, Body: bytes }));
    },

    async remove(key) {
      await deleteAll((await list(`${key}/`)).map((o) => o.Key!));
    },

    async files(key) {
      return (await list(`${key}/`)).map((o) => o.Key!.slice(key.length + 1));
    },

    async read(key, name) {
      const object = await get(key, name);
      return object ? Buffer.from(await object.Body!.transformToByteArray()) : null;
    },

    async open(key, name) {
      const object = await get(key, name);
      if (!object) return null;
      return { size: object.ContentLength ?? 0, stream: object.Body as Readable };
    },

    signedUrl: (key, name, { seconds, contentType, cacheControl }) =>
      getSignedUrl(
        client,
        new GetObjectCommand({
          Bucket,
          Key: `${key}/${name}`,
          ResponseContentType: contentType,
          ResponseCacheControl: cacheControl,
        }),
        { expiresIn: seconds },
      ),

    async leftovers() {
      const folders = byFolder(await list(`${STAGING}/`), (k) =>
        k.split('/').slice(0, 2).join('/'),
      );
      const staged = [...folders].map(([dir, modified]) => ({
        dir: `${dir}/`,
        key: keyOfStaged(dir.slice(STAGING.length + 1)),
        modified,
      }));
      return { staged, trash: [] };
    },

    async published() {
      const objects = (await list('')).filter((o) => !o.Key!.startsWith(`${STAGING}/`));
      const folders = byFolder(objects, (k) => k.slice(0, k.lastIndexOf('/')));
      return [...folders]
        .filter(([key]) => isPublishedKey(key))
        .map(([key, modified]) => ({ key, modified }));
    },
  };
}
