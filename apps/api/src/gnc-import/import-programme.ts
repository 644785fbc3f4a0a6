import { sanitizeRichText } from '../programs/programs.service.js';
import { parseArea } from '../programs/area-input.js';
import { checkFormSchema } from '../observations/custom-data.js';
import { checkProtocolForm } from '../sites/forms.js';
import { convertGncForm } from './form-conversion.js';
import { earlierImports } from './records.js';
import type { ImportedForm } from './gnc-import.repository.js';
import type { GncForm, GncProgram, GncProject } from './gnc-source.repository.js';
import type { ImportContext } from './import-context.js';

/**
 * Projects: all of them, with their texts (rich text cleaned as an administrator's would be).
 * Returns the Citizen id of every project, imported now or before.
 */
export async function importProjects(ctx: ImportContext, projects: GncProject[]) {
  const { repository, trx, report } = ctx;
  const ids = await earlierImports(
    ctx,
    't_projects',
    projects.map((p) => p.id_project),
  );
  const fresh = projects.filter((p) => !ids.has(p.id_project));
  const taken = await repository.uuidsTaken(
    trx,
    'projects',
    fresh.map((p) => p.unique_id_project),
  );
  for (const project of fresh) {
    const id = await repository.insertProject(trx, {
      ...(!taken.has(project.unique_id_project) && { uuid: project.unique_id_project }),
      title: project.name,
      short_description: project.short_desc ?? '',
      long_description: sanitizeRichText(project.long_desc ?? ''),
      created_at: project.created_at,
    });
    ids.set(project.id_project, id);
    report.imported('t_projects');
  }
  await repository.remember(
    trx,
    't_projects',
    fresh.map((p) => [p.id_project, ids.get(p.id_project)!]),
  );
  return ids;
}

/**
 * The programme row itself: texts, flags, area (repaired when invalid), form, species list and
 * image. Returns its Citizen id and form, or null (reported) when it cannot be imported.
 */
export async function insertProgramme(
  ctx: ImportContext,
  program: GncProgram,
  deps: { projects: Map<number, number>; forms: Map<number, GncForm> },
): Promise<{ id: number; form: ImportedForm | null } | null> {
  const { repository, trx, report } = ctx;
  const kind =
    program.module === 'sites'
      ? 'sites'
      : program.module === 'observations'
        ? 'observations'
        : null;
  if (!kind) {
    report.skip(
      't_programs',
      program.id_program,
      `module "${program.module}" has no Citizen equivalent`,
    );
    return null;
  }
  const area = areaOf(ctx, program);
  if (!area) return null;
  // A site programme's form is its site types'; an observation programme's is its own.
  const form =
    kind === 'observations' ? await importForm(ctx, program.id_form, deps.forms, false) : null;
  const image = await importProgrammeImage(ctx, program);
  const speciesListId =
    program.taxonomy_list === null ? null : await importSpeciesList(ctx, program.taxonomy_list);
  const taken = await repository.uuidsTaken(trx, 'programs', [program.unique_id_program]);
  const id = await repository.insertProgram(
    trx,
    {
      ...(!taken.has(program.unique_id_program) && { uuid: program.unique_id_program }),
      slug: await freeSlug(ctx, program.title),
      kind,
      project_id: deps.projects.get(program.id_project) ?? null,
      title: program.title,
      short_description: program.short_desc,
      long_description: sanitizeRichText(program.long_desc),
      image_media_id: image,
      species_list_id: speciesListId,
      form_id: form?.id ?? null,
      registration_required: program.registration_required,
      is_active: program.is_active,
      created_at: program.created_at,
    },
    area,
  );
  if (id === null) {
    report.skip('t_programs', program.id_program, 'its area has no surface once repaired');
    return null;
  }
  if (program.invalid_reason) {
    report.note('t_programs', program.id_program, `area repaired (${program.invalid_reason})`);
  }
  if (program.form_message?.trim()) {
    report.note(
      't_programs',
      program.id_program,
      'form_message not kept: Citizen has no message above the form',
    );
  }
  return { id, form };
}

function areaOf(ctx: ImportContext, program: GncProgram): string | null {
  if (!program.geojson) {
    ctx.report.skip(
      't_programs',
      program.id_program,
      'it has no area (t_geometries.geom is empty)',
    );
    return null;
  }
  try {
    return JSON.stringify(parseArea(JSON.parse(program.geojson) as object));
  } catch (error) {
    ctx.report.skip(
      't_programs',
      program.id_program,
      `its area is not usable: ${(error as Error).message}`,
    );
    return null;
  }
}

/**
 * A custom form converted to Citizen's (see form-conversion.ts); its conversion problems are
 * reported once per GeoNature-citizen form. Null (reported) when Citizen cannot use the result.
 */
export async function importForm(
  ctx: ImportContext,
  formId: number | null,
  forms: Map<number, GncForm>,
  steps: boolean,
): Promise<ImportedForm | null> {
  const stored = formId === null ? undefined : forms.get(formId);
  if (!stored) return null;
  const converted = convertGncForm(stored.json_schema, { steps });
  const where = `form ${stored.name ?? stored.id_form}`;
  try {
    if (steps) checkProtocolForm(converted, 'visitForm');
    else checkFormSchema(converted.jsonSchema);
  } catch (error) {
    ctx.report.skip(
      't_custom_form',
      stored.id_form,
      `${where} is not usable: ${(error as Error).message}`,
    );
    return null;
  }
  for (const problem of converted.problems)
    ctx.report.note('t_custom_form', stored.id_form, problem);
  const id = await ctx.repository.insertForm(
    ctx.trx,
    stored.name ?? `Form ${stored.id_form}`,
    converted.jsonSchema,
    converted.uiSchema,
  );
  ctx.report.imported('t_custom_form');
  return { id, jsonSchema: converted.jsonSchema, version: 'imported' };
}

/** The programme's image, else its logo: a Citizen programme has one picture. */
async function importProgrammeImage(
  ctx: ImportContext,
  program: GncProgram,
): Promise<string | null> {
  const candidates = [program.image, program.logo].map((f) => f?.trim() ?? '').filter(Boolean);
  for (const [i, filename] of candidates.entries()) {
    if (/^https?:\/\//.test(filename) || filename.startsWith('/')) {
      ctx.report.note(
        't_programs',
        program.id_program,
        `${filename} is a link, not a file of the media folder: not copied`,
      );
      continue;
    }
    // Programme pictures have no t_medias row: they are named by the programme.
    const rows = await ctx.photos.prepare([
      {
        idMedia: -program.id_program,
        filename,
        author: null,
        uploadedBy: null,
        reportAs: { table: 't_programs', id: program.id_program },
      },
    ]);
    const row = rows.get(-program.id_program);
    if (!row) continue;
    await ctx.repository.insertMedia(ctx.trx, [row]);
    if (i === 0 && candidates.length > 1) {
      ctx.report.note(
        't_programs',
        program.id_program,
        'logo not kept: a Citizen programme has one image',
      );
    }
    return row.id as string;
  }
  return null;
}

/**
 * A TaxHub list becomes a Citizen species list (one per list, shared by the programmes that use
 * it): the taxa observed in those programmes, and the list's taxa on the TaxHub server when
 * TAXHUB_URL is set, as far as Citizen's taxonomy has them. A later run adds what is new.
 */
export async function importSpeciesList(ctx: ImportContext, taxhubList: number): Promise<number> {
  const { repository, trx, report, source } = ctx;
  const mapped = (await repository.mapped(trx, 'taxhub_list', [taxhubList])).get(
    String(taxhubList),
  );
  let listId = mapped === undefined ? null : Number(mapped);
  if (listId === null) {
    let name = `TaxHub list ${taxhubList}`;
    if (await repository.speciesListNamed(trx, name)) name = `${name} (GeoNature-citizen)`;
    listId = await repository.insertSpeciesList(
      trx,
      name,
      'Imported from GeoNature-citizen: the taxa observed with this TaxHub list.',
      taxhubList,
    );
    await repository.remember(trx, 'taxhub_list', [[taxhubList, listId]]);
    report.read('taxhub_list');
    report.imported('taxhub_list');
  }
  const wanted = new Set(await source.taxaObservedWithList(taxhubList));
  if (ctx.taxhubList) (await ctx.taxhubList(taxhubList)).forEach((cdNom) => wanted.add(cdNom));
  const known = await repository.knownTaxa(trx, [...wanted]);
  const missing = [...wanted].filter((cdNom) => !known.has(cdNom));
  if (missing.length > 0) {
    report.note(
      'taxhub_list',
      taxhubList,
      `${missing.length} taxa not in Citizen's taxonomy left out (import TAXREF first): ${missing.slice(0, 20).join(', ')}${missing.length > 20 ? '…' : ''}`,
    );
  }
  await repository.addToSpeciesList(
    trx,
    listId,
    [...known].sort((a, b) => a - b),
  );
  return listId;
}

/** "Les mares de Lyon !" -> "les-mares-de-lyon", with -2, -3... when taken. */
async function freeSlug(ctx: ImportContext, title: string): Promise<string> {
  const base =
    title
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 70)
      .replace(/-+$/, '') || 'programme';
  const taken = await ctx.repository.slugsLike(ctx.trx, base);
  for (let n = 1; ; n++) {
    const slug = n === 1 ? base : `${base}-${n}`;
    if (!taken.has(slug)) return slug;
  }
}
