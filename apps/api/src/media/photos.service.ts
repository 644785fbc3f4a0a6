import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Photo, PhotoLicence } from '@citizen/shared';
import type { DB } from '../db/schema.js';
import type { MediaStore, StagedFiles, WithdrawnFiles } from './media-store.js';
import { processPhoto } from './photo-processing.js';

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
  return {
    /**
     * Checks and resizes the photos, then runs `write` in a transaction with the new media ids.
     * The files appear only if the transaction commits; on any failure no file and no row is left.
     */
    async saveWith<T>(
      uploads: PhotoUpload[],
      uploadedBy: number | null,
      write: (trx: Transaction<DB>, mediaIds: string[]) => Promise<T>,
    ): Promise<T> {
      const processed = await Promise.all(
        uploads.map((upload, i) =>
          processPhoto(upload.bytes, `Photo ${i + 1} (${upload.filename})`),
        ),
      );
      const staged: StagedFiles[] = [];
      const published: string[] = [];
      try {
        for (const photo of processed) {
          staged.push(
            await store.stage({
              [`original.${photo.extension}`]: photo.original,
              'display.webp': photo.display,
              'thumb.webp': photo.thumb,
            }),
          );
        }
        return await db.transaction().execute(async (trx) => {
          const ids = processed.map(() => randomUUID());
          if (ids.length > 0) {
            await trx
              .insertInto('media')
              .values(
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
                  variants: ['thumb', 'display', `original.${photo.extension}`],
                })),
              )
              .execute();
          }
          const result = await write(trx, ids);
          for (const [i, id] of ids.entries()) {
            await store.publish(staged[i]!, store.keyFor(id));
            published.push(store.keyFor(id));
          }
          return result;
        });
      } catch (error) {
        await Promise.all([
          ...staged.map((s) => store.discard(s)),
          ...published.map((key) => store.remove(key)),
        ]);
        throw error;
      }
    },

    /**
     * Runs `remove` in a transaction: it deletes media rows and returns their storage keys with
     * its result. Their files are moved aside before the commit, put back if the transaction
     * fails, and deleted once it has committed: a photo's row and its files go together.
     */
    async deleteWith<T>(
      remove: (trx: Transaction<DB>) => Promise<{ keys: string[]; result: T }>,
    ): Promise<T> {
      const withdrawn: WithdrawnFiles[] = [];
      let result: T;
      try {
        result = await db.transaction().execute(async (trx) => {
          const done = await remove(trx);
          for (const key of done.keys) withdrawn.push(await store.withdraw(key));
          return done.result;
        });
      } catch (error) {
        await Promise.all(withdrawn.map((files) => files.restore()));
        throw error;
      }
      await Promise.all(withdrawn.map((files) => files.purge()));
      return result;
    },

    /** Deletes media files once their rows are gone. */
    async removeFiles(keys: string[]) {
      await Promise.all(keys.map((key) => store.remove(key)));
    },

    async listFor(observationIds: string[]): Promise<Map<string, Photo[]>> {
      const byObservation = new Map<string, Photo[]>();
      if (observationIds.length === 0) return byObservation;
      const rows = await db
        .selectFrom('observation_media as om')
        .innerJoin('media as m', 'm.id', 'om.media_id')
        .select(['om.observation_id', 'm.id', 'm.width', 'm.height', 'm.licence', 'm.author'])
        .where('om.observation_id', 'in', observationIds)
        // Hidden by a moderator: in no list (see GET /api/admin/moderation/observations).
        .where('m.hidden_at', 'is', null)
        .orderBy('om.position')
        .execute();
      for (const row of rows) {
        const list = byObservation.get(row.observation_id) ?? [];
        list.push({
          id: row.id,
          ...photoUrls(row.id),
          width: row.width,
          height: row.height,
          licence: row.licence,
          author: row.author,
        });
        byObservation.set(row.observation_id, list);
      }
      return byObservation;
    },
  };
}

export type PhotosService = ReturnType<typeof createPhotosService>;
