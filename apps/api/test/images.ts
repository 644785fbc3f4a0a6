import sharp from 'sharp';

/** A real JPEG photo with EXIF date and GPS, as a phone would send. */
export async function jpegWithGps({
  width = 1200,
  height = 900,
  lat = 45.778,
  lon = 4.853,
} = {}): Promise<Buffer> {
  const dms = (value: number) => {
    const abs = Math.abs(value);
    const d = Math.floor(abs);
    const m = Math.floor((abs - d) * 60);
    const s = Math.round(((abs - d) * 60 - m) * 60 * 100);
    return `${d}/1 ${m}/1 ${s}/100`;
  };
  return sharp({ create: { width, height, channels: 3, background: { r: 60, g: 140, b: 80 } } })
    .jpeg({ quality: 90 })
    .withExif({
      IFD0: { Make: 'Citizen', Model: 'Test camera' },
      IFD2: { DateTimeOriginal: '2026:05:14 09:30:00' },
      IFD3: {
        GPSLatitudeRef: lat >= 0 ? 'N' : 'S',
        GPSLatitude: dms(lat),
        GPSLongitudeRef: lon >= 0 ? 'E' : 'W',
        GPSLongitude: dms(lon),
      },
    })
    .toBuffer();
}

/** A PNG of random pixels, which does not compress: its size is about width × height × 3 bytes. */
export async function noisyPng(width: number, height: number): Promise<Buffer> {
  const pixels = Buffer.alloc(width * height * 3);
  for (let i = 0; i < pixels.length; i++) pixels[i] = (i * 2654435761) >>> 24;
  return sharp(pixels, { raw: { width, height, channels: 3 } })
    .png({ compressionLevel: 0 })
    .toBuffer();
}

/** A multipart/form-data body built by hand, as a browser would send it. */
export function multipart(
  fields: Record<string, string>,
  files: { field: string; filename: string; type: string; bytes: Buffer }[],
) {
  const boundary = `----citizen${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
      ),
    );
  }
  for (const file of files) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${file.field}"; filename="${file.filename}"\r\nContent-Type: ${file.type}\r\n\r\n`,
      ),
      file.bytes,
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    payload: Buffer.concat(parts),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}
