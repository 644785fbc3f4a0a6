import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Type } from 'typebox';
import { ErrorResponse, PHOTO_VARIANTS, PhotoMetadata, type PhotoVariant } from '@citizen/shared';
import { BadRequestError, NotFoundError } from '../http/errors.js';
import type { App } from '../http/types.js';
import { canSeeOriginalPhoto } from '../policies/observations.policy.js';
import type { Services } from '../services.js';
import { readUploads } from './multipart.js';
import { sweepMediaLeftovers } from './media-sweep.js';
import { inspectPhoto, readMetadata } from './photo-processing.js';

/**
 * Browsers keep a public photo a week; shared caches (a CDN, a proxy) must ask again every time
 * (s-maxage=0, answered by a 304 while it stays public), so that a photo withdrawn by a moderator,
 * its observer or an account erasure is a 404 for everyone at once. What only its observer and
 * experts see is never stored.
 */
export const PUBLIC_MEDIA_CACHE = 'public, max-age=604800, s-maxage=0';
export const PRIVATE_MEDIA_CACHE = 'private, no-store';

export function mediaRoutes(app: App, { database, mediaStore, config }: Services) {
  // Listing a large media folder takes a while: the sweep runs beside the first requests instead
  // of delaying the start, and closing waits for it.
  let sweeping: Promise<void> = Promise.resolve();
  app.addHook('onReady', async () => {
    sweeping = sweepMediaLeftovers(database.db, mediaStore).then(
      (report) => {
        if (Object.values(report).some((n) => n > 0)) {
          app.log.warn({ report }, 'finished or removed files left by an interrupted process');
        }
      },
      (error: unknown) => app.log.error({ err: error }, 'sweeping the media folder failed'),
    );
  });
  app.addHook('onClose', () => sweeping);

  app.get(
    '/media/:id/:variant',
    {
      schema: {
        tags: ['media'],
        summary:
          '`thumb` and `display` of a public photo for anyone; the `original`, and photos that are ' +
          'hidden or of an observation the public does not see, only for its observer and experts',
        params: Type.Object({
          id: Type.String({ format: 'uuid' }),
          variant: Type.Enum(PHOTO_VARIANTS),
        }),
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const variant: PhotoVariant = request.params.variant;
      const media = await database.db
        .selectFrom('media as m')
        .select((eb) => [
          'm.storage_key',
          'm.mime_type',
          'm.variants',
          'm.uploaded_by',
          'm.hidden_at',
          eb
            .selectFrom('observation_media as om')
            .innerJoin('observations as o', 'o.id', 'om.observation_id')
            .select('o.observer_id')
            .whereRef('om.media_id', '=', 'm.id')
            .limit(1)
            .as('observer_id'),
          // Of an observation hidden, or not yet validated where only validated ones are shown.
          eb
            .exists(
              eb
                .selectFrom('observation_media as om')
                .innerJoin('observations as o', 'o.id', 'om.observation_id')
                .select('om.media_id')
                .whereRef('om.media_id', '=', 'm.id')
                .where('o.is_public', '=', false),
            )
            .as('not_public'),
        ])
        .where('m.id', '=', id)
        .executeTakeFirst();
      const file = media?.variants.find((v) => v === variant || v.startsWith(`${variant}.`));
      const restricted =
        variant === 'original' || media?.hidden_at != null || Boolean(media?.not_public);
      const allowed =
        media &&
        (!restricted ||
          canSeeOriginalPhoto(request.user, {
            uploadedBy: media.uploaded_by,
            observerId: media.observer_id,
          }));
      if (!media || !file || !allowed) throw new NotFoundError(`No photo ${id}/${variant}`);

      const extension = file.includes('.') ? file.slice(file.indexOf('.') + 1) : 'webp';
      const path = mediaStore.fileOf(media.storage_key, variant, extension);
      const info = await stat(path).catch(() => null);
      if (!info) throw new NotFoundError(`No photo ${id}/${variant}`);
      const etag = `"${id}-${variant}"`;
      reply
        .header('etag', etag)
        .header('cache-control', restricted ? PRIVATE_MEDIA_CACHE : PUBLIC_MEDIA_CACHE)
        .header('x-content-type-options', 'nosniff');
      if (request.headers['if-none-match'] === etag) return reply.code(304).send();
      return reply
        .type(variant === 'original' ? media.mime_type : 'image/webp')
        .header('content-length', info.size)
        .send(createReadStream(path));
    },
  );

  app.post(
    '/media/metadata',
    {
      schema: {
        tags: ['media'],
        summary: "A photo's EXIF date and GPS position, to pre-fill a form (the photo is not kept)",
        consumes: ['multipart/form-data'],
        response: {
          200: PhotoMetadata,
          400: ErrorResponse,
          413: ErrorResponse,
          415: ErrorResponse,
        },
      },
    },
    async (request) => {
      const { files } = await readUploads(request, {
        maxFiles: 1,
        maxBytes: config.photos.maxBytes,
      });
      const [photo] = files;
      if (!photo) throw new BadRequestError('Send one photo in a file field');
      await inspectPhoto(photo.bytes, `Photo (${photo.filename})`);
      return readMetadata(photo.bytes);
    },
  );
}
