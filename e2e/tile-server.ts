import { readFileSync } from 'node:fs';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { selfSignedCertificate } from '../deploy/test/tls.js';

/** The built-in base maps' tile hosts (apps/api/src/config/base-layers.ts), and their fixture. */
const TILE_FIXTURES: [host: string, fixture: string][] = [
  ['tile.openstreetmap.org', 'osm.png'],
  ['*.tile.opentopomap.org', 'topo.png'],
  ['data.geopf.fr', 'aerial.png'],
];
const FIXTURES = path.resolve(import.meta.dirname, 'fixtures/tiles');

const matches = (pattern: string, host: string) =>
  pattern.startsWith('*.') ? host.endsWith(pattern.slice(1)) : host === pattern;

export type TileServer = {
  /** Chromium's flags that send the tile hosts here and every other host off this machine nowhere. */
  chromiumArgs: string[];
  close(): Promise<void>;
};

/**
 * Tests never reach the internet. Chromium resolves the built-in base maps' tile hosts to this
 * HTTPS server on loopback, which answers every tile with a small fixture PNG, and no other name
 * off this machine. Done by the browser's resolver instead of Playwright routes, which would
 * pass every request of every page through the test process and turn the HTTP cache off.
 */
export async function startTileServer(dir: string): Promise<TileServer> {
  const tls = selfSignedCertificate(dir);
  const tiles = TILE_FIXTURES.map(([host, file]) => ({
    host,
    png: readFileSync(path.join(FIXTURES, file)),
  }));
  const server = createServer(
    {
      key: readFileSync(path.join(tls, 'privkey.pem')),
      cert: readFileSync(path.join(tls, 'fullchain.pem')),
    },
    (request, response) => {
      const host = (request.headers.host ?? '').replace(/:\d+$/, '');
      const tile = tiles.find((candidate) => matches(candidate.host, host));
      response.writeHead(tile ? 200 : 404, {
        'content-type': tile ? 'image/png' : 'text/plain',
        'access-control-allow-origin': '*',
      });
      response.end(tile?.png ?? 'not a tile host');
    },
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const rules = [
    ...tiles.map(({ host }) => `MAP ${host} 127.0.0.1:${port}`),
    'MAP * ~NOTFOUND',
    'EXCLUDE localhost',
    'EXCLUDE 127.0.0.1',
  ];
  return {
    chromiumArgs: [`--host-resolver-rules=${rules.join(',')}`, '--ignore-certificate-errors'],
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
