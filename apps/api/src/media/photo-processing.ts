import exifr from 'exifr';
import sharp, { type Metadata } from 'sharp';
import type { PhotoMetadata } from '@citizen/shared';
import { HttpError } from '../http/errors.js';

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

export type ProcessedPhoto = {
  mime: string;
  extension: string;
  width: number;
  height: number;
  metadata: PhotoMetadata;
  /** The uploaded bytes, kept as they are (private: they may hold GPS metadata). */
  original: Buffer;
  /** Public copies, auto-oriented, metadata removed. */
  display: Buffer;
  thumb: Buffer;
};

export class UnsupportedImageError extends HttpError {
  constructor(message: string) {
    super(415, message, { code: 'unsupported_image' });
  }
}

export class ImageTooLargeError extends HttpError {
  constructor(label: string, width: number, height: number) {
    super(
      413,
      `${label} is ${width} × ${height} pixels, more than the limit of ` +
        `${MAX_IMAGE_PIXELS / 1e6} million pixels; please send a smaller image`,
      { code: 'image_too_many_pixels' },
    );
  }
}

/** "a JPEG, PNG or WebP image" */
function describe(formats: readonly string[]) {
  const names = formats.map((f) => FORMATS[f]!.name);
  return `a ${names.slice(0, -1).join(', ')}${names.length > 1 ? ' or ' : ''}${names.at(-1)} image`;
}

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
    throw new UnsupportedImageError(`${label} is not ${describe(formats)}`);
  }
  const format = info.format && formats.includes(info.format) ? FORMATS[info.format] : undefined;
  if (!format || !info.width || !info.height) {
    const what = info.format ? `a ${info.format.toUpperCase()} image, ` : '';
    throw new UnsupportedImageError(`${label} is ${what}not ${describe(formats)}`);
  }
  if (info.width * info.height > MAX_IMAGE_PIXELS) {
    throw new ImageTooLargeError(label, info.width, info.height);
  }
  return { info, format };
}

/** The decoder for an image inspectPhoto accepted, with the same pixel cap. */
export const decode = (bytes: Buffer) =>
  sharp(bytes, { limitInputPixels: MAX_IMAGE_PIXELS, sequentialRead: true });

export async function processPhoto(bytes: Buffer, label: string): Promise<ProcessedPhoto> {
  const { info, format } = await inspectPhoto(bytes, label);
  let display: Buffer;
  let thumb: Buffer;
  try {
    // One decoding of the upload; the thumbnail comes from the (smaller) display copy.
    display = await decode(bytes)
      .rotate()
      .resize(1600, 1600, { fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 82 })
      .toBuffer();
    thumb = await sharp(display)
      .resize(320, 320, { fit: 'cover' })
      .webp({ quality: 75 })
      .toBuffer();
  } catch {
    // e.g. HEIC (HEVC-coded HEIF), which this server's image library cannot decode
    throw new UnsupportedImageError(`${label} could not be decoded; please send a JPEG`);
  }
  // EXIF orientations 5 to 8 swap width and height.
  const swapped = (info.orientation ?? 1) >= 5;
  return {
    ...format,
    width: swapped ? info.height! : info.width!,
    height: swapped ? info.width! : info.height!,
    metadata: await readMetadata(bytes),
    original: bytes,
    display,
    thumb,
  };
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
