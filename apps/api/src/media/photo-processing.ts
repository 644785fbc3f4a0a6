import exifr from 'exifr';
import sharp, { type Metadata } from 'sharp';
import type { PhotoMetadata } from '@citizen/shared';
import { HttpError } from '../http/errors.js';

/** Formats accepted, by what the bytes are (never by the file name or the declared type). */
const FORMATS: Record<string, { mime: string; extension: string }> = {
  jpeg: { mime: 'image/jpeg', extension: 'jpg' },
  png: { mime: 'image/png', extension: 'png' },
  webp: { mime: 'image/webp', extension: 'webp' },
  heif: { mime: 'image/heif', extension: 'heif' },
};

/** Refuse images so large that decoding them would exhaust memory (a "decompression bomb"). */
const MAX_PIXELS = 100_000_000;

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
    super(415, message);
  }
}

export async function inspectPhoto(bytes: Buffer, label: string) {
  let info: Metadata;
  try {
    info = await sharp(bytes, { limitInputPixels: MAX_PIXELS }).metadata();
  } catch {
    throw new UnsupportedImageError(`${label} is not a JPEG, PNG, WebP or AVIF image`);
  }
  const format = info.format ? FORMATS[info.format] : undefined;
  if (!format || !info.width || !info.height) {
    throw new UnsupportedImageError(`${label} is not a JPEG, PNG, WebP or AVIF image`);
  }
  if (info.width * info.height > MAX_PIXELS) {
    throw new UnsupportedImageError(`${label} has more than ${MAX_PIXELS / 1e6} million pixels`);
  }
  return { info, format };
}

export async function processPhoto(bytes: Buffer, label: string): Promise<ProcessedPhoto> {
  const { info, format } = await inspectPhoto(bytes, label);
  const image = () => sharp(bytes, { limitInputPixels: MAX_PIXELS }).rotate();
  let display: Buffer;
  let thumb: Buffer;
  try {
    [display, thumb] = await Promise.all([
      image()
        .resize(1600, 1600, { fit: 'inside', withoutEnlargement: true })
        .webp({ quality: 82 })
        .toBuffer(),
      image().resize(320, 320, { fit: 'cover' }).webp({ quality: 75 }).toBuffer(),
    ]);
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
