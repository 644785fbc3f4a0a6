/**
 * Reads when and where a JPEG photo was taken from its EXIF block. It runs before the photo is
 * resized in a canvas, which drops all metadata (the uploaded photo carries none).
 */

export interface PhotoFacts {
  /** The camera's local date and time, as the observation's date and time are. */
  date: string | null;
  time: string | null;
  latitude: number | null;
  longitude: number | null;
}

const NONE: PhotoFacts = { date: null, time: null, latitude: null, longitude: null };

const TAG = {
  exifPointer: 0x8769,
  gpsPointer: 0x8825,
  dateTime: 0x0132,
  dateTimeOriginal: 0x9003,
  latitudeRef: 1,
  latitude: 2,
  longitudeRef: 3,
  longitude: 4,
} as const;

const TYPE_SIZES: Record<number, number> = { 1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 7: 1, 9: 4, 10: 8 };

export function readPhotoFacts(buffer: ArrayBuffer): PhotoFacts {
  try {
    const tiff = findExif(new DataView(buffer));
    return tiff ? readTiff(tiff) : NONE;
  } catch {
    // A damaged or unusual EXIF block: the photo is still usable, only its facts are unknown.
    return NONE;
  }
}

/** The TIFF structure inside the JPEG's APP1 "Exif" segment. */
function findExif(view: DataView): DataView | undefined {
  if (view.byteLength < 4 || view.getUint16(0) !== 0xffd8) return undefined;
  let offset = 2;
  while (offset + 4 <= view.byteLength) {
    const marker = view.getUint16(offset);
    if ((marker & 0xff00) !== 0xff00 || marker === 0xffda) return undefined;
    const length = view.getUint16(offset + 2);
    if (marker === 0xffe1 && view.getUint32(offset + 4) === 0x45786966 /* "Exif" */) {
      const start = offset + 10;
      return new DataView(
        view.buffer,
        view.byteOffset + start,
        Math.min(length - 8, view.byteLength - start),
      );
    }
    offset += 2 + length;
  }
  return undefined;
}

function readTiff(tiff: DataView): PhotoFacts {
  const little = tiff.getUint16(0) === 0x4949;
  const u16 = (at: number) => tiff.getUint16(at, little);
  const u32 = (at: number) => tiff.getUint32(at, little);

  /** The entries of the IFD at `at`, each with where its value lies. */
  const readIfd = (at: number) => {
    const entries = new Map<number, { type: number; count: number; valueAt: number }>();
    const count = u16(at);
    for (let i = 0; i < count; i++) {
      const entry = at + 2 + i * 12;
      const type = u16(entry + 2);
      const valueCount = u32(entry + 4);
      const size = (TYPE_SIZES[type] ?? 1) * valueCount;
      entries.set(u16(entry), {
        type,
        count: valueCount,
        valueAt: size <= 4 ? entry + 8 : u32(entry + 8),
      });
    }
    return entries;
  };

  const ascii = (entry: { count: number; valueAt: number } | undefined) => {
    if (!entry) return null;
    let text = '';
    for (let i = 0; i < entry.count; i++) {
      const code = tiff.getUint8(entry.valueAt + i);
      if (code === 0) break;
      text += String.fromCharCode(code);
    }
    return text;
  };

  const degrees = (entry: { type: number; count: number; valueAt: number } | undefined) => {
    if (!entry || entry.type !== 5 || entry.count < 3) return null;
    const rational = (i: number) => {
      const denominator = u32(entry.valueAt + i * 8 + 4);
      return denominator === 0 ? 0 : u32(entry.valueAt + i * 8) / denominator;
    };
    return rational(0) + rational(1) / 60 + rational(2) / 3600;
  };

  const ifd0 = readIfd(u32(4));
  const exifPointer = ifd0.get(TAG.exifPointer);
  const exif = exifPointer ? readIfd(u32(exifPointer.valueAt)) : undefined;
  const stamp = ascii(exif?.get(TAG.dateTimeOriginal)) ?? ascii(ifd0.get(TAG.dateTime));
  const match = stamp ? /^(\d{4}):(\d{2}):(\d{2}) (\d{2}):(\d{2})/.exec(stamp) : null;

  let latitude: number | null = null;
  let longitude: number | null = null;
  const gpsPointer = ifd0.get(TAG.gpsPointer);
  if (gpsPointer) {
    const gps = readIfd(u32(gpsPointer.valueAt));
    const lat = degrees(gps.get(TAG.latitude));
    const lon = degrees(gps.get(TAG.longitude));
    if (lat !== null && lon !== null && !(lat === 0 && lon === 0)) {
      latitude = ascii(gps.get(TAG.latitudeRef)) === 'S' ? -lat : lat;
      longitude = ascii(gps.get(TAG.longitudeRef)) === 'W' ? -lon : lon;
    }
  }

  return {
    date: match && match[1] !== '0000' ? `${match[1]}-${match[2]}-${match[3]}` : null,
    time: match && match[1] !== '0000' ? `${match[4]}:${match[5]}` : null,
    latitude,
    longitude,
  };
}
