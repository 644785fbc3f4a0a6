/**
 * A Mapbox Vector Tile (version 2) encoder for point layers: what PostGIS's ST_AsMVT does, for a
 * database built without it (PGlite's PostGIS has no protobuf support). Coordinates are already
 * in tile space (0..extent).
 * Specification: https://github.com/mapbox/vector-tile-spec/tree/master/2.1
 */

export type MvtValue = string | number | boolean;

export type MvtPoint = { x: number; y: number; properties: Record<string, MvtValue | null> };

export type MvtLayer = { name: string; extent: number; features: MvtPoint[] };

class Writer {
  private buffer = new Uint8Array(1024);
  length = 0;

  private ensure(extra: number) {
    if (this.length + extra <= this.buffer.length) return;
    let size = this.buffer.length * 2;
    while (size < this.length + extra) size *= 2;
    const bigger = new Uint8Array(size);
    bigger.set(this.buffer.subarray(0, this.length));
    this.buffer = bigger;
  }

  varint(value: number) {
    this.ensure(10);
    let v = value;
    while (v >= 0x80) {
      this.buffer[this.length++] = (v % 0x80) | 0x80;
      v = Math.floor(v / 0x80);
    }
    this.buffer[this.length++] = v;
  }

  tag(field: number, wireType: number) {
    this.varint(field * 8 + wireType);
  }

  bytes(field: number, bytes: Uint8Array) {
    this.tag(field, 2);
    this.varint(bytes.length);
    this.ensure(bytes.length);
    this.buffer.set(bytes, this.length);
    this.length += bytes.length;
  }

  string(field: number, text: string) {
    this.bytes(field, new TextEncoder().encode(text));
  }

  double(field: number, value: number) {
    this.tag(field, 1);
    this.ensure(8);
    new DataView(this.buffer.buffer).setFloat64(this.length, value, true);
    this.length += 8;
  }

  packed(field: number, values: number[]) {
    const inner = new Writer();
    for (const v of values) inner.varint(v);
    this.bytes(field, inner.finish());
  }

  finish(): Uint8Array {
    return this.buffer.slice(0, this.length);
  }
}

const zigzag = (n: number) => (n < 0 ? -2 * n - 1 : 2 * n);

function encodeValue(value: MvtValue): Uint8Array {
  const w = new Writer();
  if (typeof value === 'string') w.string(1, value);
  else if (typeof value === 'boolean') {
    w.tag(7, 0);
    w.varint(value ? 1 : 0);
  } else if (Number.isSafeInteger(value)) {
    if (value >= 0) {
      w.tag(5, 0); // uint_value
      w.varint(value);
    } else {
      w.tag(6, 0); // sint_value
      w.varint(zigzag(value));
    }
  } else w.double(3, value);
  return w.finish();
}

function encodeLayer(layer: MvtLayer): Uint8Array {
  const keys = new Map<string, number>();
  const values = new Map<string, { index: number; value: MvtValue }>();
  const w = new Writer();
  w.tag(15, 0);
  w.varint(2); // version
  w.string(1, layer.name);
  for (const feature of layer.features) {
    const tags: number[] = [];
    for (const [key, value] of Object.entries(feature.properties)) {
      if (value === null) continue;
      if (!keys.has(key)) keys.set(key, keys.size);
      const valueKey = `${typeof value}:${String(value)}`;
      if (!values.has(valueKey)) values.set(valueKey, { index: values.size, value });
      tags.push(keys.get(key)!, values.get(valueKey)!.index);
    }
    const f = new Writer();
    if (tags.length > 0) f.packed(2, tags);
    f.tag(3, 0);
    f.varint(1); // POINT
    f.packed(4, [(1 & 0x7) | (1 << 3), zigzag(feature.x), zigzag(feature.y)]); // MoveTo(1)
    w.bytes(2, f.finish());
  }
  for (const key of keys.keys()) w.string(3, key);
  for (const { value } of values.values()) w.bytes(4, encodeValue(value));
  w.tag(5, 0);
  w.varint(layer.extent);
  return w.finish();
}

/** The tile as protobuf bytes; layers without features are left out. */
export function encodeTile(layers: MvtLayer[]): Uint8Array {
  const w = new Writer();
  for (const layer of layers) {
    if (layer.features.length > 0) w.bytes(3, encodeLayer(layer));
  }
  return w.finish();
}
