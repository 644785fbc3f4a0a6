import { Type } from 'typebox';
import { ErrorResponse, PHOTO_VARIANTS, PhotoMetadata, type PhotoVariant } from '@citizen/shared';
import { DomainError } from '../http/errors.js';
import type { App } from '../http/types.js';
import { canSeeOriginalPhoto } from '../policies/observations.policy.js';
import type { Services } from '../services.js';
import { createJobRunsRepository } from '../jobs/job-runs.repository.js';
import { runOnceAcrossReplicas } from '../jobs/run-once.js';
import { createMediaRepository } from './media.repository.js';
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

/** Replicas sharing a store sweep it once: at a start unless one did in the last minute, and hourly. */
const SWEEP_AT_START_UNLESS_SECONDS = 60;
const SWEEP_EVERY_SECONDS = 3_600;
const SWEEP_ASK_EVERY_MS = 300_000;

const MIME_OF_EXTENSION: Record<string, string> = {
  webp: 'image/webp',
  jpg: 'image/jpeg',
  png: 'image/png',
  heif: 'image/heif',
};

export function mediaRoutes(app: App, { database, mediaStore, config, jobs }: Services) {
  const media = createMediaRepository(database.db);
  const jobRuns = createJobRunsRepository(database.db);
  const redirect = config.media.kind === 's3' && config.media.delivery === 'redirect';
  const signedUrlSeconds = config.media.kind === 's3' ? config.media.signedUrlSeconds : 0;

  // Listing a large store takes a while: the sweep runs beside the requests instead of delaying
  // the start, and closing waits for it.
  let sweeping: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  const sweep = (unlessSeconds: number) => {
    sweeping = sweeping
      .then(() =>
        runOnceAcrossReplicas(jobRuns, 'media-sweep', unlessSeconds, () =>
          sweepMediaLeftovers(media, mediaStore),
        ),
      )
      .then(
        (report) => {
          if (report && Object.values(report).some((n) => n > 0)) {
            app.log.warn({ report }, 'finished or removed files left by an interrupted process');
          }
        },
        (error: unknown) => app.log.error({ err: error }, 'sweeping the media store failed'),
      );
  };
  jobs.add({
    start() {
      sweep(SWEEP_AT_START_UNLESS_SECONDS);
      timer = setInterval(() => sweep(SWEEP_EVERY_SECONDS), SWEEP_ASK_EVERY_MS);
      timer.unref();
    },
    stop() {
      clearInterval(timer);
      return sweeping;
    },
  });

  app.get(
    '/media/:id/:variant',
    {
      schema: {
        tags: ['media'],
        summary:
          '`thumb` and `display` of a public photo for anyone; the `original`, and photos that are ' +
          'hidden or of an observation the public does not see, only for its observer and experts. ' +
          'Where photos are on S3 with S3_DELIVERY=redirect, a 302 to a short-lived signed URL',
        params: Type.Object({
          id: Type.String({ format: 'uuid' }),
          variant: Type.Enum(PHOTO_VARIANTS),
        }),
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const variant: PhotoVariant = request.params.variant;
      const row = await media.findForServing(id);
      const file = row?.variants.find((v) => v === variant || v.startsWith(`${variant}.`));
      const restricted =
        variant === 'original' || row?.hidden_at != null || Boolean(row?.not_public);
      const allowed =
        row &&
        (!restricted ||
          canSeeOriginalPhoto(request.user, {
            uploadedBy: row.uploaded_by,
            observerId: row.observer_id,
          }));
      if (!row || !file || !allowed) throw new DomainError('media.notFound', { id, variant });

      // `display` alone is a WebP (as `thumb`); else the variant names its extension.
      const extension = file.includes('.') ? file.slice(file.indexOf('.') + 1) : 'webp';
      const name = `${variant}.${extension}`;
      const type =
        variant === 'original' ? row.mime_type : (MIME_OF_EXTENSION[extension] ?? 'image/webp');
      const cacheControl = restricted ? PRIVATE_MEDIA_CACHE : PUBLIC_MEDIA_CACHE;
      if (redirect && mediaStore.signedUrl) {
        // The signed URL is good for a short while: the redirect itself is never kept.
        const url = await mediaStore.signedUrl(row.storage_key, name, {
          seconds: signedUrlSeconds,
          contentType: type,
          cacheControl,
        });
        return reply.header('cache-control', PRIVATE_MEDIA_CACHE).redirect(url, 302);
      }
      const etag = `"${id}-${variant}"`;
      reply
        .header('etag', etag)
        .header('cache-control', cacheControl)
        .header('x-content-type-options', 'nosniff');
      if (request.headers['if-none-match'] === etag) return reply.code(304).send();
      const stored = await mediaStore.open(row.storage_key, name);
      if (!stored) throw new DomainError('media.notFound', { id, variant });
      return reply.type(type).header('content-length', stored.size).send(stored.stream);
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
      if (!photo) throw new DomainError('upload.fileMissing', { field: 'photo' });
      await inspectPhoto(photo.bytes, `Photo (${photo.filename})`);
      return readMetadata(photo.bytes);
    },
  );
}
