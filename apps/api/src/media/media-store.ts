import { createReadStream } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';

/**
 * Files written in full where nobody reads them (`dir`: a folder, or an object key prefix),
 * waiting for the row naming `key` to commit.
 */
export type StagedFiles = { dir: string; key: string };

/** A stored file to send: its size and its bytes as a stream. */
export type StoredFile = { size: number; stream: Readable };

/**
 * Where photos and avatars live: the files of one photo under one storage key, written aside
 * (`stage`) and made visible (`publish`) only once the row naming the key has committed, removed
 * (`remove`) once the row deleting it has. On disk (below) or on S3 (s3-media-store.ts).
 */
export type MediaStore = {
  /** For logs: where the files are. */
  readonly location: string;
  /** The storage key of a media id. */
  keyFor(id: string): string;
  /** Writes the files of `key` aside; nothing is visible until `publish`. */
  stage(key: string, files: Record<string, Buffer>): Promise<StagedFiles>;
  /** Makes staged files visible; call it only once the row naming the key has committed. */
  publish(staged: StagedFiles): Promise<void>;
  discard(staged: StagedFiles): Promise<void>;
  /** Replaces one file of a published key at once: readers get the old or the new. */
  replace(key: string, name: string, bytes: Buffer): Promise<void>;
  remove(key: string): Promise<void>;
  /** The names of the files published under `key`. */
  files(key: string): Promise<string[]>;
  read(key: string, name: string): Promise<Buffer | null>;
  open(key: string, name: string): Promise<StoredFile | null>;
  /**
   * A URL that serves the file for `seconds` to whoever has it, with these response headers;
   * null where the store has no such URLs (disk).
   */
  signedUrl:
    | ((
        key: string,
        name: string,
        headers: { seconds: number; contentType: string; cacheControl: string },
      ) => Promise<string>)
    | null;
  /** Staged files left over (by key), with their age; trash of earlier versions. */
  leftovers(): Promise<{
    staged: (StagedFiles & { modified: Date })[];
    trash: (StagedFiles & { modified: Date })[];
  }>;
  /**
   * Published keys: photos (`xx/<id>`) and avatars (`avatars/<user>/<x>`), with when they last
   * changed. Every other name is left alone.
   */
  published(): Promise<{ key: string; modified: Date }[]>;
};

/** The storage key of a media id: `xx/<id>`, xx its first two characters. */
export const keyFor = (id: string) => `${id.slice(0, 2)}/${id}`;

/** Keys as published() finds them: `xx/<id…>` and `avatars/<user>/<name>`. */
export function isPublishedKey(key: string): boolean {
  const parts = key.split('/');
  if (parts[0] === 'avatars') return parts.length === 3 && parts.every(Boolean);
  return parts.length === 2 && /^[0-9a-f]{2}$/.test(parts[0]!) && parts[1]!.startsWith(parts[0]!);
}

export const STAGING = '.staging';
/** Where earlier versions moved a photo's files while its row was being deleted. */
const LEGACY_TRASH = '.trash';

/**
 * Files of a photo live in one folder per storage key. They are written in full to a staging
 * folder named after that key first, and moved into place with one rename once the row that
 * names the key has committed: a reader never sees half a photo, and a photo whose transaction
 * failed never appears. If the process dies between the commit and the rename, the staged
 * folder still says where it belongs, and the start-up sweep (media-sweep.ts) finishes the job.
 */
export function createMediaStore(root: string): MediaStore {
  const staging = path.join(root, STAGING);
  const folderOf = (key: string) => path.join(root, key);
  const stagedDirOf = (key: string) => path.join(staging, encodeURIComponent(key));
  const fileOf = (key: string, name: string) => path.join(folderOf(key), name);

  return {
    location: root,
    keyFor,
    signedUrl: null,

    async files(key) {
      const entries = await readdir(folderOf(key), { withFileTypes: true }).catch(() => []);
      return entries.filter((e) => e.isFile()).map((e) => e.name);
    },

    async read(key, name) {
      return readFile(fileOf(key, name)).catch(() => null);
    },

    async open(key, name) {
      const info = await stat(fileOf(key, name)).catch(() => null);
      if (!info?.isFile()) return null;
      return { size: info.size, stream: createReadStream(fileOf(key, name)) };
    },

    async stage(key: string, files: Record<string, Buffer>): Promise<StagedFiles> {
      const dir = stagedDirOf(key);
      await mkdir(dir, { recursive: true });
      await Promise.all(
        Object.entries(files).map(([name, bytes]) => writeFile(path.join(dir, name), bytes)),
      );
      return { dir, key };
    },

    async publish(staged: StagedFiles) {
      const target = folderOf(staged.key);
      await mkdir(path.dirname(target), { recursive: true });
      try {
        await rename(staged.dir, target);
      } catch (error) {
        // Published meanwhile by the start-up sweep of another process: nothing left to do.
        if ((error as NodeJS.ErrnoException).code === 'ENOENT' && (await exists(target))) return;
        throw error;
      }
    },

    async discard(staged: StagedFiles) {
      await rm(staged.dir, { recursive: true, force: true });
    },

    // One rename: readers get the old file or the new.
    async replace(key: string, name: string, bytes: Buffer) {
      const target = path.join(folderOf(key), name);
      const temporary = `${target}.${process.pid}.${Date.now()}.new`;
      await writeFile(temporary, bytes);
      try {
        await rename(temporary, target);
      } catch (error) {
        await rm(temporary, { force: true });
        throw error;
      }
    },

    async remove(key: string) {
      await rm(folderOf(key), { recursive: true, force: true });
    },

    async leftovers() {
      const entries = async (dir: string) =>
        (await readdir(dir).catch(() => [] as string[])).map((name) => path.join(dir, name));
      const staged = await Promise.all(
        (await entries(staging)).map(async (dir) => ({
          dir,
          key: keyOfStaged(path.basename(dir)),
          modified: await modifiedAt(dir),
        })),
      );
      const trash = await Promise.all(
        (await entries(path.join(root, LEGACY_TRASH))).map(async (dir) => ({
          dir,
          key: '',
          modified: await modifiedAt(dir),
        })),
      );
      return { staged, trash };
    },

    async published() {
      const found: { key: string; modified: Date }[] = [];
      const children = (dir: string) =>
        readdir(path.join(root, dir), { withFileTypes: true })
          .then((list) => list.filter((d) => d.isDirectory()).map((d) => d.name))
          .catch(() => [] as string[]);
      for (const prefix of await children('.')) {
        if (prefix === 'avatars') {
          for (const user of await children('avatars')) {
            for (const name of await children(`avatars/${user}`))
              found.push({ key: `avatars/${user}/${name}`, modified: new Date(0) });
          }
        } else if (/^[0-9a-f]{2}$/.test(prefix)) {
          for (const name of await children(prefix)) {
            if (name.startsWith(prefix))
              found.push({ key: `${prefix}/${name}`, modified: new Date(0) });
          }
        }
      }
      for (const entry of found) entry.modified = await modifiedAt(folderOf(entry.key));
      return found;
    },
  };
}

/** The key a staged folder is named after; a name that is no key (older versions) names none. */
export function keyOfStaged(name: string): string {
  try {
    return decodeURIComponent(name);
  } catch {
    return '';
  }
}

async function exists(file: string) {
  return stat(file).then(
    () => true,
    () => false,
  );
}

async function modifiedAt(file: string): Promise<Date> {
  return (await stat(file).catch(() => null))?.mtime ?? new Date();
}
