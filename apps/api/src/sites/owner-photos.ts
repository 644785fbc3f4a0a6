import type { Transaction } from 'kysely';
import type { SiteInput } from '@citizen/shared';
import type { CurrentUser } from '../auth/current-user.js';
import type { DB } from '../db/schema.js';
import type { RememberKey } from '../idempotency/idempotency.service.js';
import type { PhotosService } from '../media/photos.service.js';
import type { MediaLink, SitePhotosRepository } from './site-photos.repository.js';
import type { SiteRules } from './site-rules.js';
import type { Files } from './site-views.js';

type Deps = { photos: PhotosService; sitePhotos: SitePhotosRepository; rules: SiteRules };

/**
 * Writes a site or a visit together with its photos: the row and its photo links in one
 * transaction; removed photos' files are deleted only after it commits.
 */
export function ownerPhotoWriter(link: MediaLink, { photos, sitePhotos, rules }: Deps) {
  return {
    /**
     * Inserts the owner (`insert` returns its id) with the uploaded photos, and the request's
     * Idempotency-Key in the same transaction.
     */
    create(
      meta: SiteInput['photos'],
      files: Files,
      user: CurrentUser,
      insert: (trx: Transaction<DB>) => Promise<number>,
      rememberKey?: RememberKey,
    ): Promise<number> {
      return photos.saveWith(rules.uploads(meta, files, user), user.id, async (trx, mediaIds) => {
        const id = await insert(trx);
        await sitePhotos.linkPhotos(trx, link, id, mediaIds);
        await rememberKey?.(trx, String(id));
        return id;
      });
    },

    /** Updates owner `id`, removing the photos `removing` and adding the uploaded ones. */
    async update(
      id: number,
      removing: string[],
      files: Files,
      user: CurrentUser,
      update: (trx: Transaction<DB>) => Promise<void>,
    ): Promise<void> {
      await rules.checkPhotoChanges(link, id, removing, files.length);
      const removed = await photos.saveWith(
        rules.uploads([], files, user),
        user.id,
        async (trx, mediaIds) => {
          await update(trx);
          const keys = await sitePhotos.deleteMediaOf(trx, link, [id], removing);
          await sitePhotos.linkPhotos(trx, link, id, mediaIds);
          return keys;
        },
      );
      await photos.removeFiles(removed);
    },
  };
}
