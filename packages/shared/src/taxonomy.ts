import { Type, type Static, type TSchema } from 'typebox';
import { Locale } from './common.js';
import { ErrorResponse } from './error-response.js';

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

/** A taxon as a picker shows it: always the accepted taxon, with its name in the asked language. */
export const TaxonHit = Type.Object({
  /** The accepted name's id (TAXREF CD_NOM); equal to cdRef. */
  cdNom: Type.Integer(),
  cdRef: Type.Integer(),
  scientificName: Type.String(),
  authority: Nullable(Type.String()),
  /** TAXREF rank code: ES species, SSES subspecies, GN genus, FM family… */
  rank: Type.String(),
  /** The preferred vernacular name in the asked language, if the taxon has one. */
  vernacularName: Nullable(Type.String()),
  family: Nullable(Type.String()),
  /** e.g. "Oiseaux" (TAXREF GROUP2_INPN). */
  observerGroup: Nullable(Type.String()),
  /** The species list's picture of this taxon, if any. */
  pictureUrl: Nullable(Type.String()),
  thumbnailUrl: Nullable(Type.String()),
  /** The name that matched a search when it is not the one shown (a synonym, another vernacular name). */
  matchedName: Nullable(Type.String()),
});
export type TaxonHit = Static<typeof TaxonHit>;

export const TAXON_SEARCH_MAX_LIMIT = 50;

export const TaxonSearchQuery = Type.Object({
  q: Type.String({ minLength: 1, maxLength: 100 }),
  lang: Type.Optional(Locale),
  /** Restricts the search to this programme's species list (the whole taxonomy when it has none). */
  program: Type.Optional(Type.Integer({ minimum: 1 })),
  limit: Type.Integer({ minimum: 1, maximum: TAXON_SEARCH_MAX_LIMIT, default: 20 }),
});
export type TaxonSearchQuery = Static<typeof TaxonSearchQuery>;

export const TaxonList = Type.Object({ items: Type.Array(TaxonHit) });
export type TaxonList = Static<typeof TaxonList>;

export const VernacularName = Type.Object({
  lang: Type.String(),
  name: Type.String(),
  preferred: Type.Boolean(),
});
export type VernacularName = Static<typeof VernacularName>;

export const TaxonName = Type.Object({
  cdNom: Type.Integer(),
  scientificName: Type.String(),
  authority: Nullable(Type.String()),
  rank: Type.String(),
});
export type TaxonName = Static<typeof TaxonName>;

export const TaxonDetail = Type.Object({
  cdNom: Type.Integer(),
  cdRef: Type.Integer(),
  scientificName: Type.String(),
  authority: Nullable(Type.String()),
  rank: Type.String(),
  /** The preferred vernacular name in the asked language (the accepted taxon's for a synonym). */
  vernacularName: Nullable(Type.String()),
  vernacularNames: Type.Array(VernacularName),
  classification: Type.Object({
    kingdom: Nullable(Type.String()),
    phylum: Nullable(Type.String()),
    class: Nullable(Type.String()),
    order: Nullable(Type.String()),
    family: Nullable(Type.String()),
  }),
  observerGroup: Nullable(Type.String()),
  /** 0 public; 1, 2, 3: public maps show a 1, 5 or 10 km cell instead of the point. */
  sensitivity: Type.Integer({ minimum: 0, maximum: 3 }),
  taxrefVersion: Nullable(Type.String()),
  /** For a synonym, the accepted name; null for an accepted name. */
  accepted: Nullable(TaxonName),
  /** For an accepted name, its synonyms. */
  synonyms: Type.Array(TaxonName),
});
export type TaxonDetail = Static<typeof TaxonDetail>;

export const TaxonParams = Type.Object({ cdNom: Type.Integer({ minimum: 1 }) });

// ---- Imports ----------------------------------------------------------------------------------

export const TAXONOMY_FORMATS = ['taxref', 'dwc'] as const;

/** Largest file a taxonomy import takes: a full TAXREF text file is about 250 MB. */
export const TAXONOMY_IMPORT_MAX_BYTES = 2_000_000_000;
/** Largest CSV file a species list import takes. */
export const SPECIES_LIST_CSV_MAX_BYTES = 20_000_000;
export type TaxonomyFormat = (typeof TAXONOMY_FORMATS)[number];

export const ImportRowError = Type.Object({
  /** 1-based line in the file (the header is line 1); 0 for a problem with the whole file. */
  line: Type.Integer({ minimum: 0 }),
  message: Type.String(),
  /** Which file, when the import has several (a Darwin Core archive). */
  file: Type.Optional(Type.String()),
});
export type ImportRowError = Static<typeof ImportRowError>;

/**
 * What an import did. With any error nothing is imported: the counts are then zero and `errors`
 * lists the bad lines (at most the first 200; `errorCount` has the total).
 */
export const ImportReport = Type.Object({
  inserted: Type.Integer(),
  updated: Type.Integer(),
  unchanged: Type.Integer(),
  /** Species list imports: taxa taken out of the list because the file no longer has them. */
  removed: Type.Integer(),
  errors: Type.Array(ImportRowError),
  errorCount: Type.Integer(),
});
export type ImportReport = Static<typeof ImportReport>;

/** The 422 answer to an import with bad rows: an error whose body is also the report. */
export const ImportRejection = Type.Object({
  ...ErrorResponse.properties,
  ...ImportReport.properties,
});
export type ImportRejection = Static<typeof ImportRejection>;

// ---- Species lists ----------------------------------------------------------------------------

export const SpeciesListSummary = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  description: Type.String(),
  taxonCount: Type.Integer(),
  /** Programmes that use the list (a used list cannot be deleted). */
  programCount: Type.Integer(),
  taxhubListId: Nullable(Type.Integer()),
  updatedAt: Type.String({ format: 'date-time' }),
});
export type SpeciesListSummary = Static<typeof SpeciesListSummary>;

export const SpeciesListEntry = Type.Object({
  cdNom: Type.Integer(),
  position: Type.Integer(),
  scientificName: Type.String(),
  vernacularName: Nullable(Type.String()),
  pictureMediaId: Nullable(Type.String({ format: 'uuid' })),
  pictureUrl: Nullable(Type.String()),
  thumbnailUrl: Nullable(Type.String()),
});
export type SpeciesListEntry = Static<typeof SpeciesListEntry>;

export const SpeciesListDetail = Type.Intersect([
  SpeciesListSummary,
  Type.Object({ taxa: Type.Array(SpeciesListEntry) }),
]);
export type SpeciesListDetail = Static<typeof SpeciesListDetail>;

export const SpeciesLists = Type.Object({ items: Type.Array(SpeciesListSummary) });
export type SpeciesLists = Static<typeof SpeciesLists>;

/** An http(s) URL, or a path on this site (not `//host/…`). */
const PictureUrl = Type.String({ pattern: '^(https?://|/[^/])', maxLength: 2000 });

export const SpeciesListTaxonInput = Type.Object(
  {
    cdNom: Type.Integer({ minimum: 1 }),
    pictureMediaId: Type.Optional(Nullable(Type.String({ format: 'uuid' }))),
    pictureUrl: Type.Optional(Nullable(PictureUrl)),
  },
  { additionalProperties: false },
);
export type SpeciesListTaxonInput = Static<typeof SpeciesListTaxonInput>;

/** Creates a list, or replaces one (PUT). `taxa` in list order; left out, a PUT keeps the taxa. */
export const SpeciesListInput = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    description: Type.Optional(Type.String({ maxLength: 5000 })),
    taxhubListId: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
    taxa: Type.Optional(Type.Array(SpeciesListTaxonInput, { maxItems: 20_000 })),
  },
  { additionalProperties: false },
);
export type SpeciesListInput = Static<typeof SpeciesListInput>;

/** One of `mediaId` or `url`; both null or left out removes the picture. */
export const SpeciesListPictureInput = Type.Object(
  {
    mediaId: Type.Optional(Nullable(Type.String({ format: 'uuid' }))),
    url: Type.Optional(Nullable(PictureUrl)),
  },
  { additionalProperties: false },
);
export type SpeciesListPictureInput = Static<typeof SpeciesListPictureInput>;

export const SpeciesListImportResult = Type.Object({
  list: SpeciesListSummary,
  report: ImportReport,
});
export type SpeciesListImportResult = Static<typeof SpeciesListImportResult>;
