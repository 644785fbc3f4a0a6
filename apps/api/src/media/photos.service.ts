import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Photo, PhotoLicence } from '@citizen/shared';
import type { DB } from '../db/schema.js';
import { safeObserverName } from '../users/public-name.js';
import { createMediaRepository } from './media.repository.js';
import type { MediaStore, StagedFiles } from './media-store.js';
import {
  photoFiles,
  processPhoto,
  withoutMetadata,
  type ProcessedPhoto,
} from './photo-processing.js';

export type PhotoUpload = {
  bytes: Buffer;
  filename: string;
  licence: PhotoLicence;
  author: string | null;
};

export const photoUrls = (id: string) => ({
  thumbUrl: `/api/media/${id}/thumb`,
  displayUrl: `/api/media/${id}/display`,
});

export function createPhotosService(db: Kysely<DB>, store: MediaStore) {
  const media = createMediaRepository(db);
  const removeFiles = async (keys: string[]) => {
    await Promise.all(keys.map((key) => store.remove(key)));
  };

  /**
   * Runs `remove` in a transaction: it deletes media rows and returns their storage keys with
   * its result. The files go once the transaction has committed (they stay if it fails); from
   * the commit on, no row names them, so they are served to nobody, and the start-up sweep
   * removes them if the process dies before it does.
   */
  async function deleteWith<T>(
    remove: (trx: Transaction<DB>) => Promise<{ keys: string[]; result: T }>,
  ): Promise<T> {
    const done = await db.transaction().execute(remove);
    await removeFiles(done.keys);
    return done.result;
  }

  return {
    /**
     * Checks and resizes the photos, then runs `write` in a transaction with the new media ids.
     * The files are staged first and published only once the transaction has committed: on any
     * failure no file and no row is left, and a crash after the commit is finished at the next
     * start (media-sweep.ts).
     */
    async saveWith<T>(
      uploads: PhotoUpload[],
      uploadedBy: number | null,
      write: (trx: Transaction<DB>, mediaIds: string[]) => Promise<T>,
    ): Promise<T> {
      // One photo after the other: one decoded image in memory at a time per request.
      const processed: ProcessedPhoto[] = [];
      for (const [i, upload] of uploads.entries()) {
        processed.push(await processPhoto(upload.bytes, `Photo ${i + 1} (${upload.filename})`));
      }
      const ids = processed.map(() => randomUUID());
      const staged: StagedFiles[] = [];
      let result: T;
      try {
        for (const [i, photo] of processed.entries()) {
          staged.push(await store.stage(store.keyFor(ids[i]!), photoFiles(photo).files));
        }
        result = await db.transaction().execute(async (trx) => {
          await media.insert(
            trx,
            processed.map((photo, i) => ({
              id: ids[i]!,
              storage_key: store.keyFor(ids[i]!),
              mime_type: photo.mime,
              byte_size: photo.original.length,
              width: photo.width,
              height: photo.height,
              author: uploads[i]!.author,
              licence: uploads[i]!.licence,
              uploaded_by: uploadedBy,
              original_name: uploads[i]!.filename.slice(0, 200),
              taken_at: photo.metadata.takenAt ? new Date(photo.metadata.takenAt) : null,
              variants: photoFiles(photo).variants,
            })),
          );
          return write(trx, ids);
        });
      } catch (error) {
        await Promise.all(staged.map((s) => store.discard(s)));
        throw error;
      }
      for (const files of staged) await store.publish(files);
      return result;
    },

    deleteWith,

    /** Deletes a photo of no observation, site or visit (a logo replaced), files after the commit. */
    async deleteUnlinked(id: string): Promise<void> {
      await deleteWith(async (trx) => {
        const key = await media.deleteUnlinked(trx, id);
        return { keys: key ? [key] : [], result: undefined };
      });
    },

    /** Deletes media files once their rows are gone. */
    removeFiles,

    /**
     * Rewrites the stored originals of these photos without their metadata (EXIF with GPS
     * position and camera, XMP), each in one rename; returns their new sizes by media id.
     */
    async stripOriginals(ids: string[]): Promise<Map<string, number>> {
      const sizes = new Map<string, number>();
      if (ids.length === 0) return sizes;
      for (const row of await media.filesOf(ids)) {
        const name = row.variants.find((v) => v.startsWith('original.'));
        if (!name) continue;
        const bytes = await store.read(row.storage_key, name);
        if (!bytes) continue;
        const stripped = await withoutMetadata(bytes);
        await store.replace(row.storage_key, name, stripped);
        sizes.set(row.id, stripped.length);
      }
      return sizes;
    },

    async listFor(observationIds: string[]): Promise<Map<string, Photo[]>> {
      const byObservation = new Map<string, Photo[]>();
      if (observationIds.length === 0) return byObservation;
      for (const row of await media.visibleOf(observationIds)) {
        const list = byObservation.get(row.observation_id) ?? [];
        list.push({
          id: row.id,
          ...photoUrls(row.id),
          width: row.width,
          height: row.height,
          licence: row.licence,
          author: safeObserverName(row.author),
        });
        byObservation.set(row.observation_id, list);
      }
      return byObservation;
    },
  };
}

export type PhotosService = ReturnType<typeof createPhotosService>;
