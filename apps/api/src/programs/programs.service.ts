import sanitizeHtml from 'sanitize-html';
import type {
  AdminProgram,
  BBox,
  PolygonalGeometry,
  ProgramDetail,
  ProgramInput,
  ProgramPatch,
  ProgramSummary,
  Project,
  ProjectInput,
} from '@citizen/shared';
import { DomainError } from '../http/errors.js';
import { photoUrls } from '../media/photos.service.js';
import { checkFormSchema } from '../observations/custom-data.js';
import { withFieldOrder } from '../sites/forms.js';
import type { StatsService } from '../stats/stats.js';
import { parseArea } from './area-input.js';
import { areaSql, type ProgramsRepository } from './programs.repository.js';

type SummaryRow = Awaited<ReturnType<ProgramsRepository['listActive']>>[number];
type DetailRow = NonNullable<Awaited<ReturnType<ProgramsRepository['find']>>>;
type Counts = { observations: number; species: number };
const NO_COUNTS: Counts = { observations: 0, species: 0 };

/** Rich text operators may write: formatting, headings, lists, links and images, nothing active. */
const RICH_TEXT: sanitizeHtml.IOptions = {
  allowedTags: [
    'p',
    'br',
    'strong',
    'em',
    'b',
    'i',
    'u',
    's',
    'a',
    'ul',
    'ol',
    'li',
    'h2',
    'h3',
    'h4',
    'blockquote',
    'img',
    'figure',
    'figcaption',
    'hr',
  ],
  allowedAttributes: {
    a: ['href', 'title', 'rel'],
    img: ['src', 'alt', 'title', 'width', 'height'],
  },
  allowedSchemes: ['https', 'http', 'mailto'],
  transformTags: { a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer' }) },
};

export function sanitizeRichText(html: string): string {
  return sanitizeHtml(html, RICH_TEXT);
}

export function createProgramsService(programs: ProgramsRepository, stats: StatsService) {
  /** The rows' public counts, from the statistics kept by data version. */
  async function withCounts<R extends { id: number }>(rows: R[]): Promise<[R, Counts][]> {
    const counts = await stats.programs(rows.map((row) => row.id));
    return rows.map((row) => [row, counts.get(row.id) ?? NO_COUNTS]);
  }

  async function detailOf(row: DetailRow): Promise<ProgramDetail> {
    const counts = await stats.programs([row.id]);
    return toDetail(row, counts.get(row.id) ?? NO_COUNTS);
  }

  async function checkArea(area: unknown, notices: string[]): Promise<string> {
    // A string is a GeoJSON or KML file's text; an object is GeoJSON already parsed.
    const geojson = JSON.stringify(parseArea(area as string | object));
    let inspected: Awaited<ReturnType<ProgramsRepository['inspectArea']>>;
    try {
      inspected = await programs.inspectArea(geojson);
    } catch (error) {
      throw new DomainError('program.areaUnusable', { detail: (error as Error).message });
    }
    if (inspected.empty || inspected.area_m2 <= 0) {
      throw new DomainError('program.areaEmpty');
    }
    if (!inspected.valid)
      notices.push('The area was not a valid polygon (e.g. crossing edges) and was repaired');
    return geojson;
  }

  async function checkReferences(input: ProgramPatch, id: number | null) {
    if (input.slug && (await programs.slugTaken(input.slug, id))) {
      throw new DomainError('program.slugTaken', { slug: input.slug }, { field: 'slug' });
    }
    if (input.speciesListId && !(await programs.speciesListExists(input.speciesListId))) {
      throw new DomainError(
        'program.unknownSpeciesList',
        { id: input.speciesListId },
        { field: 'speciesListId' },
      );
    }
    if (input.projectId && !(await programs.projectExists(input.projectId))) {
      throw new DomainError(
        'program.unknownProject',
        { id: input.projectId },
        { field: 'projectId' },
      );
    }
    if (input.form) checkFormSchema(input.form.jsonSchema);
  }

  function checkDates(startsOn: string | null | undefined, endsOn: string | null | undefined) {
    if (startsOn && endsOn && endsOn < startsOn) {
      throw new DomainError('program.endsBeforeStart', {}, { field: 'endsOn' });
    }
  }

  async function adminView(id: number, notices: string[] = []): Promise<AdminProgram> {
    const row = await programs.find(id);
    if (!row) throw new DomainError('program.notFound', { id });
    return { ...(await detailOf(row)), isActive: row.is_active, notices };
  }

  return {
    async list(): Promise<ProgramSummary[]> {
      return (await withCounts(await programs.listActive())).map(([row, counts]) =>
        toSummary(row, counts),
      );
    },

    async get(id: number): Promise<ProgramDetail> {
      const row = await programs.find(id);
      if (!row || !row.is_active) {
        throw new DomainError('program.notActive', { id });
      }
      return detailOf(row);
    },

    async listForAdmin(): Promise<AdminProgram[]> {
      return (await withCounts(await programs.listAll())).map(([row, counts]) => ({
        ...toDetail(row, counts),
        isActive: row.is_active,
        notices: [],
      }));
    },

    getForAdmin: (id: number) => adminView(id),

    async create(given: ProgramInput): Promise<AdminProgram> {
      // jsonb keeps no key order: the form's field order goes into its uiSchema (ui:order).
      const input = { ...given, form: given.form && withFieldOrder(given.form) };
      const notices: string[] = [];
      await checkReferences(input, null);
      checkDates(input.startsOn, input.endsOn);
      const area = await checkArea(input.area, notices);
      const id = await programs.transaction().execute(async (trx) => {
        const formId = input.form
          ? await programs.insertForm(trx, input.title, input.form.jsonSchema, input.form.uiSchema)
          : null;
        return programs.insert(trx, {
          slug: input.slug,
          title: input.title.trim(),
          short_description: input.shortDescription?.trim() ?? '',
          long_description: sanitizeRichText(input.longDescription ?? ''),
          kind: input.kind ?? 'observations',
          project_id: input.projectId ?? null,
          area: areaSql(area),
          species_list_id: input.speciesListId ?? null,
          form_id: formId,
          registration_required: input.registrationRequired ?? false,
          starts_on: input.startsOn ?? null,
          ends_on: input.endsOn ?? null,
          is_active: input.isActive ?? true,
          ...(input.licence && { licence: input.licence }),
          public_validated_only: input.publicValidatedOnly ?? false,
          min_sensitivity: input.minSensitivity ?? 0,
          allow_off_list: input.allowOffList ?? false,
        });
      });
      return adminView(id, notices);
    },

    async update(id: number, given: ProgramPatch): Promise<AdminProgram> {
      const patch = { ...given, form: given.form && withFieldOrder(given.form) };
      const current = await programs.find(id);
      if (!current) throw new DomainError('program.notFound', { id });
      const notices: string[] = [];
      await checkReferences(patch, id);
      checkDates(
        patch.startsOn === undefined ? current.starts_on : patch.startsOn,
        patch.endsOn === undefined ? current.ends_on : patch.endsOn,
      );
      const area = patch.area === undefined ? null : await checkArea(patch.area, notices);
      await programs.transaction().execute(async (trx) => {
        let formId = current.form_id;
        if (patch.form === null) formId = null;
        else if (patch.form && formId !== null)
          await programs.updateForm(trx, formId, patch.form.jsonSchema, patch.form.uiSchema);
        else if (patch.form)
          formId = await programs.insertForm(
            trx,
            patch.title ?? current.title,
            patch.form.jsonSchema,
            patch.form.uiSchema,
          );
        await programs.update(trx, id, {
          ...(patch.slug !== undefined && { slug: patch.slug }),
          ...(patch.title !== undefined && { title: patch.title.trim() }),
          ...(patch.shortDescription !== undefined && {
            short_description: patch.shortDescription.trim(),
          }),
          ...(patch.longDescription !== undefined && {
            long_description: sanitizeRichText(patch.longDescription),
          }),
          ...(patch.kind !== undefined && { kind: patch.kind }),
          ...(patch.projectId !== undefined && { project_id: patch.projectId }),
          ...(area !== null && { area: areaSql(area) }),
          ...(patch.speciesListId !== undefined && { species_list_id: patch.speciesListId }),
          form_id: formId,
          ...(patch.registrationRequired !== undefined && {
            registration_required: patch.registrationRequired,
          }),
          ...(patch.startsOn !== undefined && { starts_on: patch.startsOn }),
          ...(patch.endsOn !== undefined && { ends_on: patch.endsOn }),
          ...(patch.isActive !== undefined && { is_active: patch.isActive }),
          ...(patch.licence !== undefined && { licence: patch.licence }),
          ...(patch.publicValidatedOnly !== undefined && {
            public_validated_only: patch.publicValidatedOnly,
          }),
          ...(patch.minSensitivity !== undefined && { min_sensitivity: patch.minSensitivity }),
          ...(patch.allowOffList !== undefined && { allow_off_list: patch.allowOffList }),
        });
      });
      return adminView(id, notices);
    },

    async setImage(id: number, mediaId: string, trx: Parameters<ProgramsRepository['update']>[0]) {
      await programs.update(trx, id, { image_media_id: mediaId });
    },

    async listProjects(): Promise<Project[]> {
      return (await programs.listProjects()).map((p) => ({
        id: p.id,
        title: p.title,
        shortDescription: p.short_description,
      }));
    },

    async createProject(input: ProjectInput): Promise<Project> {
      const p = await programs.insertProject(
        input.title.trim(),
        input.shortDescription?.trim() ?? '',
      );
      return { id: p.id, title: p.title, shortDescription: p.short_description };
    },
  };
}

export type ProgramsService = ReturnType<typeof createProgramsService>;

function toSummary(row: SummaryRow, counts: Counts): ProgramSummary {
  const [west, south, east, north] = row.bbox.map(Number);
  return {
    id: row.id,
    slug: row.slug,
    kind: row.kind,
    title: row.title,
    shortDescription: row.short_description,
    imageUrl: row.image_media_id ? photoUrls(row.image_media_id).displayUrl : null,
    observationCount: counts.observations,
    speciesCount: counts.species,
    bbox: [west, south, east, north] as BBox,
  };
}

function toDetail(row: DetailRow, counts: Counts): ProgramDetail {
  return {
    ...toSummary(row, counts),
    longDescription: row.long_description,
    area: JSON.parse(row.area_geojson) as PolygonalGeometry,
    registrationRequired: row.registration_required,
    startsOn: row.starts_on,
    endsOn: row.ends_on,
    projectId: row.project_id,
    speciesListId: row.species_list_id,
    form: row.form_id
      ? {
          jsonSchema: row.json_schema as Record<string, unknown>,
          uiSchema: (row.ui_schema ?? {}) as Record<string, unknown>,
        }
      : null,
    licence: row.licence,
    publicValidatedOnly: row.public_validated_only,
    minSensitivity: row.min_sensitivity,
    allowOffList: row.allow_off_list,
  };
}
