import { describe, expect, it } from 'vitest';
import { testConfig } from '../../test/app.js';
import type { ObservationRecord } from '../observations/listing.repository.js';
import type { ListingService } from '../observations/listing.service.js';
import type { ExportsRepository } from './exports.repository.js';
import { createExportsService, type ExportContext } from './exports.js';

const record = (i: number): ObservationRecord => ({
  id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
  program_id: 1,
  program_slug: 'p',
  program_title: 'P',
  cd_nom: 1,
  cd_ref: 1,
  scientific_name: 'Parus major',
  sensitivity: 0,
  observed_on: '2024-05-01',
  observed_time: null,
  count: 1,
  lon: 4.85,
  lat: 45.77,
  blurred: false,
  coordinate_uncertainty_m: 10,
  municipality: 'Lyon',
  validation_status: 'pending',
  observer: 'Ann',
  created_at: new Date(0),
  created_key: '1970-01-01T00:00:00.000000Z',
  comment: 'x'.repeat(200),
  custom_data: {},
  updated_at: new Date(0),
  municipality_code: null,
  obscured: false,
  off_list: false,
  authority: 'Linnaeus, 1758',
  rank: 'ES',
  kingdom: 'Animalia',
  phylum: null,
  class: null,
  order: null,
  family: null,
  taxref_version: '17.0',
  name: 'Mésange charbonnière',
  photos: [],
});

/** An exports service over a listing that yields `chunks` chunks of 1000 and counts the pulls. */
function setUp(chunks: number) {
  const pulled = { count: 0 };
  const listing = {
    async *records() {
      for (let c = 0; c < chunks; c++) {
        pulled.count++;
        yield Array.from({ length: 1000 }, (_, i) => record(c * 1000 + i));
      }
    },
  } as unknown as ListingService;
  const exports = createExportsService({} as ExportsRepository, listing, testConfig());
  const ctx: ExportContext = {
    dataset: {
      uuid: '00000000-0000-4000-8000-000000000000',
      title: 'P',
      shortDescription: '',
      longDescription: '',
      licence: 'CC-BY-4.0',
      bbox: [0, 0, 1, 1],
      siteName: 'Citizen',
      publicUrl: 'http://localhost',
      programUrl: 'http://localhost/programs/1',
      language: 'fr',
    },
    slug: 'p',
    filter: {},
    viewer: { kind: 'public' },
    lang: 'fr',
    customFields: [],
    countries: false,
  };
  return { exports, ctx, pulled };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

describe('export streams', () => {
  for (const format of ['csv', 'geojson', 'dwca'] as const) {
    it(`${format}: read the observations only as fast as the reader takes them`, async () => {
      const { exports, ctx, pulled } = setUp(50);
      const reader = exports[format](ctx)[Symbol.asyncIterator]();
      await reader.next();
      await settle();
      // The reader took one piece and waits: a few chunks are read ahead, not all 50.
      expect(pulled.count).toBeGreaterThan(0);
      expect(pulled.count).toBeLessThan(format === 'dwca' ? 25 : 5);
      let bytes = 0;
      for (let next = await reader.next(); !next.done; next = await reader.next()) {
        bytes += (next.value as Buffer).length;
      }
      expect(bytes).toBeGreaterThan(0);
      expect(pulled.count).toBe(50);
    });
  }

  it('stops reading when the reader goes away', async () => {
    const { exports, ctx, pulled } = setUp(50);
    for await (const _chunk of exports.csv(ctx)) break;
    await settle();
    expect(pulled.count).toBeLessThan(5);
  });
});
