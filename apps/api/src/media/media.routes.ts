import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Type } from 'typebox';
import { ErrorResponse, PHOTO_VARIANTS, PhotoMetadata, type PhotoVariant } from '@citizen/shared';
import { BadRequestError, NotFoundError } from '../http/errors.js';
import type { App } from '../http/types.js';
import { canSeeOriginalPhoto } from '../policies/observations.policy.js';
import type { Services } from '../services.js';
import { readUploads } from './multipart.js';
import { inspectPhoto, readMetadata } from './photo-processing.js';

const PUBLIC_CACHE = 'public, max-age=31536000, immutable';

export function mediaRoutes(app: App, { database, mediaStore, config }: Services) {
  app.get(
    '/media/:id/:variant',
    {
      schema: {
        tags: ['media'],
        summary:
          'A photo: `thumb` and `display` are public; `original` only for its owner and experts',
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
        .leftJoin('observation_media as om', 'om.media_id', 'm.id')
        .leftJoin('observations as o', 'o.id', 'om.observation_id')
        .select([
          'm.storage_key',
          'm.mime_type',
          'm.variants',
          'm.uploaded_by',
          'm.hidden_at',
          'o.observer_id',
        ])
        .where('m.id', '=', id)
        .executeTakeFirst();
      const file = media?.variants.find((v) => v === variant || v.startsWith(`${variant}.`));
      // The original, and any variant of a photo a moderator hid: its observer and experts only.
      const restricted = variant === 'original' || media?.hidden_at != null;
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
        .header(
          'cache-control',
          media.hidden_at != null
            ? 'private, no-store'
            : variant === 'original'
              ? 'private, max-age=3600'
              : PUBLIC_CACHE,
        )
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
