import type { GncForm, GncSite, GncSiteType } from './gnc-source.repository.js';
import type { ImportContext } from './import-context.js';
import { creditOf, importPhotos, linksOf } from './import-observations.js';
import type { ImportedForm } from './gnc-import.repository.js';
import { importForm } from './import-programme.js';
import { answersOf, earlierImports, observerOf } from './records.js';

/**
 * A site programme's protocol: its site types (each with its GeoNature-citizen form as the
 * visit form: GeoNature-citizen asks nothing about the site itself), sites and dated visits with
 * their answers and photos. Returns how to find the visit an observation was recorded during.
 */
export async function importSites(
  ctx: ImportContext,
  program: { gncId: number; id: number },
  forms: Map<number, GncForm>,
): Promise<(gncSiteId: number, date: string) => number | null> {
  const types = await importSiteTypes(ctx, program, forms);
  const sites = await importSiteRows(ctx, program, types);
  return importVisits(ctx, program, sites, types);
}

type SiteTypes = Map<number, { id: number; form: ImportedForm | null }>;

async function importSiteTypes(
  ctx: ImportContext,
  program: { gncId: number; id: number },
  forms: Map<number, GncForm>,
) {
  const { repository, trx, report } = ctx;
  const rows = await ctx.source.siteTypes(program.gncId);
  report.read('t_typesite', rows.length);
  // A GeoNature-citizen site type may serve several programmes; a Citizen one belongs to one.
  const keyOf = (t: GncSiteType) => `${program.gncId}:${t.id_typesite}`;
  const mapped = await repository.mapped(trx, 't_typesite', rows.map(keyOf));
  const types: SiteTypes = new Map();
  for (const [position, type] of rows.entries()) {
    const earlier = mapped.get(keyOf(type));
    if (earlier) {
      types.set(type.id_typesite, {
        id: Number(earlier),
        form: await repository.visitFormOf(trx, Number(earlier)),
      });
      report.alreadyImported('t_typesite');
      continue;
    }
    const form = await importForm(ctx, type.id_form, forms, true);
    const id = await repository.insertSiteType(trx, {
      program_id: program.id,
      name: (type.type?.trim() || type.category?.trim() || `Type ${type.id_typesite}`).slice(
        0,
        200,
      ),
      description: type.type?.trim() ? (type.category?.trim() ?? '') : '',
      pictogram_url: pictogramOf(ctx, type),
      visit_form_id: form?.id ?? null,
      position,
    });
    await repository.remember(trx, 't_typesite', [[keyOf(type), id]]);
    types.set(type.id_typesite, { id, form });
    report.imported('t_typesite');
  }
  return types;
}

/** A link to the pictogram is kept; a file or inline SVG is not (reported). */
function pictogramOf(ctx: ImportContext, type: GncSiteType): string | null {
  const value = type.pictogram?.trim();
  if (!value) return null;
  if (/^(https?:\/\/|\/)\S+$/.test(value) && value.length <= 2000) return value;
  ctx.report.note(
    't_typesite',
    type.id_typesite,
    'pictogram not kept: it is no link (http(s):// or /...)',
  );
  return null;
}

async function importSiteRows(
  ctx: ImportContext,
  program: { gncId: number; id: number },
  types: SiteTypes,
) {
  const { repository, trx, report } = ctx;
  const rows = await ctx.source.sites(program.gncId);
  const sites = await earlierImports(
    ctx,
    't_sites',
    rows.map((s) => s.id_site),
  );
  const fresh = rows.filter((s) => !sites.has(s.id_site) && usableSite(ctx, s, types));
  const taken = await repository.uuidsTaken(
    trx,
    'sites',
    fresh.map((s) => s.uuid_sinp),
  );
  for (const site of fresh) {
    const creator = observerOf(
      ctx,
      { table: 't_sites', id: site.id_site },
      site.id_role,
      site.obs_txt,
    );
    const id = await repository.insertSite(trx, {
      ...(!taken.has(site.uuid_sinp) && { uuid: site.uuid_sinp }),
      program_id: program.id,
      site_type_id: types.get(site.id_type)!.id,
      name: (site.name?.trim() || `Site ${site.id_site}`).slice(0, 200),
      point: [site.x!, site.y!],
      creator_id: creator.id,
      creator_name: creator.name,
      created_at: site.created_at,
      updated_at: site.updated_at ?? site.created_at,
    });
    sites.set(site.id_site, id);
  }
  await repository.remember(
    trx,
    't_sites',
    fresh.map((s) => [s.id_site, sites.get(s.id_site)!]),
  );
  report.imported('t_sites', fresh.length);
  return { sites, typeOf: new Map(rows.map((s) => [s.id_site, s.id_type])) };
}

function usableSite(ctx: ImportContext, site: GncSite, types: SiteTypes): boolean {
  if (site.x === null || site.y === null) {
    ctx.report.skip('t_sites', site.id_site, 'it has no point');
    return false;
  }
  if (!types.has(site.id_type)) {
    ctx.report.skip(
      't_sites',
      site.id_site,
      `its site type ${site.id_type} is not one the programme offers`,
    );
    return false;
  }
  return true;
}

async function importVisits(
  ctx: ImportContext,
  program: { gncId: number; id: number },
  { sites, typeOf }: Awaited<ReturnType<typeof importSiteRows>>,
  types: SiteTypes,
) {
  const { repository, trx, report } = ctx;
  const rows = await ctx.source.visits(program.gncId);
  const visits = await earlierImports(
    ctx,
    't_visit',
    rows.map((v) => v.id_visit),
  );
  const fresh = rows.filter((v) => {
    if (visits.has(v.id_visit)) return false;
    if (!sites.has(v.id_site))
      report.skip('t_visit', v.id_visit, `its site ${v.id_site} was not imported`);
    else if (!v.date) report.skip('t_visit', v.id_visit, 'it has no date');
    else return true;
    return false;
  });
  const credits = new Map<number, ReturnType<typeof creditOf>>();
  for (const visit of fresh) {
    const where = { table: 't_visit', id: visit.id_visit };
    const observer = observerOf(ctx, where, visit.id_role, visit.obs_txt);
    const form = types.get(typeOf.get(visit.id_site)!)?.form ?? null;
    const id = await repository.insertVisit(trx, {
      site_id: sites.get(visit.id_site)!,
      visited_on: visit.date!,
      custom_data: JSON.stringify(answersOf(ctx, where, form, visit.json_data)),
      observer_id: observer.id,
      observer_name: observer.name,
      created_at: visit.created_at,
      updated_at: visit.updated_at ?? visit.created_at,
    });
    visits.set(visit.id_visit, id);
    credits.set(
      visit.id_visit,
      creditOf(ctx, visit, { observer_id: observer.id, observer_name: observer.name }),
    );
  }
  const photos = (
    await ctx.source.photosOf(
      'visits',
      fresh.map((v) => v.id_visit),
    )
  ).filter((p) => credits.has(p.owner));
  const media = await importPhotos(ctx, photos, (owner) => credits.get(owner)!);
  await repository.linkVisitPhotos(
    trx,
    linksOf(photos, media).map((l) => ({
      visit_id: visits.get(l.owner)!,
      media_id: l.mediaId,
      position: l.position,
    })),
  );
  await repository.remember(
    trx,
    't_visit',
    fresh.map((v) => [v.id_visit, visits.get(v.id_visit)!]),
  );
  report.imported('t_visit', fresh.length);

  const bySiteAndDate = new Map<string, number>();
  for (const visit of rows) {
    const id = visits.get(visit.id_visit);
    const key = `${visit.id_site}|${visit.date}`;
    if (id !== undefined && !bySiteAndDate.has(key)) bySiteAndDate.set(key, id);
  }
  return (gncSiteId: number, date: string) => bySiteAndDate.get(`${gncSiteId}|${date}`) ?? null;
}
