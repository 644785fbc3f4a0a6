import type { ObservationRecord, PhotoRow } from '../observations/listing.repository.js';
import { BLUR_CELL_METRES } from '../observations/listing.service.js';
import { DWC, MULTIMEDIA, MULTIMEDIA_ROW_TYPE, OCCURRENCE_ROW_TYPE } from './dwc-terms.js';
import { xmlEscape } from './tabular.js';

/** What the archive says about the dataset: a programme of this instance. */
export type Dataset = {
  uuid: string;
  title: string;
  shortDescription: string;
  longDescription: string;
  licence: string;
  /** [west, south, east, north] of the programme's area. */
  bbox: [number, number, number, number];
  siteName: string;
  publicUrl: string;
  programUrl: string;
  language: string;
};

export type OccurrenceRow = ObservationRecord & {
  countryCode: string | null;
  /** Blurred coordinates and the uncertainty that covers the cell; exact ones otherwise. */
  lon: number;
  lat: number;
  uncertainty: number | null;
};

const LICENCES: Record<string, { url: string; title: string }> = {
  'CC0-1.0': {
    url: 'http://creativecommons.org/publicdomain/zero/1.0/legalcode',
    title: 'Public Domain (CC0 1.0)',
  },
  'CC-BY-4.0': {
    url: 'http://creativecommons.org/licenses/by/4.0/legalcode',
    title: 'Creative Commons Attribution (CC-BY) 4.0 License',
  },
  'CC-BY-SA-4.0': {
    url: 'http://creativecommons.org/licenses/by-sa/4.0/legalcode',
    title: 'Creative Commons Attribution-ShareAlike (CC-BY-SA) 4.0 License',
  },
  'CC-BY-NC-4.0': {
    url: 'http://creativecommons.org/licenses/by-nc/4.0/legalcode',
    title: 'Creative Commons Attribution-NonCommercial (CC-BY-NC) 4.0 License',
  },
};

/** A licence as the URL of its legal code when known (GBIF asks for it), else its name. */
export function licenceUrl(licence: string | null): string | null {
  if (!licence) return null;
  return LICENCES[licence]?.url ?? licence;
}

/** The nomenclatural code governing names of a kingdom. */
export function nomenclaturalCode(kingdom: string | null): string | null {
  switch (kingdom) {
    case 'Animalia':
      return 'ICZN';
    case 'Plantae':
    case 'Fungi':
    case 'Chromista':
      return 'ICN';
    case 'Bacteria':
    case 'Archaea':
      return 'ICNP';
    default:
      return null;
  }
}

/** TAXREF rank codes (RANG) in the words of the GBIF taxon rank vocabulary. */
const RANKS: Record<string, string> = {
  KD: 'kingdom',
  SSRG: 'subkingdom',
  PH: 'phylum',
  SSPH: 'subphylum',
  CL: 'class',
  SBCL: 'subclass',
  IFCL: 'infraclass',
  OR: 'order',
  SBOR: 'suborder',
  IFOR: 'infraorder',
  SPFM: 'superfamily',
  FM: 'family',
  SBFM: 'subfamily',
  TR: 'tribe',
  SSTR: 'subtribe',
  GN: 'genus',
  SSGN: 'subgenus',
  SC: 'section',
  SBSC: 'subsection',
  SER: 'series',
  AGES: 'species aggregate',
  ES: 'species',
  SSES: 'subspecies',
  NAT: 'natio',
  VAR: 'variety',
  SVAR: 'subvariety',
  FO: 'form',
  SSFO: 'subform',
  RACE: 'race',
  CAR: 'convariety',
  CVAR: 'cultivar',
  HYB: 'hybrid',
};

export function taxonRank(rank: string): string {
  return RANKS[rank] ?? rank.toLowerCase();
}

const GENUS_AND_BELOW = new Set(
  'GN SSGN SC SBSC SER AGES ES SSES NAT VAR SVAR FO SSFO RACE CAR CVAR'.split(' '),
);

/** The genus of a name at or below the genus rank: its first word. */
export function genusOf(scientificName: string, rank: string): string | null {
  if (!GENUS_AND_BELOW.has(rank)) return null;
  return scientificName.split(/\s+/)[0] ?? null;
}

export function generalisation(sensitivity: number): string {
  const km = (BLUR_CELL_METRES[sensitivity] ?? BLUR_CELL_METRES[3]) / 1000;
  return `Coordinates generalised to the centre of a ${km} km × ${km} km cell of the EEA reference grid (EPSG:3035); municipality withheld`;
}

/** Why an off-list observation's identification deserves a validator's look. */
const OFF_LIST_REMARK =
  "Species not in the programme's species list: the observer chose it from the whole taxonomy";

type Column<R> = { term: string; value: (row: R, dataset: Dataset) => string | number | null };

/** The columns of occurrence.txt; the first is the record id. */
export const OCCURRENCE_COLUMNS: Column<OccurrenceRow>[] = [
  { term: DWC.occurrenceID, value: (r) => r.id },
  { term: DWC.basisOfRecord, value: () => 'HumanObservation' },
  { term: DWC.occurrenceStatus, value: () => 'present' },
  { term: DWC.eventDate, value: (r) => r.observed_on },
  { term: DWC.eventTime, value: (r) => r.observed_time },
  { term: DWC.scientificName, value: (r) => fullName(r) },
  { term: DWC.scientificNameAuthorship, value: (r) => r.authority },
  { term: DWC.taxonID, value: (r) => r.cd_nom },
  { term: DWC.scientificNameID, value: (r) => `https://inpn.mnhn.fr/espece/cd_nom/${r.cd_nom}` },
  { term: DWC.acceptedNameUsageID, value: (r) => r.cd_ref },
  {
    term: DWC.nameAccordingTo,
    value: (r) => (r.taxref_version ? `TAXREF v${r.taxref_version}` : null),
  },
  { term: DWC.nomenclaturalCode, value: (r) => nomenclaturalCode(r.kingdom) },
  { term: DWC.vernacularName, value: (r) => (r.name !== r.scientific_name ? r.name : null) },
  { term: DWC.taxonRank, value: (r) => taxonRank(r.rank) },
  { term: DWC.kingdom, value: (r) => r.kingdom },
  { term: DWC.phylum, value: (r) => r.phylum },
  { term: DWC.class, value: (r) => r.class },
  { term: DWC.order, value: (r) => r.order },
  { term: DWC.family, value: (r) => r.family },
  { term: DWC.genus, value: (r) => genusOf(r.scientific_name, r.rank) },
  { term: DWC.decimalLatitude, value: (r) => r.lat },
  { term: DWC.decimalLongitude, value: (r) => r.lon },
  { term: DWC.geodeticDatum, value: () => 'EPSG:4326' },
  { term: DWC.coordinateUncertaintyInMeters, value: (r) => r.uncertainty },
  {
    term: DWC.informationWithheld,
    value: (r) =>
      r.blurred ? 'Exact coordinates and municipality withheld: sensitive record' : null,
  },
  {
    term: DWC.dataGeneralizations,
    value: (r) => (r.blurred ? generalisation(r.sensitivity) : null),
  },
  { term: DWC.countryCode, value: (r) => r.countryCode },
  { term: DWC.municipality, value: (r) => (r.blurred ? null : r.municipality) },
  { term: DWC.individualCount, value: (r) => r.count },
  { term: DWC.occurrenceRemarks, value: (r) => r.comment },
  { term: DWC.recordedBy, value: (r) => r.observer },
  { term: DWC.identificationVerificationStatus, value: (r) => r.validation_status },
  { term: DWC.identificationRemarks, value: (r) => (r.off_list ? OFF_LIST_REMARK : null) },
  // The flag for machines, by the name the CSV (off_list) and GeoJSON (offList) exports give it.
  { term: DWC.dynamicProperties, value: (r) => JSON.stringify({ offList: r.off_list }) },
  { term: DWC.license, value: (_, d) => licenceUrl(d.licence) },
  { term: DWC.rightsHolder, value: (r, d) => r.observer ?? d.siteName },
  { term: DWC.datasetID, value: (_, d) => d.uuid },
  { term: DWC.datasetName, value: (_, d) => d.title },
  { term: DWC.institutionCode, value: (_, d) => d.siteName },
  { term: DWC.modified, value: (r) => r.updated_at.toISOString() },
  { term: DWC.references, value: (r, d) => `${d.publicUrl}/api/observations/${r.id}` },
];

export type MultimediaRow = { observationId: string; photo: PhotoRow };

/** The columns of multimedia.txt after the first, the core id. */
export const MULTIMEDIA_COLUMNS: Column<MultimediaRow>[] = [
  { term: MULTIMEDIA.type, value: () => 'StillImage' },
  { term: MULTIMEDIA.format, value: () => 'image/webp' },
  {
    term: MULTIMEDIA.identifier,
    value: (m, d) => `${d.publicUrl}/api/media/${m.photo.id}/display`,
  },
  {
    term: MULTIMEDIA.references,
    value: (m, d) => `${d.publicUrl}/api/observations/${m.observationId}`,
  },
  {
    term: MULTIMEDIA.created,
    value: (m) => (m.photo.taken_at ? new Date(m.photo.taken_at).toISOString() : null),
  },
  { term: MULTIMEDIA.creator, value: (m) => m.photo.author },
  { term: MULTIMEDIA.license, value: (m) => licenceUrl(m.photo.licence) },
  { term: MULTIMEDIA.rightsHolder, value: (m) => m.photo.author },
  { term: MULTIMEDIA.publisher, value: (_, d) => d.siteName },
];

function fullName(r: ObservationRecord): string {
  return r.authority ? `${r.scientific_name} ${r.authority}` : r.scientific_name;
}

/** meta.xml: every column of both files mapped to its term (tdwg_dwc_text.xsd). */
export function metaXml(): string {
  const fields = (columns: { term: string }[], first: number) =>
    columns.map((c, i) => `    <field index="${i + first}" term="${c.term}"/>`).join('\n');
  const files = (location: string) =>
    `    <files>\n      <location>${location}</location>\n    </files>`;
  const text = `encoding="UTF-8" fieldsTerminatedBy="\\t" linesTerminatedBy="\\n" fieldsEnclosedBy="" ignoreHeaderLines="1"`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<archive xmlns="http://rs.tdwg.org/dwc/text/" metadata="eml.xml">
  <core rowType="${OCCURRENCE_ROW_TYPE}" ${text}>
${files('occurrence.txt')}
    <id index="0"/>
${fields(OCCURRENCE_COLUMNS, 0)}
  </core>
  <extension rowType="${MULTIMEDIA_ROW_TYPE}" ${text}>
${files('multimedia.txt')}
    <coreid index="0"/>
${fields(MULTIMEDIA_COLUMNS, 1)}
  </extension>
</archive>
`;
}

/** The header line of a data file: each column's term name. */
export function headerLine(columns: { term: string }[], withCoreId = false): string {
  const names = columns.map((c) => c.term.slice(c.term.lastIndexOf('/') + 1));
  return `${(withCoreId ? ['coreid', ...names] : names).join('\t')}\n`;
}

/** eml.xml, after the GBIF metadata profile (EML 2.1.1). */
export function emlXml(
  dataset: Dataset,
  coverage: { from: string | null; to: string | null },
  now = new Date(),
): string {
  const x = xmlEscape;
  const licence = LICENCES[dataset.licence];
  const rights = licence
    ? `This work is licensed under a <ulink url="${x(licence.url)}"><citetitle>${x(licence.title)}</citetitle></ulink>.`
    : `Licence: ${x(dataset.licence)}`;
  const paragraphs = [dataset.shortDescription, ...dataset.longDescription.split(/\n\s*\n/)]
    .map((p) => p.replace(/<[^>]*>/g, ' ').trim())
    .filter((p) => p !== '')
    .map((p) => `      <para>${x(p)}</para>`)
    .join('\n');
  const [west, south, east, north] = dataset.bbox;
  const agent = `<organizationName>${x(dataset.siteName)}</organizationName>
      <onlineUrl>${x(dataset.publicUrl)}</onlineUrl>`;
  const temporal =
    coverage.from && coverage.to
      ? `
      <temporalCoverage>
        <rangeOfDates>
          <beginDate><calendarDate>${coverage.from}</calendarDate></beginDate>
          <endDate><calendarDate>${coverage.to}</calendarDate></endDate>
        </rangeOfDates>
      </temporalCoverage>`
      : '';
  return `<?xml version="1.0" encoding="UTF-8"?>
<eml:eml xmlns:eml="eml://ecoinformatics.org/eml-2.1.1"
  xmlns:dc="http://purl.org/dc/terms/"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xsi:schemaLocation="eml://ecoinformatics.org/eml-2.1.1 http://rs.gbif.org/schema/eml-gbif-profile/1.2/eml.xsd"
  packageId="${dataset.uuid}" system="http://gbif.org" scope="system" xml:lang="${dataset.language}">
  <dataset>
    <alternateIdentifier>${dataset.uuid}</alternateIdentifier>
    <alternateIdentifier>${x(dataset.programUrl)}</alternateIdentifier>
    <title xml:lang="${dataset.language}">${x(dataset.title)}</title>
    <creator>
      ${agent}
    </creator>
    <metadataProvider>
      ${agent}
    </metadataProvider>
    <pubDate>${now.toISOString().slice(0, 10)}</pubDate>
    <language>${dataset.language}</language>
    <abstract>
${paragraphs || `      <para>${x(dataset.title)}</para>`}
    </abstract>
    <intellectualRights>
      <para>${rights}</para>
    </intellectualRights>
    <distribution scope="document">
      <online>
        <url function="information">${x(dataset.programUrl)}</url>
      </online>
    </distribution>
    <coverage>
      <geographicCoverage>
        <geographicDescription>The area of the programme "${x(dataset.title)}"</geographicDescription>
        <boundingCoordinates>
          <westBoundingCoordinate>${west}</westBoundingCoordinate>
          <eastBoundingCoordinate>${east}</eastBoundingCoordinate>
          <northBoundingCoordinate>${north}</northBoundingCoordinate>
          <southBoundingCoordinate>${south}</southBoundingCoordinate>
        </boundingCoordinates>
      </geographicCoverage>${temporal}
    </coverage>
    <maintenance>
      <description>
        <para>Exported from ${x(dataset.siteName)} on ${now.toISOString()}; the live data keep changing.</para>
      </description>
      <maintenanceUpdateFrequency>asNeeded</maintenanceUpdateFrequency>
    </maintenance>
    <contact>
      ${agent}
    </contact>
    <methods>
      <methodStep>
        <description>
          <para>Opportunistic observations recorded by volunteers (citizen science) with a point, a date, a taxon from TAXREF and a count, optionally photos and the answers to the programme's form.</para>
          <para>identificationVerificationStatus holds the validation status on the SINP scale (STATUT_VALID): pending (0), certain (1), probable (2), doubtful (3), invalid (4), not_assessable (5).</para>
          <para>A programme may accept species not in its species list, chosen from the whole taxonomy: such records say so in identificationRemarks, and dynamicProperties holds {"offList":true} (false for the others).</para>
          <para>The locations of sensitive taxa are generalised to the centre of a 1, 5 or 10 km cell of the EEA reference grid (EPSG:3035), as dataGeneralizations says; coordinateUncertaintyInMeters then covers the whole cell.</para>
        </description>
      </methodStep>
    </methods>
  </dataset>
</eml:eml>
`;
}
