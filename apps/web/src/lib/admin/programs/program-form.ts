import type {
  AdminProgram,
  CustomForm,
  PolygonalGeometry,
  ProgramInput,
  ProgramPatch,
} from '@citizen/shared';

/** The programme editor's fields, as its inputs hold them ('' for an empty date or choice). */
export interface ProgramDraft {
  slug: string;
  title: string;
  shortDescription: string;
  longDescription: string;
  kind: 'observations' | 'sites';
  projectId: string;
  speciesListId: string;
  registrationRequired: boolean;
  startsOn: string;
  endsOn: string;
  licence: string;
  publicValidatedOnly: boolean;
  /** Every observation is blurred at least at this sensitivity level (0 to 3). */
  minSensitivity: number;
  /** With a species list: observers may also pick a taxon that is not on it. */
  allowOffList: boolean;
  isActive: boolean;
}

/** Licences offered for a programme's data (any other SPDX identifier may be typed). */
export const DATA_LICENCES = [
  'CC0-1.0',
  'CC-BY-4.0',
  'CC-BY-SA-4.0',
  'CC-BY-NC-4.0',
  'ODbL-1.0',
  'etalab-2.0',
] as const;

export const SLUG_PATTERN = '^[a-z0-9]+(-[a-z0-9]+)*$';

export function draftFrom(program?: AdminProgram): ProgramDraft {
  return {
    slug: program?.slug ?? '',
    title: program?.title ?? '',
    shortDescription: program?.shortDescription ?? '',
    longDescription: program?.longDescription ?? '',
    kind: program?.kind ?? 'observations',
    projectId: program?.projectId ? String(program.projectId) : '',
    speciesListId: program?.speciesListId ? String(program.speciesListId) : '',
    registrationRequired: program?.registrationRequired ?? false,
    startsOn: program?.startsOn ?? '',
    endsOn: program?.endsOn ?? '',
    licence: program?.licence ?? 'CC-BY-4.0',
    publicValidatedOnly: program?.publicValidatedOnly ?? false,
    minSensitivity: program?.minSensitivity ?? 0,
    allowOffList: program?.allowOffList ?? false,
    // A new programme starts unpublished: it is published once it is ready.
    isActive: program?.isActive ?? false,
  };
}

/** "Les mares de Lyon !" -> "les-mares-de-lyon" */
export function slugFromTitle(title: string): string {
  return title
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
}

export type DraftProblem =
  'titleMissing' | 'slugMissing' | 'slugInvalid' | 'datesOrder' | 'licenceMissing' | 'areaMissing';

/** What keeps the programme from being saved, by field. */
export function checkDraft(
  draft: ProgramDraft,
  hasArea: boolean,
): Partial<Record<keyof ProgramDraft | 'area', DraftProblem>> {
  const found: Partial<Record<keyof ProgramDraft | 'area', DraftProblem>> = {};
  if (!draft.title.trim()) found.title = 'titleMissing';
  if (!draft.slug) found.slug = 'slugMissing';
  else if (!new RegExp(SLUG_PATTERN).test(draft.slug) || draft.slug.length > 80)
    found.slug = 'slugInvalid';
  if (draft.startsOn && draft.endsOn && draft.endsOn < draft.startsOn) found.endsOn = 'datesOrder';
  if (!draft.licence.trim()) found.licence = 'licenceMissing';
  if (!hasArea) found.area = 'areaMissing';
  return found;
}

const idOrNull = (value: string) => (value ? Number(value) : null);
const dateOrNull = (value: string) => value || null;

/** What POST /api/admin/programs takes. `area` is GeoJSON, or the text of a GeoJSON/KML file. */
export function toInput(
  draft: ProgramDraft,
  area: PolygonalGeometry | string,
  form: CustomForm | null,
): ProgramInput {
  return {
    slug: draft.slug,
    title: draft.title.trim(),
    shortDescription: draft.shortDescription.trim(),
    longDescription: draft.longDescription,
    kind: draft.kind,
    projectId: idOrNull(draft.projectId),
    area,
    speciesListId: idOrNull(draft.speciesListId),
    form: hasFields(form) ? form : null,
    registrationRequired: draft.registrationRequired,
    startsOn: dateOrNull(draft.startsOn),
    endsOn: dateOrNull(draft.endsOn),
    isActive: draft.isActive,
    licence: draft.licence.trim(),
    publicValidatedOnly: draft.publicValidatedOnly,
    minSensitivity: draft.minSensitivity,
    allowOffList: draft.allowOffList,
  };
}

/** Only what changed, for PATCH /api/admin/programs/:id; an empty object when nothing did. */
export function toPatch(
  draft: ProgramDraft,
  program: AdminProgram,
  area: PolygonalGeometry | null,
  form: CustomForm | null,
): ProgramPatch {
  const before = toInput(draftFrom(program), program.area, program.form);
  const after = toInput(draft, area ?? program.area, form);
  const patch: Record<string, unknown> = {};
  for (const key of Object.keys(after) as (keyof ProgramInput)[]) {
    // The area is compared below; publishing is its own action.
    if (key === 'area' || key === 'isActive') continue;
    if (canonical(after[key]) !== canonical(before[key])) patch[key] = after[key];
  }
  if (area && !sameArea(area, program.area)) patch.area = area;
  return patch as ProgramPatch;
}

/** JSON with sorted keys: the API's jsonb answers in its own key order. */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/** A form without any field is no form: the observation form then has no extra section. */
export function hasFields(form: CustomForm | null | undefined): form is CustomForm {
  if (!form) return false;
  const properties = (form.jsonSchema as { properties?: unknown }).properties;
  const keys = Object.keys(form.jsonSchema).filter(
    (key) => !['type', 'title', 'description', 'properties'].includes(key),
  );
  return (
    keys.length > 0 ||
    (typeof properties === 'object' && properties !== null && Object.keys(properties).length > 0)
  );
}

function sameArea(a: PolygonalGeometry, b: PolygonalGeometry): boolean {
  return JSON.stringify(polygonsOf(a)) === JSON.stringify(polygonsOf(b));
}

type Ring = number[][];

/** The polygons of an area (a Polygon is a list of one). */
export function polygonsOf(area: PolygonalGeometry | null | undefined): Ring[][] {
  if (!area) return [];
  return area.type === 'Polygon' ? [area.coordinates as Ring[]] : (area.coordinates as Ring[][]);
}

/** Polygons as one area: null for none, a MultiPolygon otherwise (as the API stores it). */
export function areaOf(polygons: Ring[][]): PolygonalGeometry | null {
  const usable = polygons.filter((polygon) => (polygon[0]?.length ?? 0) >= 4);
  return usable.length ? { type: 'MultiPolygon', coordinates: usable } : null;
}

/** [west, south, east, north] of an area, or null for none. */
export function bboxOf(
  area: PolygonalGeometry | null | undefined,
): [number, number, number, number] | null {
  const positions = polygonsOf(area).flat(2);
  if (positions.length === 0) return null;
  const lons = positions.map((p) => p[0]!);
  const lats = positions.map((p) => p[1]!);
  return [Math.min(...lons), Math.min(...lats), Math.max(...lons), Math.max(...lats)];
}

/**
 * The polygons of a GeoJSON file (geometry, Feature or FeatureCollection), to show before the
 * programme is saved; null when the text is not GeoJSON (the server reads KML, and says what is
 * wrong with a file).
 */
export function readGeoJsonArea(text: string): PolygonalGeometry | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  const polygons: Ring[][] = [];
  const visit = (node: unknown): void => {
    const n = node as {
      type?: string;
      coordinates?: unknown;
      geometry?: unknown;
      features?: unknown[];
      geometries?: unknown[];
    };
    if (n?.type === 'FeatureCollection') n.features?.forEach(visit);
    else if (n?.type === 'Feature') visit(n.geometry);
    else if (n?.type === 'GeometryCollection') n.geometries?.forEach(visit);
    else if (n?.type === 'Polygon' && Array.isArray(n.coordinates))
      polygons.push(n.coordinates as Ring[]);
    else if (n?.type === 'MultiPolygon' && Array.isArray(n.coordinates))
      polygons.push(...(n.coordinates as Ring[][]));
  };
  visit(value);
  return areaOf(polygons);
}
