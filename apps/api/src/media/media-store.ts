import { randomUUID } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { PhotoVariant } from '@citizen/shared';

export type StagedFiles = { dir: string };

/** A photo's files moved aside while its row is being deleted: put back, or gone for good. */
export type WithdrawnFiles = { restore(): Promise<void>; purge(): Promise<void> };

/**
 * Files of a photo live in one folder per media id. They are written in full to a staging folder
 * first, then moved into place with one rename, so a reader never sees half a photo.
 */
export function createMediaStore(root: string) {
  const staging = path.join(root, '.staging');

  const folderOf = (key: string) => path.join(root, key);

  return {
    root,

    /** The storage key of a media id: its folder below the root. */
    keyFor(id: string): string {
      return `${id.slice(0, 2)}/${id}`;
    },

    fileOf(key: string, variant: PhotoVariant, extension: string): string {
      return path.join(folderOf(key), `${variant}.${extension}`);
    },

    async stage(files: Record<string, Buffer>): Promise<StagedFiles> {
      const dir = path.join(staging, randomUUID());
      await mkdir(dir, { recursive: true });
      await Promise.all(
        Object.entries(files).map(([name, bytes]) => writeFile(path.join(dir, name), bytes)),
      );
      return { dir };
    },

    async publish(staged: StagedFiles, key: string) {
      const target = folderOf(key);
      await mkdir(path.dirname(target), { recursive: true });
      await rename(staged.dir, target);
    },

    async discard(staged: StagedFiles) {
      await rm(staged.dir, { recursive: true, force: true });
    },

    async remove(key: string) {
      await rm(folderOf(key), { recursive: true, force: true });
    },

    /**
     * Moves a photo's folder out of the way (one rename): readers no longer find it, and it can be
     * put back as it was if the deletion of its row does not commit.
     */
    async withdraw(key: string): Promise<WithdrawnFiles> {
      const aside = path.join(root, '.trash', randomUUID());
      await mkdir(path.dirname(aside), { recursive: true });
      try {
        await rename(folderOf(key), aside);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
        const nothing = async () => {};
        return { restore: nothing, purge: nothing };
      }
      return {
        restore: async () => {
          await mkdir(path.dirname(folderOf(key)), { recursive: true });
          await rename(aside, folderOf(key));
        },
        purge: () => rm(aside, { recursive: true, force: true }),
      };
    },
  };
}

export type MediaStore = ReturnType<typeof createMediaStore>;
