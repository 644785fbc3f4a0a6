import { inflateRawSync } from 'node:zlib';
import { DOMParser } from '@xmldom/xmldom';
import { sql, type Kysely } from 'kysely';
import type { CurrentUser } from '../../src/auth/current-user.js';
import type { Database } from '../../src/db/database.js';
import type { DB } from '../../src/db/schema.js';
import type { App } from '../../src/http/types.js';
import { testApp } from '../app.js';

/**
 * The app, where a request may say who sends it with an `x-test-user` header (JSON of a
 * CurrentUser). The hook runs after the authentication hook, which sets request.user first.
 */
export async function readingApp(database: Database): Promise<App> {
  const app = await testApp(database);
  app.addHook('preHandler', async (request) => {
    const header = request.headers['x-test-user'];
    if (typeof header === 'string') request.user = JSON.parse(header) as CurrentUser;
  });
  return app;
}

export const asUser = (user: CurrentUser) => ({ 'x-test-user': JSON.stringify(user) });

// Mapbox Vector Tiles: a minimal protobuf reader (vector_tile.proto, version 2).

export type DecodedFeature = {
  id?: number;
  type: number;
  properties: Record<string, string | number | boolean>;
  /** Every point of the geometry, in tile coordinates. */
  points: [number, number][];
};
export type DecodedLayer = {
  name: string;
  extent: number;
  version: number;
  features: DecodedFeature[];
};

class Reader {
  pos = 0;
  constructor(
    private readonly buf: Uint8Array,
    private readonly end = buf.length,
  ) {}
  get done() {
    return this.pos >= this.end;
  }
  varint(): number {
    let result = 0;
    let shift = 1;
    for (;;) {
      const byte = this.buf[this.pos++]!;
      result += (byte & 0x7f) * shift;
      if (byte < 0x80) return result;
      shift *= 128;
    }
  }
  bytes(): Uint8Array {
    const length = this.varint();
    const bytes = this.buf.subarray(this.pos, this.pos + length);
    this.pos += length;
    return bytes;
  }
  skip(wireType: number) {
    if (wireType === 0) this.varint();
    else if (wireType === 1) this.pos += 8;
    else if (wireType === 2) this.bytes();
    else if (wireType === 5) this.pos += 4;
    else throw new Error(`unknown wire type ${wireType}`);
  }
  fields(visit: (field: number, wireType: number) => void) {
    while (!this.done) {
      const key = this.varint();
      const before = this.pos;
      visit(Math.floor(key / 8), key % 8);
      if (this.pos === before) this.skip(key % 8);
    }
  }
}

const unzigzag = (n: number) => (n % 2 === 0 ? n / 2 : -(n + 1) / 2);
const utf8 = (b: Uint8Array) => new TextDecoder().decode(b);
const packed = (b: Uint8Array) => {
  const r = new Reader(b);
  const values: number[] = [];
  while (!r.done) values.push(r.varint());
  return values;
};

function decodeValue(bytes: Uint8Array): string | number | boolean {
  const r = new Reader(bytes);
  let value: string | number | boolean = '';
  r.fields((field, wire) => {
    const view = new DataView(bytes.buffer, bytes.byteOffset + r.pos);
    if (field === 1) value = utf8(r.bytes());
    else if (field === 2 && wire === 5) {
      value = view.getFloat32(0, true);
      r.pos += 4;
    } else if (field === 3 && wire === 1) {
      value = view.getFloat64(0, true);
      r.pos += 8;
    } else if (field === 4 || field === 5) value = r.varint();
    else if (field === 6) value = unzigzag(r.varint());
    else if (field === 7) value = r.varint() === 1;
  });
  return value;
}

export function decodeMvt(buf: Uint8Array): Map<string, DecodedLayer> {
  const layers = new Map<string, DecodedLayer>();
  const tile = new Reader(buf);
  tile.fields((field) => {
    if (field !== 3) return;
    const layerBytes = tile.bytes();
    const layer: DecodedLayer = { name: '', extent: 4096, version: 1, features: [] };
    const keys: string[] = [];
    const values: (string | number | boolean)[] = [];
    const raw: { id?: number; tags: number[]; type: number; geometry: number[] }[] = [];
    const l = new Reader(layerBytes);
    l.fields((f) => {
      if (f === 15) layer.version = l.varint();
      else if (f === 1) layer.name = utf8(l.bytes());
      else if (f === 3) keys.push(utf8(l.bytes()));
      else if (f === 4) values.push(decodeValue(l.bytes()));
      else if (f === 5) layer.extent = l.varint();
      else if (f === 2) {
        const feature: { id?: number; tags: number[]; type: number; geometry: number[] } = {
          tags: [],
          type: 0,
          geometry: [],
        };
        const fr = new Reader(l.bytes());
        fr.fields((ff) => {
          if (ff === 1) feature.id = fr.varint();
          else if (ff === 2) feature.tags = packed(fr.bytes());
          else if (ff === 3) feature.type = fr.varint();
          else if (ff === 4) feature.geometry = packed(fr.bytes());
        });
        raw.push(feature);
      }
    });
    for (const f of raw) {
      const properties: Record<string, string | number | boolean> = {};
      for (let i = 0; i < f.tags.length; i += 2) {
        properties[keys[f.tags[i]!]!] = values[f.tags[i + 1]!]!;
      }
      const points: [number, number][] = [];
      let x = 0;
      let y = 0;
      for (let i = 0; i < f.geometry.length;) {
        const command = f.geometry[i]! & 0x7;
        const count = f.geometry[i]! >> 3;
        i++;
        if (command === 7) continue; // ClosePath
        for (let c = 0; c < count; c++) {
          x += unzigzag(f.geometry[i++]!);
          y += unzigzag(f.geometry[i++]!);
          points.push([x, y]);
        }
      }
      layer.features.push({
        ...(f.id !== undefined ? { id: f.id } : {}),
        type: f.type,
        properties,
        points,
      });
    }
    layers.set(layer.name, layer);
  });
  return layers;
}

// ZIP: a minimal reader of the central directory (stored and deflated entries).

export function readZip(buf: Buffer): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  if (eocd < 0) throw new Error('not a zip file: no end of central directory');
  const entries = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  for (let i = 0; i < entries; i++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error('bad central directory entry');
    const method = buf.readUInt16LE(p + 10);
    const compressedSize = buf.readUInt32LE(p + 20);
    const size = buf.readUInt32LE(p + 24);
    const nameLength = buf.readUInt16LE(p + 28);
    const extraLength = buf.readUInt16LE(p + 30);
    const commentLength = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLength);
    if (buf.readUInt32LE(local) !== 0x04034b50) throw new Error(`bad local header for ${name}`);
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const data = buf.subarray(start, start + compressedSize);
    const content = method === 8 ? inflateRawSync(data) : Buffer.from(data);
    if (content.length !== size)
      throw new Error(`${name}: size ${content.length}, expected ${size}`);
    files.set(name, content);
    p += 46 + nameLength + extraLength + commentLength;
  }
  return files;
}

/** RFC 4180 CSV: rows of fields (quoted fields may hold commas, quotes and line breaks). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (quoted) throw new Error('unterminated quoted field');
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** Parses XML, throwing on any well-formedness error. */
export function parseXml(text: string): Document {
  const errors: string[] = [];
  const document = new DOMParser({
    onError: (level: string, message: string) => {
      if (level !== 'warning') errors.push(message);
    },
  }).parseFromString(text, 'text/xml');
  if (errors.length > 0) throw new Error(`XML is not well-formed: ${errors.join('; ')}`);
  return document as unknown as Document;
}

/** The cd_nom of a taxon of the test taxonomy, by its scientific name. */
export async function cdNomOf(db: Kysely<DB>, scientificName: string): Promise<number> {
  const taxon = await db
    .selectFrom('taxa')
    .select('cd_nom')
    .where('scientific_name', '=', scientificName)
    .executeTakeFirstOrThrow();
  return taxon.cd_nom;
}

export async function addSynonym(db: Kysely<DB>, acceptedName: string): Promise<number> {
  const accepted = await db
    .selectFrom('taxa')
    .selectAll()
    .where('scientific_name', '=', acceptedName)
    .executeTakeFirstOrThrow();
  const cdNom = 990_000 + accepted.cd_nom;
  await db
    .insertInto('taxa')
    .values({
      cd_nom: cdNom,
      cd_ref: accepted.cd_ref,
      rank: accepted.rank,
      scientific_name: `${acceptedName} synonymus`,
      authority: '(Test, 1900)',
      kingdom: accepted.kingdom,
      phylum: accepted.phylum,
      class: accepted.class,
      order: accepted.order,
      family: accepted.family,
      taxref_version: accepted.taxref_version,
      created_at: new Date(),
      updated_at: new Date(),
    })
    .execute();
  return cdNom;
}

/** Inserts an observation with SQL defaults; returns its id. */
export async function insertObservation(
  db: Kysely<DB>,
  values: {
    programId: number;
    cdNom: number;
    lon: number;
    lat: number;
    observedOn: string;
    observerId?: number | null;
    observerName?: string | null;
    status?: string;
    customData?: unknown;
    comment?: string | null;
  },
): Promise<string> {
  const { rows } = await sql<{ id: string }>`
    insert into observations (program_id, cd_nom, observed_on, geom, observer_id, observer_name,
      validation_status, custom_data, comment, contact_email)
    values (${values.programId}, ${values.cdNom}, ${values.observedOn}::date,
      ST_SetSRID(ST_MakePoint(${values.lon}, ${values.lat}), 4326), ${values.observerId ?? null},
      ${values.observerName ?? null}, ${values.status ?? 'pending'},
      ${JSON.stringify(values.customData ?? {})}::jsonb, ${values.comment ?? null},
      'hidden@example.org')
    returning id`.execute(db);
  return rows[0]!.id;
}

/** A media row linked to an observation (no file: the listing only names it). */
export async function attachPhoto(db: Kysely<DB>, observationId: string, author = 'Ann Author') {
  const { rows } = await sql<{ id: string }>`
    insert into media (storage_key, mime_type, byte_size, width, height, author, licence, variants)
    values (${`test/${observationId}/${Math.random()}`}, 'image/jpeg', 1000, 1600, 1200, ${author},
      'CC-BY-4.0', '{thumb,display,original.jpg}')
    returning id`.execute(db);
  await sql`insert into observation_media (observation_id, media_id) values (${observationId}::uuid, ${rows[0]!.id}::uuid)`.execute(
    db,
  );
  return rows[0]!.id;
}
