import { randomBytes } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import sharp from 'sharp';

export type Reply = { status: number; headers: http.IncomingHttpHeaders; body: string };

/** A plain HTTP(S) request, to set what fetch does not let us: source address, Content-Length. */
export function request(
  url: string,
  {
    method = 'GET',
    headers = {},
    body,
    localAddress,
    ca,
  }: {
    method?: string;
    headers?: Record<string, string>;
    body?: Buffer;
    localAddress?: string;
    ca?: string;
  } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const client = url.startsWith('https:') ? https : http;
    const req = client.request(url, { method, headers, localAddress, ca }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({
          status: res.statusCode!,
          headers: res.headers,
          body: Buffer.concat(chunks).toString(),
        }),
      );
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** A multipart/form-data body, as a browser sends it. */
export function multipart(
  fields: Record<string, string>,
  files: { name: string; filename: string; type: string; bytes: Buffer }[],
) {
  const boundary = `citizen${randomBytes(8).toString('hex')}`;
  const body = Buffer.concat([
    ...Object.entries(fields).map(([name, value]) =>
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
      ),
    ),
    ...files.flatMap((file) => [
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${file.name}"; filename="${file.filename}"\r\nContent-Type: ${file.type}\r\n\r\n`,
      ),
      file.bytes,
      Buffer.from('\r\n'),
    ]),
    Buffer.from(`--${boundary}--\r\n`),
  ]);
  return { body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** A JPEG of noise, which does not compress: about 2 MB, a phone photo's size. */
export function noisyJpeg(): Promise<Buffer> {
  const [width, height] = [1600, 1200];
  return sharp(randomBytes(width * height * 3), { raw: { width, height, channels: 3 } })
    .jpeg({ quality: 95 })
    .toBuffer();
}
