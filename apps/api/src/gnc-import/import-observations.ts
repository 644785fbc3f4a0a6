import { randomUUID } from 'node:crypto';
import type { Insertable } from 'kysely';
import type { MediaTable } from '../db/schema.js';
import type { ObservationRow } from './gnc-import.repository.js';
import type { GncObservation, GncPhoto } from './gnc-source.repository.js';
import type { ImportContext } from './import-context.js';
import type { ImportedForm } from './gnc-import.repository.js';
import type { PhotoSource } from './photo-import.js';
import { answersOf, observerOf, VALIDATION_STATUSES } from './records.js';

const PAGE = 2000;

export type ProgrammeTarget = {
  gncId: number;
  id: number;
  form: ImportedForm | null;
  /** The Citizen visit of a GeoNature-citizen site on a date (site programmes). */
  visitOf: (gncSiteId: number, date: string) => number | null;
};

/**
 * A programme's observations, a page at a time: those not imported before, with their photos.
 * The SINP UUID becomes the observation's id unless Citizen already has that id.
 */
export async function importObservations(ctx: ImportContext, target: ProgrammeTarget) {
  const total = await ctx.source.countObservations(target.gncId);
  let after = 0;
  let done = 0;
  for (;;) {
    const page = await ctx.source.observations(target.gncId, after, PAGE);
    if (page.length === 0) break;
    after = page.at(-1)!.id_observation;
    await importPage(ctx, target, page);
    done += page.length;
    ctx.progress(`observations of programme ${target.gncId}`, done, total);
  }
}

async function importPage(ctx: ImportContext, target: ProgrammeTarget, page: GncObservation[]) {
  const { repository, trx, report } = ctx;
  report.read('t_obstax', page.length);
  const mapped = await repository.mapped(
    trx,
    't_obstax',
    page.map((o) => o.id_observation),
  );
  report.alreadyImported('t_obstax', mapped.size);
  const known = await repository.knownTaxa(
    trx,
    page.map((o) => o.cd_nom),
  );
  const fresh = page.filter((o) => {
    if (mapped.has(String(o.id_observation))) return false;
    if (o.x === null || o.y === null) {
      report.skip('t_obstax', o.id_observation, 'it has no point');
      return false;
    }
    if (!known.has(o.cd_nom)) {
      report.skip(
        't_obstax',
        o.id_observation,
        `cd_nom ${o.cd_nom} (${o.name}) is not in Citizen's taxonomy: import TAXREF first`,
      );
      return false;
    }
    return true;
  });
  if (fresh.length === 0) return;

  const taken = await repository.uuidsTaken(
    trx,
    'observations',
    fresh.map((o) => o.uuid_sinp),
  );
  const rows = fresh.map((o) => observationRow(ctx, target, o, taken.has(o.uuid_sinp)));
  const citizenIds = new Map(fresh.map((o, i) => [o.id_observation, rows[i]!.id]));
  const photos = await ctx.source.photosOf(
    'observations',
    fresh.map((o) => o.id_observation),
  );
  const credits = new Map(fresh.map((o, i) => [o.id_observation, creditOf(ctx, o, rows[i]!)]));
  const media = await importPhotos(ctx, photos, (owner) => credits.get(owner)!);

  await repository.insertObservations(trx, rows);
  await repository.linkObservationPhotos(
    trx,
    linksOf(photos, media).map((link) => ({
      observation_id: citizenIds.get(link.owner)!,
      media_id: link.mediaId,
      position: link.position,
    })),
  );
  await repository.insertValidationEvents(
    trx,
    rows
      .filter((row) => row.validation_status !== 'pending')
      .map((row) => ({
        observation_id: row.id,
        actor_id: row.validated_by ?? null,
        kind: 'validated' as const,
        from_status: 'pending',
        to_status: row.validation_status!,
        reason: row.validation_reason ?? null,
        comment: 'Validated in GeoNature-citizen',
        created_at: row.validated_at!,
      })),
  );
  await repository.remember(trx, 't_obstax', [...citizenIds]);
  report.imported('t_obstax', rows.length);
}

function observationRow(
  ctx: ImportContext,
  target: ProgrammeTarget,
  o: GncObservation,
  uuidTaken: boolean,
): ObservationRow {
  const where = { table: 't_obstax', id: o.id_observation };
  if (uuidTaken)
    ctx.report.note(
      't_obstax',
      o.id_observation,
      `uuid_sinp ${o.uuid_sinp} is already a Citizen observation's id: given a new one`,
    );
  if (o.count !== null && o.count < 1)
    ctx.report.note('t_obstax', o.id_observation, `count ${o.count} recorded as 1`);
  const observer = observerOf(ctx, where, o.id_role, o.obs_txt);
  const validation = VALIDATION_STATUSES[o.validation_status ?? 'NOT_VALIDATED'];
  const validator = o.id_validator === null ? null : (ctx.users.get(o.id_validator)?.id ?? null);
  const judged = validation.status !== 'pending';
  let visitId: number | null = null;
  if (o.id_site !== null) {
    visitId = target.visitOf(o.id_site, o.date);
    if (visitId === null)
      ctx.report.note(
        't_obstax',
        o.id_observation,
        `site ${o.id_site} has no visit on ${o.date} in this programme: imported without a visit`,
      );
  }
  return {
    id: uuidTaken ? randomUUID() : o.uuid_sinp,
    program_id: target.id,
    cd_nom: o.cd_nom,
    verbatim_identification: o.name,
    observed_on: o.date,
    count: o.count !== null && o.count >= 1 ? o.count : 1,
    comment: o.comment?.trim() || null,
    point: [o.x!, o.y!],
    municipality: o.municipality?.trim() || null,
    custom_data: answersOf(ctx, where, target.form, o.json_data),
    observer_id: observer.id,
    observer_name: observer.name,
    // An anonymous observer's address: kept for contact, never published (as before).
    contact_email: observer.id === null ? o.email?.trim() || null : null,
    visit_id: visitId,
    validation_status: validation.status,
    validation_reason: validation.reason,
    validated_by: judged ? validator : null,
    validated_at: judged ? (o.updated_at ?? o.created_at) : null,
    created_at: o.created_at,
    updated_at: o.updated_at ?? o.created_at,
  };
}

/** Who a photo is credited to: the observer's username, or the name an anonymous one typed. */
export function creditOf(
  ctx: ImportContext,
  record: { id_role: number | null },
  row: { observer_id?: number | null; observer_name?: string | null },
) {
  const user = record.id_role === null ? undefined : ctx.users.get(record.id_role);
  return {
    author: user?.username ?? row.observer_name ?? null,
    uploadedBy: row.observer_id ?? null,
  };
}

/**
 * The photos of a page (observations or visits): those copied before are linked again by their
 * id, the others processed and inserted. Returns the Citizen media id of every usable t_medias row.
 */
export async function importPhotos(
  ctx: ImportContext,
  photos: GncPhoto[],
  creditOf: (owner: number) => { author: string | null; uploadedBy: number | null },
): Promise<Map<number, string>> {
  const ids = [...new Set(photos.map((p) => p.id_media))];
  ctx.report.read('t_medias', ids.length);
  const mapped = await ctx.repository.mapped(ctx.trx, 't_medias', ids);
  ctx.report.alreadyImported('t_medias', mapped.size);
  const media = new Map([...mapped].map(([gnc, citizen]) => [Number(gnc), citizen]));
  const seen = new Set<number>();
  const fresh: PhotoSource[] = [];
  for (const photo of photos) {
    if (media.has(photo.id_media) || seen.has(photo.id_media)) continue;
    seen.add(photo.id_media);
    fresh.push({ idMedia: photo.id_media, filename: photo.filename, ...creditOf(photo.owner) });
  }
  const rows: Map<number, Insertable<MediaTable>> = await ctx.photos.prepare(fresh);
  await ctx.repository.insertMedia(ctx.trx, [...rows.values()]);
  await ctx.repository.remember(
    ctx.trx,
    't_medias',
    [...rows].map(([gnc, row]) => [gnc, row.id as string]),
  );
  ctx.report.imported('t_medias', rows.size);
  for (const [gnc, row] of rows) media.set(gnc, row.id as string);
  return media;
}

/** Photo links in GeoNature-citizen's order, numbered per owner, for the photos that came across. */
export function linksOf(photos: GncPhoto[], media: Map<number, string>) {
  const positions = new Map<number, number>();
  const links: { owner: number; mediaId: string; position: number }[] = [];
  const linked = new Set<string>();
  for (const photo of photos) {
    const mediaId = media.get(photo.id_media);
    if (!mediaId || linked.has(`${photo.owner}:${mediaId}`)) continue;
    linked.add(`${photo.owner}:${mediaId}`);
    const position = positions.get(photo.owner) ?? 0;
    positions.set(photo.owner, position + 1);
    links.push({ owner: photo.owner, mediaId, position });
  }
  return links;
}
