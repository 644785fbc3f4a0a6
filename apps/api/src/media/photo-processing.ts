import exifr from 'exifr';
import sharp, { type Metadata } from 'sharp';
import type { PhotoMetadata } from '@citizen/shared';
import { DomainError } from '../http/errors.js';
import { jpegWithoutMetadata } from './jpeg-metadata.js';

/** Formats accepted, by what the bytes are (never by the file name or the declared type). */
const FORMATS: Record<string, { mime: string; extension: string; name: string }> = {
  jpeg: { mime: 'image/jpeg', extension: 'jpg', name: 'JPEG' },
  png: { mime: 'image/png', extension: 'png', name: 'PNG' },
  webp: { mime: 'image/webp', extension: 'webp', name: 'WebP' },
  // sharp reads AVIF (HEIF coded with AV1); HEIC (HEVC) fails when decoded.
  heif: { mime: 'image/heif', extension: 'heif', name: 'AVIF' },
};

/** The formats of avatars and of anything else shown everywhere: no HEIF. */
export const WEB_FORMATS = ['jpeg', 'png', 'webp'] as const;

/**
 * Refuse images with more pixels than this before decoding them: a small file can hold a huge
 * image (a "decompression bomb") whose decoding would take gigabytes of memory. 50 million
 * pixels is more than the usual phone or camera photo (e.g. 8160 × 6120).
 */
export const MAX_IMAGE_PIXELS = 50_000_000;

/** The longest side of the public copy; smaller photos are never enlarged. */
export const DISPLAY_SIZE = 1600;
const THUMB_SIZE = 320;
/**
 * WebP's quickest effort: encoding a 1600 px copy takes about a quarter of the default's (4)
 * time for files about 3 % larger; the encoding was most of an upload's time.
 */
const DISPLAY_WEBP = { quality: 82, effort: 0 };
const THUMB_WEBP = { quality: 75, effort: 0 };

export type ProcessedPhoto = {
  mime: string;
  extension: string;
  width: number;
  height: number;
  metadata: PhotoMetadata;
  /** The uploaded bytes, kept as they are (private: they may hold GPS metadata). */
  original: Buffer;
  /** Public copies, auto-oriented, metadata removed. */
  display: { bytes: Buffer; extension: string };
  thumb: Buffer;
};

/** "JPEG, PNG, WebP" */
const formatNames = (formats: readonly string[]) => formats.map((f) => FORMATS[f]!.name).join(', ');

/**
 * What the bytes are, read from the header only (nothing is decoded): refused with a 4xx
 * naming the problem unless one of `formats` and at most MAX_IMAGE_PIXELS.
 */
export async function inspectPhoto(
  bytes: Buffer,
  label: string,
  formats: readonly string[] = Object.keys(FORMATS),
) {
  let info: Metadata;
  try {
    // The header only (sharp's own pixel limit would hide the size behind a generic error).
    info = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch {
    throw new DomainError('image.notImage', { label, formats: formatNames(formats) });
  }
  const format = info.format && formats.includes(info.format) ? FORMATS[info.format] : undefined;
  if (!format || !info.width || !info.height) {
    const wanted = formatNames(formats);
    throw info.format
      ? new DomainError('image.wrongFormat', {
          label,
          found: info.format.toUpperCase(),
          formats: wanted,
        })
      : new DomainError('image.notImage', { label, formats: wanted });
  }
  if (info.width * info.height > MAX_IMAGE_PIXELS) {
    throw new DomainError('image.tooManyPixels', {
      label,
      width: info.width,
      height: info.height,
      limit: MAX_IMAGE_PIXELS / 1e6,
    });
  }
  return { info, format };
}

/** The decoder for an image inspectPhoto accepted, with the same pixel cap. */
export const decode = (bytes: Buffer) =>
  sharp(bytes, { limitInputPixels: MAX_IMAGE_PIXELS, sequentialRead: true });

/**
 * Checks an upload and makes its public copies with one decoding: the display copy (at most
 * DISPLAY_SIZE, never enlarged) and the thumbnail come from the same decoded pixels. A JPEG or
 * WebP that is already small enough and upright is its own display copy, less its metadata
 * (nothing is decoded for it: it cannot be larger than the upload, nor lose quality).
 */
export async function processPhoto(bytes: Buffer, label: string): Promise<ProcessedPhoto> {
  const { info, format } = await inspectPhoto(bytes, label);
  // EXIF orientations 5 to 8 swap width and height.
  const swapped = (info.orientation ?? 1) >= 5;
  const width = swapped ? info.height! : info.width!;
  const height = swapped ? info.width! : info.height!;
  const fits = width <= DISPLAY_SIZE && height <= DISPLAY_SIZE;
  const reused = fits && (info.orientation ?? 1) === 1 ? displayAsUploaded(bytes, info) : null;
  let display: ProcessedPhoto['display'];
  let thumb: Buffer;
  try {
    if (reused) {
      display = reused;
      // JPEG decoding shrinks on load: the thumbnail costs a fraction of a full decoding.
      thumb = await decode(bytes)
        .resize(THUMB_SIZE, THUMB_SIZE, { fit: 'cover' })
        .webp(THUMB_WEBP)
        .toBuffer();
    } else {
      const oriented = decode(bytes).rotate();
      if (!fits) oriented.resize(DISPLAY_SIZE, DISPLAY_SIZE, { fit: 'inside' });
      const { data, info: raw } = await oriented.raw().toBuffer({ resolveWithObject: true });
      const pixels = () =>
        sharp(data, { raw: { width: raw.width, height: raw.height, channels: raw.channels } });
      [display, thumb] = await Promise.all([
        pixels()
          .webp(DISPLAY_WEBP)
          .toBuffer()
          .then((webp) => ({ bytes: webp, extension: 'webp' })),
        pixels().resize(THUMB_SIZE, THUMB_SIZE, { fit: 'cover' }).webp(THUMB_WEBP).toBuffer(),
      ]);
    }
  } catch {
    // e.g. HEIC (HEVC-coded HEIF), which this server's image library cannot decode
    throw new DomainError('image.undecodable', { label });
  }
  return {
    ...format,
    width,
    height,
    metadata: await readMetadata(bytes),
    original: bytes,
    display,
    thumb,
  };
}

/** The upload itself as the display copy, without metadata, when that needs no decoding. */
function displayAsUploaded(bytes: Buffer, info: Metadata): ProcessedPhoto['display'] | null {
  if (info.format === 'jpeg') {
    const stripped = jpegWithoutMetadata(bytes);
    return stripped ? { bytes: stripped, extension: 'jpg' } : null;
  }
  if (info.format === 'webp' && !info.exif && !info.xmp && !info.iptc) {
    return { bytes, extension: 'webp' };
  }
  return null;
}

/**
 * The same image without its metadata (EXIF with GPS position and camera, XMP, ICC aside),
 * oriented as it was displayed: what an anonymised original keeps.
 */
export async function withoutMetadata(bytes: Buffer): Promise<Buffer> {
  const image = decode(bytes).rotate();
  const { format } = await sharp(bytes).metadata();
  if (format === 'png') return image.png().toBuffer();
  if (format === 'webp') return image.webp({ quality: 90 }).toBuffer();
  if (format === 'heif') return image.avif({ quality: 80 }).toBuffer();
  return image.jpeg({ quality: 92 }).toBuffer();
}

/** The date taken and GPS position from EXIF, when the photo has them. */
export async function readMetadata(bytes: Buffer): Promise<PhotoMetadata> {
  try {
    const exif = (await exifr.parse(bytes, {
      gps: true,
      pick: [
        'DateTimeOriginal',
        'CreateDate',
        'GPSLatitude',
        'GPSLongitude',
        'GPSLatitudeRef',
        'GPSLongitudeRef',
      ],
    })) as
      | { DateTimeOriginal?: Date; CreateDate?: Date; latitude?: number; longitude?: number }
      | undefined;
    const taken = exif?.DateTimeOriginal ?? exif?.CreateDate;
    const valid = (n: number | undefined, limit: number) =>
      typeof n === 'number' && Number.isFinite(n) && Math.abs(n) <= limit ? n : null;
    return {
      takenAt: taken instanceof Date && !Number.isNaN(taken.getTime()) ? taken.toISOString() : null,
      latitude: valid(exif?.latitude, 90),
      longitude: valid(exif?.longitude, 180),
    };
  } catch {
    return { takenAt: null, latitude: null, longitude: null };
  }
}

/** The files a processed photo is stored as, by name, and the variants its media row lists. */
export function photoFiles(photo: ProcessedPhoto): {
  files: Record<string, Buffer>;
  variants: string[];
} {
  const display = `display.${photo.display.extension}`;
  const original = `original.${photo.extension}`;
  return {
    files: {
      [original]: photo.original,
      [display]: photo.display.bytes,
      'thumb.webp': photo.thumb,
    },
    // `display` alone is the WebP copy (rows of earlier versions say so too).
    variants: ['thumb', photo.display.extension === 'webp' ? 'display' : display, original],
  };
}
