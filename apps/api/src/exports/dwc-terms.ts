/**
 * The Darwin Core and Dublin Core terms the exports use, by IRI.
 *
 * Sources (current recommended terms):
 * - Darwin Core: tdwg/dwc `vocabulary/term_versions.csv`, rows with status `recommended`
 *   (commit 4f1cb23b6b2ace64a759a42af19ec92331f9e46f, 2026-08-15).
 * - GBIF Simple Multimedia extension (rowType http://rs.gbif.org/terms/1.0/Multimedia):
 *   gbif/rs.gbif.org `extension/gbif/1.0/multimedia.xml`
 *   (commit 93c099653b5f2ca5f23fe8165cfebec23eb00cc9).
 * The integration tests check every IRI of the archive against copies of those lists.
 */

const dwc = (name: string) => `http://rs.tdwg.org/dwc/terms/${name}`;
const dcterms = (name: string) => `http://purl.org/dc/terms/${name}`;

export const OCCURRENCE_ROW_TYPE = dwc('Occurrence');
export const MULTIMEDIA_ROW_TYPE = 'http://rs.gbif.org/terms/1.0/Multimedia';

/** Occurrence core terms. */
export const DWC = {
  occurrenceID: dwc('occurrenceID'),
  basisOfRecord: dwc('basisOfRecord'),
  occurrenceStatus: dwc('occurrenceStatus'),
  eventDate: dwc('eventDate'),
  eventTime: dwc('eventTime'),
  scientificName: dwc('scientificName'),
  scientificNameAuthorship: dwc('scientificNameAuthorship'),
  taxonID: dwc('taxonID'),
  scientificNameID: dwc('scientificNameID'),
  acceptedNameUsageID: dwc('acceptedNameUsageID'),
  nameAccordingTo: dwc('nameAccordingTo'),
  nomenclaturalCode: dwc('nomenclaturalCode'),
  vernacularName: dwc('vernacularName'),
  taxonRank: dwc('taxonRank'),
  kingdom: dwc('kingdom'),
  phylum: dwc('phylum'),
  class: dwc('class'),
  order: dwc('order'),
  family: dwc('family'),
  genus: dwc('genus'),
  decimalLatitude: dwc('decimalLatitude'),
  decimalLongitude: dwc('decimalLongitude'),
  geodeticDatum: dwc('geodeticDatum'),
  coordinateUncertaintyInMeters: dwc('coordinateUncertaintyInMeters'),
  informationWithheld: dwc('informationWithheld'),
  dataGeneralizations: dwc('dataGeneralizations'),
  countryCode: dwc('countryCode'),
  municipality: dwc('municipality'),
  individualCount: dwc('individualCount'),
  occurrenceRemarks: dwc('occurrenceRemarks'),
  identificationRemarks: dwc('identificationRemarks'),
  dynamicProperties: dwc('dynamicProperties'),
  recordedBy: dwc('recordedBy'),
  identificationVerificationStatus: dwc('identificationVerificationStatus'),
  datasetID: dwc('datasetID'),
  datasetName: dwc('datasetName'),
  institutionCode: dwc('institutionCode'),
  license: dcterms('license'),
  rightsHolder: dcterms('rightsHolder'),
  modified: dcterms('modified'),
  references: dcterms('references'),
} as const;

/** GBIF Simple Multimedia terms. */
export const MULTIMEDIA = {
  type: dcterms('type'),
  format: dcterms('format'),
  identifier: dcterms('identifier'),
  references: dcterms('references'),
  created: dcterms('created'),
  creator: dcterms('creator'),
  license: dcterms('license'),
  rightsHolder: dcterms('rightsHolder'),
  publisher: dcterms('publisher'),
} as const;
