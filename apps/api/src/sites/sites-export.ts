import { Readable } from 'node:stream';
import { ZipFile } from 'yazl';
import type { Locale } from '@citizen/shared';
import type { Config } from '../config/config.js';
import {
  emlXml,
  headerLine,
  licenceUrl,
  OCCURRENCE_COLUMNS,
  type Dataset,
  type OccurrenceRow,
} from '../exports/darwin-core.js';
import { DWC, OCCURRENCE_ROW_TYPE } from '../exports/dwc-terms.js';
import {
  EXPORT_CHUNK_SIZE,
  withPublishableNames,
  type ExportContext,
  type ExportsService,
} from '../exports/exports.js';
import { csvField, csvLine, customCell, tsvField } from '../exports/tabular.js';
import { DomainError } from '../http/errors.js';
import type { Viewer } from '../observations/filters.js';
import type { ObservationRecord } from '../observations/listing.repository.js';
import type { ListingService } from '../observations/listing.service.js';
import { safeObserverName } from '../users/public-name.js';
import { orderedFields } from './forms.js';
import type { SiteExportsRepository, VisitExportRow } from './site-exports.repository.js';
import type { SitePhotosRepository } from './site-photos.repository.js';
import type { SiteTypesRepository } from './site-types.repository.js';

/**
 * Exports of a site programme: its sites and its visits as CSV (the forms' fields as columns),
 * the species seen during visits as CSV, everything as GeoJSON, and a Darwin Core Archive with
 * the visits as sampling events (Event core) and the species as occurrences of them.
 *
 * They reuse the observation exports' helpers (exports/): the programme checks and dataset
 * description, the CSV and TSV fields, the occurrence columns and eml.xml, and the listing's
 * records, so the species follow the observation exports' rules (blurring, hidden, validated
 * only). A site locates its visits exactly: a species whose point is generalised for the viewer
 * (a sensitive taxon) is left out of these exports, not tied to a site; it is in the
 * programme's observation exports, blurred.
 */

const EVENT_ROW_TYPE = 'http://rs.tdwg.org/dwc/terms/Event';
const dwc = (name: string) => `http://rs.tdwg.org/dwc/terms/${name}`;
const dcterms = (name: string) => `http://purl.org/dc/terms/${name}`;

type SpeciesRow = OccurrenceRow & { visitId: number };

const round7 = (n: number) => Math.round(n * 1e7) / 1e7;
const round6 = (n: number) => Math.round(n * 1e6) / 1e6;

type Column<R> = { term: string; value: (row: R, dataset: Dataset) => string | number | null };

/** event.txt: one row per visit; the first column is the event id. */
export const EVENT_COLUMNS: Column<VisitExportRow>[] = [
  { term: dwc('eventID'), value: (v) => v.uuid },
  { term: dwc('eventDate'), value: (v) => v.visited_on },
  { term: dwc('eventTime'), value: (v) => v.visited_time },
  { term: dwc('samplingProtocol'), value: (v) => v.type_name },
  { term: dwc('eventRemarks'), value: (v) => v.comment },
  {
    term: dwc('dynamicProperties'),
    value: (v) =>
      v.custom_data && Object.keys(v.custom_data).length > 0 ? JSON.stringify(v.custom_data) : null,
  },
  { term: dwc('locationID'), value: (v) => v.site_uuid },
  { term: dwc('locality'), value: (v) => v.site_name },
  { term: DWC.decimalLatitude, value: (v) => round7(v.lat) },
  { term: DWC.decimalLongitude, value: (v) => round7(v.lon) },
  { term: DWC.geodeticDatum, value: () => 'EPSG:4326' },
  { term: DWC.datasetID, value: (_, d) => d.uuid },
  { term: DWC.datasetName, value: (_, d) => d.title },
  { term: DWC.institutionCode, value: (_, d) => d.siteName },
  { term: dcterms('license'), value: (_, d) => licenceUrl(d.licence) },
  { term: dcterms('modified'), value: (v) => new Date(v.updated_at).toISOString() },
  { term: dcterms('references'), value: (v, d) => `${d.publicUrl}/api/sites/${v.site_id}` },
];

/** meta.xml: the Event core and the Occurrence extension (its rows keyed by event id). */
export function eventMetaXml(): string {
  const fields = (columns: { term: string }[], first: number) =>
    columns.map((c, i) => `    <field index="${i + first}" term="${c.term}"/>`).join('\n');
  const text = `encoding="UTF-8" fieldsTerminatedBy="\\t" linesTerminatedBy="\\n" fieldsEnclosedBy="" ignoreHeaderLines="1"`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<archive xmlns="http://rs.tdwg.org/dwc/text/" metadata="eml.xml">
  <core rowType="${EVENT_ROW_TYPE}" ${text}>
    <files>
      <location>event.txt</location>
    </files>
    <id index="0"/>
${fields(EVENT_COLUMNS, 0)}
  </core>
  <extension rowType="${OCCURRENCE_ROW_TYPE}" ${text}>
    <files>
      <location>occurrence.txt</location>
    </files>
    <coreid index="0"/>
${fields(OCCURRENCE_COLUMNS, 1)}
  </extension>
</archive>
`;
}

const streamOf = (chunks: AsyncIterable<string>) =>
  Readable.from(
    (async function* () {
      for await (const chunk of chunks) yield Buffer.from(chunk);
    })(),
    { objectMode: false, highWaterMark: 64 * 1024 },
  );

export type SiteExportContext = ExportContext & {
  programId: number;
  siteFields: string[];
  visitFields: string[];
};

type Deps = {
  repository: SiteExportsRepository;
  siteTypes: SiteTypesRepository;
  sitePhotos: SitePhotosRepository;
  exports: ExportsService;
  listing: ListingService;
  config: Config;
};

export function createSiteExports({
  repository,
  siteTypes,
  sitePhotos,
  exports,
  listing,
  config,
}: Deps) {
  const mediaUrl = (id: string) => `${config.publicUrl}/api/media/${id}/display`;

  /** The species of visits the viewer may tie to a site, chunk by chunk. */
  async function* species(ctx: SiteExportContext): AsyncGenerator<SpeciesRow[]> {
    for await (const chunk of listing.records(
      ctx.filter,
      ctx.viewer,
      ctx.lang,
      EXPORT_CHUNK_SIZE,
    )) {
      const exact = chunk.filter((r) => !r.blurred);
      if (exact.length === 0) continue;
      const visitOf = await repository.visitsOfObservations(exact.map((r) => r.id));
      yield exact
        .filter((r) => visitOf.has(r.id))
        .map((r: ObservationRecord) => ({
          ...withPublishableNames(r),
          lon: round6(r.lon),
          lat: round6(r.lat),
          uncertainty: r.coordinate_uncertainty_m,
          countryCode: null,
          visitId: visitOf.get(r.id)!,
        }));
    }
  }

  async function photoUrlsOf(link: 'site_media' | 'visit_media', ids: number[]) {
    const photos = await sitePhotos.photos(link, ids);
    return (id: number) => (photos.get(id) ?? []).map((p) => mediaUrl(p.id)).join(' | ');
  }

  async function* sitesCsv(ctx: SiteExportContext): AsyncGenerator<string> {
    const header = [
      'id',
      'uuid',
      'program',
      'site_type',
      'name',
      'longitude',
      'latitude',
      'creator',
      'visit_count',
      'first_visit_on',
      'last_visit_on',
      'photos',
      'created_at',
      'updated_at',
      ...ctx.siteFields.map((f) => `custom.${f}`),
    ];
    yield csvLine(header.map((h) => csvField(h)));
    const rows = await repository.sites(ctx.programId);
    const photos = await photoUrlsOf(
      'site_media',
      rows.map((r) => r.id),
    );
    let text = '';
    for (const s of rows) {
      const custom = s.custom_data ?? {};
      text += csvLine([
        csvField(s.id),
        csvField(s.uuid),
        csvField(ctx.slug),
        csvField(s.type_name, true),
        csvField(s.name, true),
        csvField(round7(s.lon)),
        csvField(round7(s.lat)),
        csvField(safeObserverName(s.creator), true),
        csvField(s.visit_count),
        csvField(s.first_visit_on),
        csvField(s.last_visit_on),
        csvField(photos(s.id)),
        csvField(new Date(s.created_at).toISOString()),
        csvField(new Date(s.updated_at).toISOString()),
        ...ctx.siteFields.map((f) => csvField(customCell(custom[f]), true)),
      ]);
    }
    yield text;
  }

  async function* visitsCsv(ctx: SiteExportContext): AsyncGenerator<string> {
    const header = [
      'id',
      'event_id',
      'site_id',
      'site_name',
      'site_type',
      'longitude',
      'latitude',
      'visited_on',
      'visited_time',
      'observer',
      'comment',
      'species_count',
      'photos',
      'created_at',
      'updated_at',
      ...ctx.visitFields.map((f) => `custom.${f}`),
    ];
    yield csvLine(header.map((h) => csvField(h)));
    const rows = await repository.visits(ctx.programId);
    const ids = rows.map((v) => v.id);
    const [photos, counts] = await Promise.all([
      photoUrlsOf('visit_media', ids),
      repository.speciesCounts(ids),
    ]);
    let text = '';
    for (const v of rows) {
      const custom = v.custom_data ?? {};
      text += csvLine([
        csvField(v.id),
        csvField(v.uuid),
        csvField(v.site_id),
        csvField(v.site_name, true),
        csvField(v.type_name, true),
        csvField(round7(v.lon)),
        csvField(round7(v.lat)),
        csvField(v.visited_on),
        csvField(v.visited_time ? v.visited_time.slice(0, 5) : null),
        csvField(safeObserverName(v.observer), true),
        csvField(v.comment, true),
        csvField(counts.get(v.id) ?? 0),
        csvField(photos(v.id)),
        csvField(new Date(v.created_at).toISOString()),
        csvField(new Date(v.updated_at).toISOString()),
        ...ctx.visitFields.map((f) => csvField(customCell(custom[f]), true)),
      ]);
    }
    yield text;
  }

  async function* speciesCsv(ctx: SiteExportContext): AsyncGenerator<string> {
    const header = [
      'id',
      'visit_id',
      'site_id',
      'site_name',
      'observed_on',
      'observed_time',
      'cd_nom',
      'cd_ref',
      'scientific_name',
      'vernacular_name',
      'count',
      'longitude',
      'latitude',
      'coordinate_uncertainty_m',
      'validation_status',
      'observer',
      'comment',
      'photos',
      ...ctx.customFields.map((f) => `custom.${f}`),
    ];
    yield csvLine(header.map((h) => csvField(h)));
    const visitRows = new Map((await repository.visits(ctx.programId)).map((v) => [v.id, v]));
    for await (const chunk of species(ctx)) {
      let text = '';
      for (const r of chunk) {
        const visit = visitRows.get(r.visitId);
        const custom = r.custom_data ?? {};
        text += csvLine([
          csvField(r.id),
          csvField(r.visitId),
          csvField(visit?.site_id ?? null),
          csvField(visit?.site_name ?? null, true),
          csvField(r.observed_on),
          csvField(r.observed_time),
          csvField(r.cd_nom),
          csvField(r.cd_ref),
          csvField(r.scientific_name),
          csvField(r.name, true),
          csvField(r.count),
          csvField(r.lon),
          csvField(r.lat),
          csvField(r.uncertainty),
          csvField(r.validation_status),
          csvField(r.observer, true),
          csvField(r.comment, true),
          csvField(r.photos.map((p) => mediaUrl(p.id)).join(' | ')),
          ...ctx.customFields.map((f) => csvField(customCell(custom[f]), true)),
        ]);
      }
      yield text;
    }
  }

  async function* geojson(ctx: SiteExportContext): AsyncGenerator<string> {
    const siteRows = await repository.sites(ctx.programId);
    const visitRows = await repository.visits(ctx.programId);
    const speciesByVisit = new Map<number, object[]>();
    for await (const chunk of species(ctx)) {
      for (const r of chunk) {
        speciesByVisit.set(r.visitId, [
          ...(speciesByVisit.get(r.visitId) ?? []),
          {
            id: r.id,
            cdNom: r.cd_nom,
            scientificName: r.scientific_name,
            name: r.name,
            count: r.count,
            observedTime: r.observed_time,
            validationStatus: r.validation_status,
            comment: r.comment,
          },
        ]);
      }
    }
    const [sitePhotos, visitPhotos] = await Promise.all([
      photoUrlsOf(
        'site_media',
        siteRows.map((s) => s.id),
      ),
      photoUrlsOf(
        'visit_media',
        visitRows.map((v) => v.id),
      ),
    ]);
    const split = (urls: string) => (urls ? urls.split(' | ') : []);
    yield '{"type":"FeatureCollection","features":[';
    let first = true;
    for (const s of siteRows) {
      const feature = {
        type: 'Feature',
        id: s.id,
        geometry: { type: 'Point', coordinates: [round7(s.lon), round7(s.lat)] },
        properties: {
          uuid: s.uuid,
          program: ctx.slug,
          name: s.name,
          siteType: s.type_name,
          creator: safeObserverName(s.creator),
          customData: s.custom_data ?? {},
          photos: split(sitePhotos(s.id)),
          createdAt: new Date(s.created_at).toISOString(),
          visits: visitRows
            .filter((v) => v.site_id === s.id)
            .map((v) => ({
              id: v.id,
              eventId: v.uuid,
              visitedOn: v.visited_on,
              visitedTime: v.visited_time ? v.visited_time.slice(0, 5) : null,
              observer: safeObserverName(v.observer),
              comment: v.comment,
              customData: v.custom_data ?? {},
              photos: split(visitPhotos(v.id)),
              species: speciesByVisit.get(v.id) ?? [],
            })),
        },
      };
      yield (first ? '' : ',') + JSON.stringify(feature);
      first = false;
    }
    yield ']}\n';
  }

  function dwca(ctx: SiteExportContext): Readable {
    const coverage = { from: null as string | null, to: null as string | null };
    const line = (values: (string | number | null)[]) => `${values.map(tsvField).join('\t')}\n`;
    let eventIds = new Map<number, string>();

    async function* eventChunks(): AsyncGenerator<string> {
      yield headerLine(EVENT_COLUMNS);
      const rows = await repository.visits(ctx.programId);
      eventIds = new Map(rows.map((v) => [v.id, v.uuid]));
      let text = '';
      for (const v of rows) {
        if (!coverage.from || v.visited_on < coverage.from) coverage.from = v.visited_on;
        if (!coverage.to || v.visited_on > coverage.to) coverage.to = v.visited_on;
        text += line(EVENT_COLUMNS.map((c) => c.value(v, ctx.dataset)));
      }
      yield text;
    }

    async function* occurrenceChunks(): AsyncGenerator<string> {
      yield headerLine(OCCURRENCE_COLUMNS, true);
      for await (const chunk of species(ctx)) {
        let text = '';
        for (const r of chunk) {
          const eventId = eventIds.get(r.visitId);
          if (!eventId) continue;
          text += line([eventId, ...OCCURRENCE_COLUMNS.map((c) => c.value(r, ctx.dataset))]);
        }
        yield text;
      }
    }

    const zip = new ZipFile();
    const mtime = new Date();
    zip.addReadStreamLazy('event.txt', { mtime }, (cb) => cb(null, streamOf(eventChunks())));
    zip.addReadStreamLazy('occurrence.txt', { mtime }, (cb) =>
      cb(null, streamOf(occurrenceChunks())),
    );
    zip.addBuffer(Buffer.from(eventMetaXml()), 'meta.xml', { mtime });
    zip.addReadStreamLazy('eml.xml', { mtime }, (cb) =>
      cb(null, Readable.from([Buffer.from(emlXml(ctx.dataset, coverage))])),
    );
    zip.end();
    return zip.outputStream as Readable;
  }

  return {
    /** Checks the programme (a site programme the viewer may read) and its forms' fields. */
    async prepare(programId: number, viewer: Viewer, lang: Locale): Promise<SiteExportContext> {
      const ctx = await exports.prepare(programId, {}, viewer, lang);
      const program = await siteTypes.programForSites(programId, null);
      if (program?.kind !== 'sites') {
        throw new DomainError('program.notSiteProgram', { id: programId });
      }
      const types = await siteTypes.siteTypes(programId);
      const union = (forms: [unknown, unknown][]) => [
        ...new Set(forms.flatMap(([schema, ui]) => orderedFields(schema, ui))),
      ];
      return {
        ...ctx,
        programId,
        siteFields: union(types.map((t) => [t.site_json_schema, t.site_ui_schema])),
        visitFields: union(types.map((t) => [t.visit_json_schema, t.visit_ui_schema])),
      };
    },
    sitesCsv: (ctx: SiteExportContext) => streamOf(sitesCsv(ctx)),
    visitsCsv: (ctx: SiteExportContext) => streamOf(visitsCsv(ctx)),
    speciesCsv: (ctx: SiteExportContext) => streamOf(speciesCsv(ctx)),
    geojson: (ctx: SiteExportContext) => streamOf(geojson(ctx)),
    dwca,
  };
}

export type SiteExports = ReturnType<typeof createSiteExports>;
