import { mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { PhotoVariant } from '@citizen/shared';

/** Files written in full under the staging folder, waiting for their row to commit. */
export type StagedFiles = { dir: string; key: string };

const STAGING = '.staging';
/** Where earlier versions moved a photo's files while its row was being deleted. */
const LEGACY_TRASH = '.trash';

/**
 * Files of a photo live in one folder per storage key. They are written in full to a staging
 * folder named after that key first, and moved into place with one rename once the row that
 * names the key has committed: a reader never sees half a photo, and a photo whose transaction
 * failed never appears. If the process dies between the commit and the rename, the staged
 * folder still says where it belongs, and the start-up sweep (media-sweep.ts) finishes the job.
 */
export function createMediaStore(root: string) {
  const staging = path.join(root, STAGING);
  const folderOf = (key: string) => path.join(root, key);
  const stagedDirOf = (key: string) => path.join(staging, encodeURIComponent(key));

  return {
    root,

    /** The storage key of a media id: its folder below the root. */
    keyFor(id: string): string {
      return `${id.slice(0, 2)}/${id}`;
    },

    fileOf(key: string, variant: PhotoVariant, extension: string): string {
      return path.join(folderOf(key), `${variant}.${extension}`);
    },

    /** Writes the files of `key` aside; nothing is visible until `publish`. */
    async stage(key: string, files: Record<string, Buffer>): Promise<StagedFiles> {
      const dir = stagedDirOf(key);
      await mkdir(dir, { recursive: true });
      await Promise.all(
        Object.entries(files).map(([name, bytes]) => writeFile(path.join(dir, name), bytes)),
      );
      return { dir, key };
    },

    /** Moves staged files into place; call it only once the row naming the key has committed. */
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

    /** Replaces one file of a published folder in one rename: readers get the old or the new. */
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

    /** Staged folders left over (by key), with their age; legacy trash folders. */
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
          modified: await modifiedAt(dir),
        })),
      );
      return { staged, trash };
    },

    /**
     * Published folders, by storage key: photos (`xx/<id>`) and avatars (`avatars/<user>/<x>`).
     * Every other name at the root is left alone.
     */
    async published(): Promise<{ key: string; modified: Date }[]> {
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
function keyOfStaged(name: string): string {
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

export type MediaStore = ReturnType<typeof createMediaStore>;
