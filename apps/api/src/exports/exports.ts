import { Readable } from 'node:stream';
import { ZipFile } from 'yazl';
import type { Locale } from '@citizen/shared';
import type { Config } from '../config/config.js';
import { DomainError } from '../http/errors.js';
import {
  type ObservationFilter,
  type ResolvedFilter,
  type Viewer,
} from '../observations/filters.js';
import type { ObservationRecord } from '../observations/listing.repository.js';
import { blurredUncertainty, type ListingService } from '../observations/listing.service.js';
import { safeObserverName } from '../users/public-name.js';
import {
  emlXml,
  headerLine,
  metaXml,
  MULTIMEDIA_COLUMNS,
  OCCURRENCE_COLUMNS,
  type Dataset,
  type MultimediaRow,
  type OccurrenceRow,
} from './darwin-core.js';
import type { ExportsRepository } from './exports.repository.js';
import { csvField, csvLine, customCell, formProperties, tsvField } from './tabular.js';

/** Observations read per query: the exports hold one chunk in memory at a time. */
export const EXPORT_CHUNK_SIZE = 2000;

export type ExportContext = {
  dataset: Dataset;
  slug: string;
  filter: ResolvedFilter;
  viewer: Viewer;
  lang: Locale;
  customFields: string[];
  countries: boolean;
};

const round6 = (n: number) => Math.round(n * 1e6) / 1e6;

/** A record without the names that look like e-mail addresses (the lists never show them either). */
export const withPublishableNames = (r: ObservationRecord): ObservationRecord => ({
  ...r,
  observer: safeObserverName(r.observer),
  photos: r.photos.map((photo) => ({ ...photo, author: safeObserverName(photo.author) })),
});

/** A stream of the chunks an async generator yields, pulled only as fast as it is read. */
const streamOf = (chunks: AsyncIterable<string>) =>
  Readable.from(
    (async function* () {
      for await (const chunk of chunks) yield Buffer.from(chunk);
    })(),
    { objectMode: false, highWaterMark: 64 * 1024 },
  );

export function createExportsService(
  repository: ExportsRepository,
  listing: ListingService,
  config: Config,
) {
  /** The observations to export, with their country (when areas of kind `country` exist). */
  async function* occurrences(ctx: ExportContext, filter = ctx.filter) {
    for await (const chunk of listing.records(filter, ctx.viewer, ctx.lang, EXPORT_CHUNK_SIZE)) {
      const countries = ctx.countries
        ? await repository.countryCodes(
            chunk.map((r) => r.id),
            ctx.viewer,
          )
        : new Map();
      yield chunk.map((r): OccurrenceRow => ({
        ...withPublishableNames(r),
        lon: round6(r.lon),
        lat: round6(r.lat),
        uncertainty: r.blurred
          ? blurredUncertainty(r.coordinate_uncertainty_m, r.sensitivity)
          : r.coordinate_uncertainty_m,
        countryCode: countries.get(r.id) ?? null,
      }));
    }
  }

  const photoUrls = (r: ObservationRecord) =>
    r.photos.map((p) => `${config.publicUrl}/api/media/${p.id}/display`);

  async function* csvChunks(ctx: ExportContext): AsyncGenerator<string> {
    const header = [
      'id',
      'program',
      'observed_on',
      'observed_time',
      'cd_nom',
      'cd_ref',
      'scientific_name',
      'authority',
      'vernacular_name',
      'rank',
      'count',
      'longitude',
      'latitude',
      'coordinate_uncertainty_m',
      'location_blurred',
      'municipality',
      'municipality_code',
      'country_code',
      'validation_status',
      'off_list',
      'observer',
      'comment',
      'photos',
      'created_at',
      'updated_at',
      ...ctx.customFields.map((name) => `custom.${name}`),
    ];
    yield csvLine(header.map((h) => csvField(h)));
    for await (const chunk of occurrences(ctx)) {
      let text = '';
      for (const r of chunk) {
        const custom = r.custom_data ?? {};
        text += csvLine([
          csvField(r.id),
          csvField(ctx.slug),
          csvField(r.observed_on),
          csvField(r.observed_time),
          csvField(r.cd_nom),
          csvField(r.cd_ref),
          csvField(r.scientific_name),
          csvField(r.authority),
          csvField(r.name, true),
          csvField(r.rank),
          csvField(r.count),
          csvField(r.lon),
          csvField(r.lat),
          csvField(r.uncertainty),
          csvField(r.blurred),
          csvField(r.blurred ? null : r.municipality, true),
          csvField(r.blurred ? null : r.municipality_code),
          csvField(r.countryCode),
          csvField(r.validation_status),
          csvField(r.off_list),
          csvField(r.observer, true),
          csvField(r.comment, true),
          csvField(photoUrls(r).join(' | ')),
          csvField(r.created_at.toISOString()),
          csvField(r.updated_at.toISOString()),
          ...ctx.customFields.map((name) => csvField(customCell(custom[name]), true)),
        ]);
      }
      yield text;
    }
  }

  async function* geojsonChunks(ctx: ExportContext): AsyncGenerator<string> {
    yield '{"type":"FeatureCollection","features":[';
    let first = true;
    for await (const chunk of occurrences(ctx)) {
      const features = chunk.map((r) =>
        JSON.stringify({
          type: 'Feature',
          id: r.id,
          geometry: { type: 'Point', coordinates: [r.lon, r.lat] },
          properties: {
            program: ctx.slug,
            observedOn: r.observed_on,
            observedTime: r.observed_time,
            cdNom: r.cd_nom,
            cdRef: r.cd_ref,
            scientificName: r.scientific_name,
            name: r.name,
            count: r.count,
            coordinateUncertaintyM: r.uncertainty,
            blurred: r.blurred,
            municipality: r.blurred ? null : r.municipality,
            countryCode: r.countryCode,
            validationStatus: r.validation_status,
            offList: r.off_list,
            observer: r.observer,
            comment: r.comment,
            photos: photoUrls(r),
            createdAt: r.created_at.toISOString(),
            updatedAt: r.updated_at.toISOString(),
            customData: r.custom_data ?? {},
          },
        }),
      );
      yield (first ? '' : ',') + features.join(',');
      first = false;
    }
    yield ']}\n';
  }

  function dwcaStream(ctx: ExportContext): Readable {
    const coverage = { from: null as string | null, to: null as string | null };
    let photos = 0;
    const line = (values: (string | number | null)[]) => `${values.map(tsvField).join('\t')}\n`;

    async function* occurrenceChunks(): AsyncGenerator<string> {
      yield headerLine(OCCURRENCE_COLUMNS);
      for await (const chunk of occurrences(ctx)) {
        let text = '';
        for (const r of chunk) {
          if (!coverage.from || r.observed_on < coverage.from) coverage.from = r.observed_on;
          if (!coverage.to || r.observed_on > coverage.to) coverage.to = r.observed_on;
          photos += r.photos.length;
          text += line(OCCURRENCE_COLUMNS.map((c) => c.value(r, ctx.dataset)));
        }
        yield text;
      }
    }

    async function* multimediaChunks(): AsyncGenerator<string> {
      yield headerLine(MULTIMEDIA_COLUMNS, true);
      if (photos === 0) return;
      for await (const chunk of occurrences(ctx, { ...ctx.filter, hasPhoto: true })) {
        let text = '';
        for (const r of chunk) {
          for (const photo of r.photos) {
            const m: MultimediaRow = { observationId: r.id, photo };
            text += line([r.id, ...MULTIMEDIA_COLUMNS.map((c) => c.value(m, ctx.dataset))]);
          }
        }
        yield text;
      }
    }

    const zip = new ZipFile();
    const mtime = new Date();
    // Entries are written in order: each lazy stream starts once the one before it has ended.
    zip.addReadStreamLazy('occurrence.txt', { mtime }, (cb) =>
      cb(null, streamOf(occurrenceChunks())),
    );
    zip.addReadStreamLazy('multimedia.txt', { mtime }, (cb) =>
      cb(null, streamOf(multimediaChunks())),
    );
    zip.addBuffer(Buffer.from(metaXml()), 'meta.xml', { mtime });
    zip.addReadStreamLazy('eml.xml', { mtime }, (cb) =>
      cb(null, Readable.from([Buffer.from(emlXml(ctx.dataset, coverage))])),
    );
    zip.end();
    return zip.outputStream as Readable;
  }

  return {
    /** Checks the programme and the filter; what every export of it starts from. */
    async prepare(
      programId: number,
      filter: ObservationFilter,
      viewer: Viewer,
      lang: Locale,
    ): Promise<ExportContext> {
      const program = await repository.program(programId);
      if (!program || (viewer.kind !== 'expert' && !program.is_active)) {
        throw new DomainError('program.notActive', { id: programId });
      }
      const resolved = await listing.resolve({ ...filter, programId }, viewer);
      const [west, south, east, north] = program.bbox.map((n) => round6(Number(n)));
      return {
        dataset: {
          uuid: program.uuid,
          title: program.title,
          shortDescription: program.short_description,
          longDescription: program.long_description,
          licence: program.licence,
          bbox: [west!, south!, east!, north!],
          siteName: config.siteName,
          publicUrl: config.publicUrl,
          programUrl: `${config.publicUrl}/programs/${programId}`,
          language: lang,
        },
        slug: program.slug,
        filter: resolved,
        viewer,
        lang,
        customFields: formProperties(program.json_schema),
        countries: program.countries,
      };
    },

    csv: (ctx: ExportContext) => streamOf(csvChunks(ctx)),
    geojson: (ctx: ExportContext) => streamOf(geojsonChunks(ctx)),
    dwca: dwcaStream,
  };
}

export type ExportsService = ReturnType<typeof createExportsService>;
