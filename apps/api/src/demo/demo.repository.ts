import { sql, type Insertable, type Kysely, type Transaction } from 'kysely';
import type {
  DB,
  MediaTable,
  ObservationMediaTable,
  ObservationsTable,
  ProgramsTable,
  SitesTable,
  TaxaTable,
} from '../db/schema.js';

type Executor = Kysely<DB> | Transaction<DB>;
type LonLat = readonly [number, number];

/** A row with its point as longitude and latitude instead of a geometry. */
type WithPoint<T> = Omit<Insertable<T>, 'geom'> & { at: LonLat };

const point = ([lon, lat]: LonLat) => sql<string>`ST_SetSRID(ST_MakePoint(${lon}, ${lat}), 4326)`;

/** True when the database holds no programme and no account: the first start of an instance. */
export async function isEmpty(db: Executor): Promise<boolean> {
  const row = await db
    .selectNoFrom((eb) => [
      eb.exists(eb.selectFrom('programs').select('id')).as('programs'),
      eb.exists(eb.selectFrom('users').select('id')).as('users'),
    ])
    .executeTakeFirstOrThrow();
  return !row.programs && !row.users;
}

export async function insertTaxonomy(
  trx: Executor,
  taxa: Insertable<TaxaTable>[],
  sensitivity: { cd_nom: number; level: number }[],
  names: { cd_nom: number; lang: string; name: string; is_preferred: boolean }[],
): Promise<void> {
  await trx.insertInto('taxa').values(taxa).execute();
  if (sensitivity.length > 0) {
    await trx
      .insertInto('sensitivity_rules')
      .values(sensitivity.map((rule) => ({ source: 'demo', ...rule })))
      .execute();
  }
  await trx.insertInto('vernacular_names').values(names).execute();
}

/** A species list of these taxa, in this order. */
export async function insertSpeciesList(
  trx: Executor,
  name: string,
  description: string,
  cdNoms: number[],
): Promise<number> {
  const { id } = await trx
    .insertInto('species_lists')
    .values({ name, description })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('species_list_taxa')
    .values(cdNoms.map((cd_nom, position) => ({ list_id: id, cd_nom, position })))
    .execute();
  return id;
}

export async function insertUsers(
  trx: Executor,
  rows: Insertable<DB['users']>[],
): Promise<{ id: number; username: string; display_name: string | null }[]> {
  return trx
    .insertInto('users')
    .values(rows)
    .returning(['id', 'username', 'display_name'])
    .execute();
}

export async function insertProject(
  trx: Executor,
  title: string,
  shortDescription: string,
): Promise<number> {
  const { id } = await trx
    .insertInto('projects')
    .values({ title, short_description: shortDescription })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/**
 * A programme whose area is a GeoJSON geometry, or the area of the programme with the slug
 * `areaOf` (the demo's site programme shares the park's).
 */
export async function insertProgram(
  trx: Executor,
  row: Omit<Insertable<ProgramsTable>, 'area'>,
  area: { geoJson: unknown } | { areaOf: string },
): Promise<number> {
  const { id } = await trx
    .insertInto('programs')
    .values({
      ...row,
      area:
        'geoJson' in area
          ? sql<string>`ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(area.geoJson)}), 4326))`
          : sql<string>`(select area from programs where slug = ${area.areaOf})`,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** `count` points spread at random in a programme's area, the same ones for the same seed. */
export async function randomPointsIn(
  trx: Executor,
  programId: number,
  count: number,
  seed: number,
): Promise<LonLat[]> {
  const { rows } = await sql<{ x: number; y: number }>`
    select ST_X(geom) as x, ST_Y(geom) as y
    from (select (ST_Dump(ST_GeneratePoints(area, ${count}, ${seed}))).geom from programs where id = ${programId}) p
  `.execute(trx);
  return rows.map((row) => [row.x, row.y] as const);
}

export async function insertObservations(trx: Executor, rows: WithPoint<ObservationsTable>[]) {
  return trx
    .insertInto('observations')
    .values(rows.map(({ at, ...row }) => ({ ...row, geom: point(at) })))
    .returning(['id', 'cd_nom', 'observer_id', 'observer_name'])
    .execute();
}

export async function insertObservationPhotos(
  trx: Executor,
  media: Insertable<MediaTable>[],
  links: Insertable<ObservationMediaTable>[],
): Promise<void> {
  if (media.length === 0) return;
  await trx.insertInto('media').values(media).execute();
  await trx.insertInto('observation_media').values(links).execute();
}

export async function insertSiteType(
  trx: Executor,
  row: Insertable<DB['site_types']>,
): Promise<number> {
  const { id } = await trx
    .insertInto('site_types')
    .values(row)
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function insertSite(trx: Executor, { at, ...row }: WithPoint<SitesTable>) {
  const { id } = await trx
    .insertInto('sites')
    .values({ ...row, geom: point(at) })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function insertVisit(trx: Executor, row: Insertable<DB['visits']>): Promise<number> {
  const { id } = await trx
    .insertInto('visits')
    .values(row)
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}
